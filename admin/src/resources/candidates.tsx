// Candidate panels on the Interview and Assistance lists (domain.md §6): the units the ranking and the refused
// returns point at for the chosen street and month, each with its reasons and a button that opens the create
// form pre-filled (unit, reasons, linked tickets).
import { useEffect, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { query } from '../reports/api';
import { MonthPicker, useMonth, useStreet } from '../reports/pickers';
import { shanghaiDate } from '../common/time';

const REFUSED_RETURNS_THRESHOLD = 3; // the API's rule (reports/candidates.ts); shown in the hint only

interface UnitRef { id: string; name: string }
interface InterviewCandidate { unit: UnitRef; reasons: string[]; bottomPlaces: [number, number] | null; refusedReturns: number; ticketIds: string[]; interview: { id: string } | null }
interface AssistanceCandidate { unit: UnitRef; rank: number; fromBottom: number; explanation: string }

/** Loads `document` for the chosen street and month; null while loading. */
function useCandidates<T>(document: string, key: string): { rows: T[] | null; error: string | null; picker: ReactNode } {
  const { streetId } = useStreet();
  const { month, setMonth } = useMonth(streetId);
  const [state, setState] = useState<{ rows: T[] | null; error: string | null }>({ rows: null, error: null });
  useEffect(() => {
    if (!streetId || !month) return;
    let live = true;
    setState({ rows: null, error: null });
    query<Record<string, T[]>>(document, { s: streetId, m: month }).then(
      (d) => live && setState({ rows: d[key]!, error: null }),
      (e: Error) => live && setState({ rows: [], error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [document, key, streetId, month]);
  const picker = (
    <Stack direction="row" spacing={1}>
      <MonthPicker value={month} onChange={setMonth} />
    </Stack>
  );
  return { ...state, picker };
}

function Panel({ title, hint, picker, error, empty, testId, children }: { title: string; hint: string; picker: ReactNode; error: string | null; empty: boolean | null; testId: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mb: 1.5, mt: 1 }} data-testid={testId}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{title}</Typography>
          {picker}
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1, minWidth: 240 }}>{hint}</Typography>
        </Stack>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {empty === null ? <Typography variant="body2" color="text.secondary">{translate('rexian.candidates.loading')}</Typography> : null}
        {empty ? <Typography variant="body2" color="text.secondary">{translate('rexian.candidates.none')}</Typography> : null}
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 1 }}>{children}</Box>
      </CardContent>
    </Card>
  );
}

const CandidateBox = ({ unit, lines, action, testId }: { unit: string; lines: ReactNode[]; action: ReactNode; testId: string }) => (
  <Box sx={{ border: '1px solid', borderColor: 'divider', borderRadius: 1, p: 1, display: 'flex', flexDirection: 'column', gap: 0.5 }} data-testid={testId}>
    <Typography variant="body2" sx={{ fontWeight: 600 }}>{unit}</Typography>
    {lines.map((l, i) => <Typography key={i} variant="body2" color="text.secondary">{l}</Typography>)}
    <Box>{action}</Box>
  </Box>
);

const today = () => shanghaiDate(new Date());

/** The list's content box with the candidate panel above the table (List's `component`). */
export const withCandidates = (Candidates: () => ReactNode) =>
  function ListWithCandidates({ children }: { children?: ReactNode }) {
    return (
      <Box sx={{ width: '100%' }}>
        <Candidates />
        <Card>{children}</Card>
      </Box>
    );
  };

export function InterviewCandidates() {
  const translate = useTranslate();
  const canCreate = useAccess().can('Interview', 'create');
  const { rows, error, picker } = useCandidates<InterviewCandidate>(
    `query($s: ID!, $m: String!) { interviewCandidates(streetId: $s, month: $m) { unit { id name } reasons bottomPlaces refusedReturns ticketIds interview { id } } }`,
    'interviewCandidates',
  );
  return (
    <Panel title={translate('rexian.candidates.interviewTitle')} hint={translate('rexian.candidates.interviewHint', { threshold: REFUSED_RETURNS_THRESHOLD })}
      picker={picker} error={error} empty={rows === null ? null : !rows.length && !error} testId="interview-candidates">
      {(rows ?? []).map((c) => {
        const lines: ReactNode[] = [];
        if (c.bottomPlaces) lines.push(translate('rexian.candidates.bottomTwice', { before: c.bottomPlaces[0], now: c.bottomPlaces[1] }));
        if (c.refusedReturns) lines.push(translate('rexian.candidates.refused', { count: c.refusedReturns }));
        if (c.ticketIds.length) lines.push(translate('rexian.candidates.tickets', { count: c.ticketIds.length }));
        const record = { unitId: c.unit.id, level: 'DEPUTY_LEADER', date: today(), reasons: c.reasons, ticketIds: c.ticketIds };
        const action = c.interview ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Chip size="small" color="success" label={translate('rexian.candidates.interviewed')} />
            <Button size="small" component={RouterLink} to={`/Interview/${c.interview.id}/show`}>{translate('rexian.candidates.openInterview')}</Button>
          </Stack>
        ) : canCreate ? (
          <Button size="small" variant="contained" component={RouterLink} to="/Interview/create" state={{ record }} data-testid="start-interview">
            {translate('rexian.candidates.startInterview')}
          </Button>
        ) : null;
        return <CandidateBox key={c.unit.id} unit={c.unit.name} lines={lines} action={action} testId="interview-candidate" />;
      })}
    </Panel>
  );
}

export function AssistanceCandidates() {
  const translate = useTranslate();
  const canCreate = useAccess().can('Assistance', 'create');
  const { rows, error, picker } = useCandidates<AssistanceCandidate>(
    `query($s: ID!, $m: String!) { assistanceCandidates(streetId: $s, month: $m) { unit { id name } rank fromBottom explanation } }`,
    'assistanceCandidates',
  );
  return (
    <Panel title={translate('rexian.candidates.assistanceTitle')} hint={translate('rexian.candidates.assistanceHint')}
      picker={picker} error={error} empty={rows === null ? null : !rows.length && !error} testId="assistance-candidates">
      {(rows ?? []).map((c) => {
        const line = translate('rexian.candidates.bottom', { place: c.fromBottom, rank: c.rank });
        const record = { unitId: c.unit.id, periodFrom: today(), status: 'PLANNED', bottlenecks: c.explanation };
        const action = canCreate ? (
          <Button size="small" variant="contained" component={RouterLink} to="/Assistance/create" state={{ record }} data-testid="start-assistance">
            {translate('rexian.candidates.startAssistance')}
          </Button>
        ) : null;
        return <CandidateBox key={c.unit.id} unit={c.unit.name} lines={[line]} action={action} testId="assistance-candidate" />;
      })}
    </Panel>
  );
}
