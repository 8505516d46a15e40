// 报表: the archive of generated reports (kind, period, street, version, who, when; .docx/.xlsx downloads and the
// page view) and the form that generates one (generateReport) or previews it without archiving (reportContent).
import DescriptionIcon from '@mui/icons-material/Description';
import GridOnIcon from '@mui/icons-material/GridOn';
import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useAccess } from '../../access';
import { mutate, query } from '../api';
import { dateTime, previousMonth } from '../format';
import { useStreet } from '../pickers';
import { DateField, MonthField, WeekField, YearField } from '../../common/pickers';
import { isIsoValue } from '../../common/pickerValues';
import { enPickers, zhPickers } from '../../common/pickerMessages';
import { usePageText } from '../../work/pageText';

export const KINDS = ['WEEKLY', 'MONTHLY', 'RANKING_NOTICE', 'CAMPAIGN', 'YEARLY', 'HOTSPOT'] as const;
/** Kinds made from a record's page (预警单 on a warning, 领导派单/督办单 on a ticket): listed, not generated here. */
const LISTED_KINDS = [...KINDS, 'MEETING_WEEKLY', 'MEETING_MONTHLY', 'MEETING_PARTY', 'WARNING_FORM', 'LEADER_ORDER_FORM'] as const;
const SUBJECTS = ['topic', 'area', 'road', 'group', 'hotspot'] as const;
export type Kind = (typeof KINDS)[number];

interface ArchiveRow {
  id: string;
  kind: string;
  period: string;
  version: number;
  createdAt: string;
  street: { id: string; name: string } | null;
  createdBy: { name: string } | null;
  docxUrl: string;
  xlsxUrl: string;
}

/** The ISO week (YYYY-Www) containing a date. */
function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function defaultPeriod(kind: Kind): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  if (kind === 'WEEKLY') return isoWeek(new Date(now.getTime() - 7 * 86_400_000));
  if (kind === 'YEARLY') return String(now.getUTCFullYear() - 1);
  if (kind === 'CAMPAIGN') return '';
  if (kind === 'HOTSPOT') return 'topic:@/';
  return previousMonth();
}

/** The period's field kind (week 2023-W24, year 2023, month 2023-06, days 2023-05-01) and whether it holds a whole period. */
const periodField = (kind: Kind) => (kind === 'WEEKLY' ? 'week' : kind === 'YEARLY' ? 'year' : kind === 'CAMPAIGN' || kind === 'HOTSPOT' ? 'date' : 'month');
function periodComplete(kind: Kind, period: string): boolean {
  if (kind === 'HOTSPOT' || kind === 'CAMPAIGN') {
    const days = (kind === 'HOTSPOT' ? period.slice(period.lastIndexOf('@') + 1) : period).split('/');
    return days.length === 2 && days.every((d) => isIsoValue('date', d));
  }
  return isIsoValue(periodField(kind), period);
}

/**
 * The period field of a kind, in contract.md's formats: text fields with a calendar in the app's language
 * (common/pickers.tsx). A field holding text that is no period (its error under it) is reported by `onBad`, so that
 * nothing is generated from the period shown before.
 */
