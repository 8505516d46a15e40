// 暗访抽样: pick a street and a month, draw (or look at) the month's sample of 不属实 tickets, and record each visit.
// The rules (population, size, redraw, consequences of an overturned finding) live in the API; this page only
// shows what it answers and hands its Chinese errors to the clerk.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { Link, Title, useNotify, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { mutate, query } from '../reports/api';
import { MonthPicker, useMonth, useStreet } from '../reports/pickers';
import { formatDate, formatDateTime } from '../common/time';
import { RecordVisitDialog } from './RecordVisitDialog';
import { SAMPLE_FIELDS, type Sample, type Visit } from './api';

export const UndercoverPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { mayCall } = useAccess();
  const street = useStreet();
  // Shared with the report screens: by default the street's latest month with tickets.
  const { month, setMonth } = useMonth(street.streetId);
  const [sample, setSample] = useState<Sample | null | undefined>(undefined);
  const [sharePct, setSharePct] = useState('15');
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [recording, setRecording] = useState<Visit | null>(null);
  const mayDraw = mayCall('Mutation.drawUndercoverSample');
  const mayRecord = mayCall('Mutation.recordUndercoverVisit');

  const load = useCallback(async () => {
    if (!street.streetId || !month) return;
    try {
      const d = await query<{ undercoverSample: Sample | null }>(`query($s: ID!, $m: String!) { undercoverSample(streetId: $s, month: $m) { ${SAMPLE_FIELDS} } }`, { s: street.streetId, m: month });
      setSample(d.undercoverSample);
    } catch (e) {
      setSample(null);
      notify((e as Error).message, { type: 'error' });
    }
  }, [street.streetId, month, notify]);

  useEffect(() => {
    setSample(undefined);
    void load();
  }, [load]);

  const draw = async (redraw: boolean) => {
    if (!street.streetId || !month) return;
    setBusy(true);
    try {
      const share = sharePct.trim() ? Number(sharePct) / 100 : null;
      const d = await mutate<{ drawUndercoverSample: Sample }>(
        `mutation($s: ID!, $m: String!, $share: Float, $seed: Int, $redraw: Boolean) { drawUndercoverSample(streetId: $s, month: $m, share: $share, seed: $seed, redraw: $redraw) { ${SAMPLE_FIELDS} } }`,
        { s: street.streetId, m: month, share, seed: seed.trim() ? Number(seed) : null, redraw },
      );
      setSample(d.drawUndercoverSample);
      notify('undercover.drawnOk', { type: 'info', messageArgs: { size: d.drawUndercoverSample.size, population: d.drawUndercoverSample.population } });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const status = (v: Visit) =>
    v.recordedAt === null ? (
      <Chip size="small" label={translate('undercover.status.pending')} />
    ) : v.overturned ? (
      <Chip size="small" color="error" label={translate('undercover.status.overturned')} />
    ) : (
      <Chip size="small" color="success" variant="outlined" label={translate('undercover.status.upheld')} />
    );

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1300 }} data-testid="undercover-page">
      <Title title={translate('undercover.title')} />
      <Typography variant="body2" color="text.secondary">{translate('undercover.intro')}</Typography>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <MonthPicker value={month} onChange={setMonth} />
        {mayDraw && sample !== undefined && (sample === null || sample.recordedCount === 0) ? (
          <>
            <TextField size="small" label={translate('undercover.share')} value={sharePct} onChange={(e) => setSharePct(e.target.value)} inputProps={{ name: 'share', inputMode: 'decimal' }} sx={{ width: 130 }} />
            <TextField size="small" label={translate('undercover.seed')} value={seed} onChange={(e) => setSeed(e.target.value)} inputProps={{ name: 'seed', inputMode: 'numeric' }} sx={{ width: 160 }} />
            <Button variant={sample ? 'outlined' : 'contained'} disabled={busy} onClick={() => void draw(!!sample)} data-testid="draw-sample">
              {translate(sample ? 'undercover.redraw' : 'undercover.draw')}
            </Button>
          </>
        ) : null}
      </Stack>

      {sample === null ? <Alert severity="info">{translate('undercover.notDrawn', { month: month ?? '' })}</Alert> : null}

      {sample ? (
        <Card variant="outlined">
          <CardContent>
            <Stack direction="row" spacing={4} flexWrap="wrap" useFlexGap data-testid="sample-summary">
              {[
                ['seed', String(sample.seed)],
                ['share', `${Math.round(sample.share * 1000) / 10}%`],
                ['population', String(sample.population)],
                ['size', String(sample.size)],
                ['recorded', `${sample.recordedCount} / ${sample.size}`],
                ['overturned', String(sample.overturnedCount)],
                ['drawnAt', formatDateTime(sample.drawnAt)],
                ['drawnBy', sample.drawnBy ?? translate('undercover.summary.system')],
              ].map(([k, v]) => (
                <Box key={k}>
                  <Typography variant="caption" color="text.secondary">{translate(`undercover.summary.${k}`)}</Typography>
                  <Typography variant="h6" data-field={k}>{v}</Typography>
                </Box>
              ))}
            </Stack>
            {mayDraw && sample.recordedCount === 0 ? <Typography variant="caption" color="text.secondary">{translate('undercover.redrawHint')}</Typography> : null}
          </CardContent>
        </Card>
      ) : null}

      {sample ? (
        <Card variant="outlined">
          <Table size="small" data-testid="sample-visits">
            <TableHead>
              <TableRow>
                {['number', 'unit', 'closedAt', 'visitedAt', 'status', 'finding', 'consequence', 'actions'].map((c) => (
                  <TableCell key={c}>{translate(`undercover.column.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {sample.visits.length === 0 ? (
                <TableRow><TableCell colSpan={8}>{translate('undercover.empty')}</TableCell></TableRow>
              ) : null}
              {sample.visits.map((v) => (
                <TableRow key={v.id} data-visit={v.id}>
                  <TableCell>{v.ticket ? <Link to={`/Ticket/${v.ticket.id}/show`}>{v.ticket.number}</Link> : v.ticketId}</TableCell>
                  <TableCell>{v.ticket?.unit?.name ?? ''}</TableCell>
                  <TableCell>{formatDateTime(v.ticket?.closedAt)}</TableCell>
                  <TableCell>{formatDate(v.visitedAt)}</TableCell>
                  <TableCell>{status(v)}</TableCell>
                  <TableCell sx={{ maxWidth: 280 }}>{v.finding ?? ''}</TableCell>
                  <TableCell>
                    <Stack spacing={0.5}>
                      {v.negativeRecord ? <span>{translate('undercover.consequence.negative', { points: v.negativeRecord.points })}</span> : null}
                      {v.disciplineReferral ? (
                        <span>{translate('undercover.consequence.referral', { conduct: translate(`rexian.enum.conduct.${v.disciplineReferral.conduct}`) })}</span>
                      ) : null}
                    </Stack>
                  </TableCell>
                  <TableCell>
                    {mayRecord ? (
                      <Button size="small" onClick={() => setRecording(v)} data-testid={`record-${v.id}`}>{translate('undercover.record')}</Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}

      {recording ? (
        <RecordVisitDialog
          visit={recording}
          onClose={() => setRecording(null)}
          onSaved={() => {
            setRecording(null);
            notify('undercover.saved', { type: 'info' });
            void load();
          }}
        />
      ) : null}
    </Box>
  );
};
