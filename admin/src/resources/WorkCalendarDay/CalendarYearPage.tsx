// 录入年度安排: paste the State Council notice for a year, preview the days and the open tickets whose due times
// move (old → new), then save — the API replaces the year's calendar and recomputes them in one transaction.
import { useState } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Confirm, Title, useNavigate, useNotify, useTranslate } from 'react-admin';
import { announceWorkChanged } from '../../work/useMyWork';
import { mutate, query } from '../../reports/api';
import { formatDate, formatDateTime } from '../../common/time';
import { YearField } from '../../common/pickers';

interface PasteDay { day: string; isWorkday: boolean; name: string | null; line: number | null }
interface DueChange {
  ticketId: string; number: string; status: string;
  firstContactDueBefore: string | null; firstContactDueAfter: string | null;
  completionDueBefore: string | null; completionDueAfter: string | null;
}
interface Preview {
  year: number; holidays: number; makeUpDays: number; warnings: string[];
  days: PasteDay[]; removed: PasteDay[]; replaces: { source: string } | null; changes: DueChange[];
}

const PREVIEW = `query($y: Int!, $t: String!) { previewCalendarYear(year: $y, text: $t) {
  year holidays makeUpDays warnings replaces { source } days { day isWorkday name line } removed { day isWorkday name line }
  changes { ticketId number status firstContactDueBefore firstContactDueAfter completionDueBefore completionDueAfter } } }`;
const SAVE = `mutation($y: Int!, $t: String!) { saveCalendarYear(year: $y, text: $t) { ticketsUpdated } }`;

const nextYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) + 1;

/** "old → new" when the time moves, else the time alone. */
const Moved = ({ before, after }: { before: string | null; after: string | null }) =>
  before === after ? <>{formatDateTime(after)}</> : (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      <Box component="span" sx={{ color: 'text.secondary', textDecoration: 'line-through' }}>{formatDateTime(before)}</Box>
      {' → '}
      <Box component="span" sx={{ fontWeight: 600 }}>{formatDateTime(after)}</Box>
    </Box>
  );

export const CalendarYearPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const params = useParams();
  const [year, setYear] = useState(Number(params.year) || nextYear());
  // The year field holds text that is no year (its error shown under it): no preview or save until corrected.
  const [yearBad, setYearBad] = useState(false);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<{ year: number; text: string; data: Preview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const current = preview && preview.year === year && preview.text === text ? preview.data : null;

  const runPreview = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await query<{ previewCalendarYear: Preview }>(PREVIEW, { y: year, t: text });
      setPreview({ year, text, data: d.previewCalendarYear });
    } catch (e) {
      setPreview(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      const d = await mutate<{ saveCalendarYear: { ticketsUpdated: number } }>(SAVE, { y: year, t: text });
      notify(translate('calendar.page.saved', { year, n: d.saveCalendarYear.ticketsUpdated }), { type: 'success' });
      announceWorkChanged();
      navigate('/WorkCalendarDay');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ p: 2, maxWidth: 1100 }}>
      <Title title={translate('calendar.page.title', { year })} />
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">{translate('calendar.page.intro')}</Typography>
            <Typography variant="caption" color="text.secondary">{translate('calendar.page.source')}</Typography>
            <YearField
              label={translate('calendar.page.year')} size="small" sx={{ width: 160 }} name="year" min="2004" max="2100"
              value={String(year)} onChange={(v) => { setYear(Number(v)); setYearBad(false); }} onInvalid={() => setYearBad(true)}
            />
            <TextField
              multiline minRows={8} fullWidth value={text} onChange={(e) => setText(e.target.value)}
              placeholder={translate('calendar.page.placeholder', { year })}
              inputProps={{ 'aria-label': translate('calendar.page.title', { year }), style: { fontFamily: 'monospace' } }}
            />
            {error ? <Alert severity="error" sx={{ whiteSpace: 'pre-wrap' }}>{error.split('；').join('\n')}</Alert> : null}
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" onClick={runPreview} disabled={busy || yearBad || !text.trim()}>{translate('calendar.page.preview')}</Button>
              <Button variant="contained" onClick={() => setConfirming(true)} disabled={busy || yearBad || !current} title={current ? undefined : translate('calendar.page.needPreview')}>
                {translate('calendar.page.save')}
              </Button>
              <Button component={RouterLink} to="/WorkCalendarDay">{translate('calendar.page.back')}</Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
      {current ? <PreviewView p={current} /> : null}
      <Confirm
        isOpen={confirming} loading={busy} onConfirm={save} onClose={() => setConfirming(false)}
        title={translate('calendar.page.title', { year })}
        content={translate('calendar.page.confirm', { year, n: current?.changes.length ?? 0 })}
      />
    </Box>
  );
};

const PreviewView = ({ p }: { p: Preview }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      {p.replaces ? <Alert severity="warning">{translate('calendar.page.replaces', { source: p.replaces.source })}</Alert> : null}
      {p.warnings.length ? <Alert severity="info"><b>{translate('calendar.page.warnings')}</b>{p.warnings.map((w) => <div key={w}>{w}</div>)}</Alert> : null}
      {p.removed.length ? (
        <Alert severity="warning">
          <b>{translate('calendar.page.removed', { n: p.removed.length })}</b>
          <div>{p.removed.map((d) => `${formatDate(d.day)} ${d.name ?? ''}`).join('、')}</div>
        </Alert>
      ) : null}
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" fontWeight={600} gutterBottom>{translate('calendar.page.changes', { n: p.changes.length })}</Typography>
          {p.changes.length === 0 ? <Typography variant="body2" color="text.secondary">{translate('calendar.page.noChanges')}</Typography> : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('calendar.page.ticket')}</TableCell>
                  <TableCell>{translate('calendar.page.status')}</TableCell>
                  <TableCell>{translate('calendar.page.firstContactDue')}</TableCell>
                  <TableCell>{translate('calendar.page.completionDue')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {p.changes.map((c) => (
                  <TableRow key={c.ticketId}>
                    <TableCell><RouterLink to={`/Ticket/${c.ticketId}/show`}>{c.number}</RouterLink></TableCell>
                    <TableCell>{translate(`rexian.enum.ticketStatus.${c.status}`, { _: c.status })}</TableCell>
                    <TableCell><Moved before={c.firstContactDueBefore} after={c.firstContactDueAfter} /></TableCell>
                    <TableCell><Moved before={c.completionDueBefore} after={c.completionDueAfter} /></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" fontWeight={600} gutterBottom>
            {translate('calendar.page.days', { holidays: p.holidays, makeUp: p.makeUpDays })}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('calendar.page.day')}</TableCell>
                <TableCell>{translate('calendar.page.kind')}</TableCell>
                <TableCell>{translate('calendar.page.name')}</TableCell>
                <TableCell>{translate('calendar.page.line')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {p.days.map((d) => (
                <TableRow key={d.day}>
                  <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{formatDate(d.day)}</TableCell>
                  <TableCell>
                    <Chip size="small" color={d.isWorkday ? 'warning' : 'success'} label={translate(d.isWorkday ? 'calendar.page.workday' : 'calendar.page.holiday')} />
                  </TableCell>
                  <TableCell>{d.name}</TableCell>
                  <TableCell>{d.line}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Stack>
  );
};