const PeriodInput = ({ kind, value, onChange, onBad }: { kind: Kind; value: string; onChange: (v: string) => void; onBad: (field: string, bad: boolean) => void }) => {
  const translate = useTranslate();
  const common = { size: 'small' as const, InputLabelProps: { shrink: true } };
  if (kind === 'HOTSPOT') {
    // topic:餐饮油烟@2023-05-01/2023-08-31 (contract: the subject, then the date range)
    const at = value.lastIndexOf('@');
    const head = at < 0 ? value : value.slice(0, at);
    const [from = '', to = ''] = (at < 0 ? '' : value.slice(at + 1)).split('/');
    const colon = head.indexOf(':');
    const type = colon < 0 ? 'topic' : head.slice(0, colon);
    const name = colon < 0 ? '' : head.slice(colon + 1);
    const set = (t: string, n: string, f: string, e: string) => onChange(`${t}:${n}@${f}/${e}`);
    return (
      <>
        <TextField select {...common} label={translate('reportDocs.subject.type')} value={type} onChange={(e) => set(e.target.value, name, from, to)} sx={{ width: 170 }} inputProps={{ name: 'subjectType' }}>
          {SUBJECTS.map((x) => <MenuItem key={x} value={x}>{translate(`reportDocs.subject.${x}`)}</MenuItem>)}
        </TextField>
        <TextField {...common} label={translate('reportDocs.subject.value')} value={name} onChange={(e) => set(type, e.target.value, from, to)} inputProps={{ name: 'subject' }} sx={{ width: 150 }} />
        <DateField size="small" clearable label={translate('reportDocs.archive.from')} value={from} onChange={(v) => { onBad('periodFrom', false); set(type, name, v, to); }} onInvalid={() => onBad('periodFrom', true)} name="periodFrom" sx={{ width: 180 }} />
        <DateField size="small" clearable label={translate('reportDocs.archive.to')} value={to} onChange={(v) => { onBad('periodTo', false); set(type, name, from, v); }} onInvalid={() => onBad('periodTo', true)} name="periodTo" sx={{ width: 180 }} />
      </>
    );
  }
  if (kind === 'CAMPAIGN') {
    const [from = '', to = ''] = value.split('/');
    return (
      <>
        <DateField size="small" clearable label={translate('reportDocs.archive.from')} value={from} onChange={(v) => { onBad('periodFrom', false); onChange(`${v}/${to}`); }} onInvalid={() => onBad('periodFrom', true)} name="periodFrom" sx={{ width: 180 }} />
        <DateField size="small" clearable label={translate('reportDocs.archive.to')} value={to} onChange={(v) => { onBad('periodTo', false); onChange(`${from}/${v}`); }} onInvalid={() => onBad('periodTo', true)} name="periodTo" sx={{ width: 180 }} />
      </>
    );
  }
  const periodProps = {
    size: 'small' as const, label: translate('reportDocs.archive.period'), value, name: 'period',
    onChange: (v: string) => { onBad('period', false); onChange(v); }, onInvalid: () => onBad('period', true),
  };
  if (kind === 'WEEKLY') return <WeekField key="week" {...periodProps} sx={{ width: 240 }} />;
  if (kind === 'YEARLY') return <YearField key="year" {...periodProps} sx={{ width: 150 }} />;
  return <MonthField key="month" {...periodProps} sx={{ width: 190 }} />;
};

export const ArchivePage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { mayCall } = useAccess();
  const { streetId, street } = useStreet();
  const [kind, setKind] = useState<Kind>('WEEKLY');
  const [period, setPeriod] = useState(() => defaultPeriod('WEEKLY'));
  const [bad, setBad] = useState<Record<string, boolean>>({});
  const [filterKind, setFilterKind] = useState<(typeof LISTED_KINDS)[number] | ''>('');
  const [rows, setRows] = useState<ArchiveRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const d = await query<{ allReports: ArchiveRow[] }>(
        `query($filter: ReportFilter) { allReports(perPage: 100, sortField: "createdAt", sortOrder: "DESC", filter: $filter) { id kind period version createdAt street { id name } createdBy { name } docxUrl xlsxUrl } }`,
        { filter: { ...(filterKind ? { kind: filterKind } : {}), ...(streetId ? { streetId } : {}) } },
      );
      setRows(d.allReports);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [filterKind, streetId]);
  useEffect(() => void load(), [load]);

  const pickerText = usePageText(zhPickers, enPickers);
  const generate = async () => {
    if (!period || period.split('/').some((p) => !p) || (kind === 'HOTSPOT' && /:@|@\/|\/$/.test(period))) return notify('reportDocs.archive.period_required', { type: 'warning' });
    if (Object.values(bad).some(Boolean) || !periodComplete(kind, period)) {
      const field = periodField(kind);
      return notify(pickerText('invalid', { field: translate('reportDocs.archive.period'), example: pickerText(`example.${field}`) }), { type: 'warning' });
    }
    setBusy(true);
    try {
      const d = await mutate<{ generateReport: { kind: Kind; period: string; version: number } }>(
        `mutation($kind: ReportKind!, $streetId: ID!, $period: String!) { generateReport(kind: $kind, streetId: $streetId, period: $period) { id kind period version docxUrl xlsxUrl } }`,
        { kind, streetId, period },
      );
      const g = d.generateReport;
      notify('reportDocs.archive.generated', { type: 'success', messageArgs: { kind: translate(`reportDocs.kind.${g.kind}`), period: g.period, version: g.version } });
      await load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const previewPath = `/reports-view?${new URLSearchParams({ kind, period, ...(streetId ? { streetId } : {}) })}`;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }} data-testid="report-archive">
      <Title title={translate('reportDocs.archive.title')} />
      {mayCall('Mutation.generateReport') ? (
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 2 }}>{translate('reportDocs.archive.generate')}</Typography>
            <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
              <TextField select size="small" label={translate('reportDocs.archive.kind')} value={kind} sx={{ width: 160 }} inputProps={{ name: 'kind' }}
                onChange={(e) => { const k = e.target.value as Kind; setKind(k); setPeriod(defaultPeriod(k)); setBad({}); }}>
                {KINDS.map((k) => <MenuItem key={k} value={k}>{translate(`reportDocs.kind.${k}`)}</MenuItem>)}
              </TextField>
              <TextField size="small" label={translate('reportDocs.archive.street')} value={street?.name ?? ''} InputProps={{ readOnly: true }} sx={{ width: 160 }} />
              <PeriodInput kind={kind} value={period} onChange={setPeriod} onBad={(f, b) => setBad((x) => ({ ...x, [f]: b }))} />
              <Button variant="contained" onClick={generate} disabled={busy || !streetId} data-testid="generate-report">{translate('reportDocs.archive.generate_button')}</Button>
              <Button component={Link} to={previewPath} disabled={!streetId || !period}>{translate('reportDocs.archive.preview')}</Button>
            </Stack>
          </CardContent>
        </Card>
      ) : null}
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center', gap: 2, mb: 1 }}>
            <Typography variant="h6" component="h2">{translate('reportDocs.archive.title')}</Typography>
            <TextField select size="small" value={filterKind} onChange={(e) => setFilterKind(e.target.value as (typeof LISTED_KINDS)[number] | '')} sx={{ width: 160 }}
              SelectProps={{ displayEmpty: true }} inputProps={{ name: 'filterKind', 'aria-label': translate('reportDocs.archive.kind') }}>
              <MenuItem value="">{translate('reportDocs.archive.all_kinds')}</MenuItem>
              {LISTED_KINDS.map((k) => <MenuItem key={k} value={k}>{translate(`reportDocs.kind.${k}`)}</MenuItem>)}
            </TextField>
          </Stack>
          {error ? <Alert severity="error">{error}</Alert> : null}
          {rows && rows.length === 0 ? <Typography color="text.secondary">{translate('reportDocs.archive.empty')}</Typography> : null}
          {rows && rows.length > 0 ? (
            <Table size="small" data-testid="report-archive-table">
              <TableHead>
                <TableRow>
                  {['kind', 'period', 'street', 'version', 'created_by', 'created_at', 'download', 'view'].map((k) => (
                    <TableCell key={k}>{translate(`reportDocs.archive.${k}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} hover>
                    <TableCell>{translate(`reportDocs.kind.${r.kind}`, { _: r.kind })}</TableCell>
                    <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{r.period}</TableCell>
                    <TableCell>{r.street?.name ?? translate('reportDocs.archive.district')}</TableCell>
                    <TableCell>{r.version}</TableCell>
                    <TableCell>{r.createdBy?.name ?? translate('reportDocs.archive.scheduled')}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(r.createdAt)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <Button size="small" href={r.docxUrl} download startIcon={<DescriptionIcon />}>.docx</Button>
                      <Button size="small" href={r.xlsxUrl} download startIcon={<GridOnIcon />}>.xlsx</Button>
                    </TableCell>
                    <TableCell><Button size="small" component={Link} to={`/reports-archive/${r.id}`}>{translate('reportDocs.archive.view')}</Button></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
};
