// The sheet pages under 台账: 负面清单 (items, records, quota status), A角/B角 (current filings, missing roles,
// per-unit history) and 优秀/示范案例 (awards with the §6 rules). Each opens for the street being worked on (the app
// bar's, common/workingStreet.tsx): it holds only that street's rows, its unit names and ticket numbers resolve
// inside it, and its flags are that street's.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, Card, CardContent, Chip, ListSubheader, MenuItem, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { Sheet } from './Sheet';
import { useMonth } from '../reports/pickers';
import { MonthField } from '../common/pickers';
import type { Option, SheetColumn } from './cells';
import { gqlQuery, loadAll, loadSheet, ticketsByNumber } from './api';
import { loadUnits, unitOptions, useLoaded, type UnitInfo } from './data';
import { useWorkingStreet } from '../common/workingStreet';

const useField = () => {
  const translate = useTranslate();
  return useCallback((resource: string, field: string) => translate(`resources.${resource}.fields.${field}`) as string, [translate]);
};
const useEnum = () => {
  const translate = useTranslate();
  return useCallback(
    (name: string, values: readonly string[]): Option[] =>
      values.map((v) => ({ value: v, label: translate(`rexian.enum.${name}.${v}`) as string, aliases: [v] })),
    [translate],
  );
};

/** A ticket column: the cell holds the 工单编号; the numbers the rows name come with them, others are looked up in the street. */
const ticketColumn = (title: string, numbers: Record<string, string> | undefined, streetId: string | null): SheetColumn => ({
  field: 'ticketId', title, kind: 'ref', width: 150,
  options: Object.entries(numbers ?? {}).map(([id, n]) => ({ value: id, label: n })),
  lookup: async (texts) => (await ticketsByNumber(texts, streetId)).map((t) => ({ value: t.id, label: t.number })),
});

/** A street's sheet rows: nothing (loading) until the street is known. */
const inStreet = <T,>(streetId: string | null, load: (s: string) => Promise<T>) => (): Promise<T | null> => (streetId ? load(streetId) : Promise.resolve(null));

// ---- 负面清单 ----

export function NegativeSheetPage() {
  const translate = useTranslate();
  const field = useField();
  const [tab, setTab] = useState(0);
  // The other tab is another sheet: this one's unsaved edits would be dropped without a word.
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => { dirty.current = d; }, []);
  const switchTab = (v: number) => {
    if (dirty.current && !window.confirm(`${translate('sheets.leave.title')}\n${translate('sheets.leave.body')}`)) return;
    setTab(v);
  };
  const { streetId } = useWorkingStreet();
  const [units] = useLoaded(() => loadUnits(streetId), [streetId]);
  const [items, reloadItems] = useLoaded(() => loadAll<Record<string, unknown>>('NegativeItem', ['id', 'version', 'code', 'title', 'category', 'points', 'active', 'description']));
  const itemColumns = useMemo<SheetColumn[]>(() => [
    { field: 'code', title: field('NegativeItem', 'code'), kind: 'text', required: true, width: 100 },
    { field: 'title', title: field('NegativeItem', 'title'), kind: 'text', required: true, width: 220 },
    { field: 'category', title: field('NegativeItem', 'category'), kind: 'text', width: 120 },
    { field: 'points', title: field('NegativeItem', 'points'), kind: 'number', required: true, width: 90 },
    { field: 'active', title: field('NegativeItem', 'active'), kind: 'bool', width: 80, options: [{ value: 'true', label: translate('sheets.yes') }, { value: 'false', label: translate('sheets.no') }] },
    { field: 'description', title: field('NegativeItem', 'description'), kind: 'text' },
  ], [field, translate]);

  const [records, reloadRecords] = useLoaded(inStreet(streetId, (s) => loadSheet<Record<string, unknown>>('NegativeRecord', {}, s)), [streetId]);
  const recordColumns = useMemo<SheetColumn[] | null>(() => {
    if (!units || !items || !records) return null;
    return [
      { field: 'unitId', title: field('NegativeRecord', 'unitId'), kind: 'ref', required: true, options: unitOptions(units), width: 180 },
      {
        field: 'itemId', title: field('NegativeRecord', 'itemId'), kind: 'ref', required: true, width: 200,
        options: items.map((i) => ({ value: String(i.id), label: String(i.title), aliases: [String(i.code)] })),
      },
      { field: 'date', title: field('NegativeRecord', 'date'), kind: 'date', required: true, width: 120 },
      { field: 'points', title: field('NegativeRecord', 'points'), kind: 'number', width: 80 },
      { field: 'note', title: field('NegativeRecord', 'note'), kind: 'text' },
      { field: 'recorder', title: field('NegativeRecord', 'recorder'), kind: 'text', width: 100 },
      ticketColumn(field('NegativeRecord', 'ticketId'), records.ticketNumbers, streetId),
    ];
  }, [units, items, records, field, streetId]);

  return (
    <Box sx={{ p: 2 }} data-testid="page-negative">
      <Title title={translate('sheets.title.negative')} />
      <Tabs value={tab} onChange={(_e, v) => switchTab(v)} sx={{ mb: 1, minHeight: 36, '& .MuiTab-root': { minHeight: 36, py: 0.5 } }}>
        <Tab label={translate('sheets.title.records')} data-testid="tab-records" />
        <Tab label={translate('sheets.title.items')} data-testid="tab-items" />
      </Tabs>
      {tab === 0 ? (
        <>
          <QuotaStatus units={units} streetId={streetId} />
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('sheets.negative.pointsHint')} {translate('sheets.ticketHint')}</Typography>
          {recordColumns ? (
            <Sheet name="negative-records" resource="NegativeRecord" columns={recordColumns} rows={records?.rows ?? null} onReload={reloadRecords} streetId={streetId} onDirtyChange={onDirtyChange} />
          ) : (
            <Typography color="text.secondary">{translate('sheets.status.loading')}</Typography>
          )}
        </>
      ) : (
        <Sheet name="negative-items" resource="NegativeItem" columns={itemColumns} rows={items} onReload={reloadItems} onSaved={reloadItems} defaults={{ active: translate('sheets.yes') }} onDirtyChange={onDirtyChange} />
      )}
    </Box>
  );
}

interface QuotaRow { unitId: string; indicator: string; allowed: number; count: number | null; exceeded: boolean }

function QuotaStatus({ units, streetId }: { units: UnitInfo[] | null; streetId: string | null }) {
  const translate = useTranslate();
  // The month every report page is on (by default the latest with tickets), not the calendar's.
  const { month: shared, setMonth } = useMonth(streetId);
  const month = shared ?? '';
  const street = streetId ?? '';
  const [rows] = useLoaded(
    async () => (street && /^\d{4}-\d{2}$/.test(month) ? (await gqlQuery<{ negativeQuotaStatus: QuotaRow[] }>(
      `query($s: ID!, $m: String!) { negativeQuotaStatus(streetId: $s, month: $m) { unitId indicator allowed count exceeded } }`, { s: street, m: month },
    )).negativeQuotaStatus : []),
    [street, month],
  );
  const unitName = (id: string) => units?.find((u) => u.id === id)?.name ?? id;
  const exceeded = rows?.filter((r) => r.exceeded) ?? [];
  return (
    <Card variant="outlined" sx={{ mb: 1.5 }}>
      <CardContent sx={{ py: 1, '&:last-child': { pb: 1 } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="subtitle2">{translate('sheets.negative.quota')}</Typography>
          <MonthField size="small" label={translate('sheets.negative.month')} value={month} onChange={setMonth} sx={{ width: 170 }} />
          {rows && !rows.length ? <Typography variant="body2" color="text.secondary">{translate('sheets.negative.noQuota')}</Typography> : null}
          {(rows ?? []).map((r) => (
            <Chip
              key={`${r.unitId}-${r.indicator}`}
              data-testid={r.exceeded ? 'quota-exceeded' : 'quota-ok'}
              color={r.exceeded ? 'error' : r.count == null ? 'default' : 'success'}
              variant={r.exceeded ? 'filled' : 'outlined'}
              label={`${unitName(r.unitId)} · ${r.indicator} ${r.count ?? translate('sheets.negative.notCounted')} / ${r.allowed}${r.exceeded ? ` · ${translate('sheets.negative.exceeded')}` : ''}`}
            />
          ))}
        </Stack>
        {exceeded.length ? null : null}
      </CardContent>
    </Card>
  );
}

// ---- A角/B角 ----

interface MissingRow { unitId: string; missingA: boolean; missingB: boolean }

export function AbSheetPage() {
  const translate = useTranslate();
  const field = useField();
  const enumOptions = useEnum();
  const { streetId } = useWorkingStreet();
  const street = streetId ?? '';
  const [units] = useLoaded(() => loadUnits(streetId), [streetId]);
  const columns = useMemo<SheetColumn[] | null>(() => units && [
    { field: 'unitId', title: field('RoleAssignment', 'unitId'), kind: 'ref', required: true, options: unitOptions(units), width: 180 },
    { field: 'role', title: field('RoleAssignment', 'role'), kind: 'select', required: true, options: enumOptions('abRole', ['A', 'B']), width: 96 },
    { field: 'personName', title: field('RoleAssignment', 'personName'), kind: 'text', required: true, width: 100 },
    { field: 'post', title: field('RoleAssignment', 'post'), kind: 'text', width: 120 },
    { field: 'phone', title: field('RoleAssignment', 'phone'), kind: 'text', width: 130 },
    { field: 'filingRef', title: field('RoleAssignment', 'filingRef'), kind: 'text', width: 170 },
    { field: 'filingDate', title: field('RoleAssignment', 'filingDate'), kind: 'date', width: 120 },
    { field: 'effectiveFrom', title: field('RoleAssignment', 'effectiveFrom'), kind: 'date', required: true, width: 120 },
  ], [units, field, enumOptions]);
  const [rows, reload] = useLoaded(
    inStreet(streetId, (s) => loadAll<Record<string, unknown>>('RoleAssignment', ['id', 'version', 'unitId', 'role', 'personName', 'post', 'phone', 'filingRef', 'filingDate', 'effectiveFrom'], { current: true }, undefined, s)),
    [streetId],
  );
  const [missing, reloadMissing] = useLoaded(
    async () => (street ? (await gqlQuery<{ unitsMissingRoles: MissingRow[] }>(`query($s: ID!) { unitsMissingRoles(streetId: $s) { unitId missingA missingB } }`, { s: street })).unitsMissingRoles : null),
    [street],
  );
  const [historyUnit, setHistoryUnit] = useState('');
  useEffect(() => setHistoryUnit(''), [streetId]);
  const [historyTick, setHistoryTick] = useState(0);
  const unitName = (id: string) => units?.find((u) => u.id === id)?.name ?? id;
  // 「（缺A角、缺B角）」 in Chinese, " (no A, no B)" in English.
  const [locale] = useLocaleState();
  const [open, sep, close] = locale === 'en' ? [' (', ', ', ')'] : ['（', '、', '）'];
  const onSaved = () => {
    reloadMissing();
    setHistoryTick((t) => t + 1);
  };

  return (
    <Box sx={{ p: 2 }} data-testid="page-ab">
      <Title title={translate('sheets.title.ab')} />
      {missing ? (
        missing.length ? (
          <Alert severity="warning" sx={{ mb: 1, py: 0 }} data-testid="ab-missing">
            {translate('sheets.ab.missing', { count: missing.length })}
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
              {missing.map((m) => (
                <Chip key={m.unitId} size="small" color="warning" variant="outlined" onClick={() => setHistoryUnit(m.unitId)}
                  label={`${unitName(m.unitId)}${open}${[m.missingA && translate('sheets.ab.missingA'), m.missingB && translate('sheets.ab.missingB')].filter(Boolean).join(sep)}${close}`} />
              ))}
            </Box>
          </Alert>
        ) : <Alert severity="success" sx={{ mb: 1, py: 0 }}>{translate('sheets.ab.allFiled')}</Alert>
      ) : null}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('sheets.ab.personHint')}</Typography>
      {columns ? (
        <Sheet name="ab-roles" resource="RoleAssignment" columns={columns} rows={rows} onReload={reload} onSaved={onSaved} streetId={streetId}
          toolbar={
            <TextField select size="small" label={translate('sheets.ab.chooseUnit')} value={historyUnit} onChange={(e) => setHistoryUnit(e.target.value)} sx={{ minWidth: 190 }} data-testid="ab-history-unit">
              <MenuItem value="">—</MenuItem>
              {(units ?? []).flatMap((u, i, all) => [
                ...(i === 0 || all[i - 1]!.peerGroup !== u.peerGroup ? [<ListSubheader key={`g-${u.peerGroup}`}>{translate(`rexian.enum.peerGroup.${u.peerGroup}`)}</ListSubheader>] : []),
                <MenuItem key={u.id} value={u.id}>{u.name}</MenuItem>,
              ])}
            </TextField>
          }
        />
      ) : <Typography color="text.secondary">{translate('sheets.status.loading')}</Typography>}
      {historyUnit ? <AbHistory unitId={historyUnit} unitName={unitName(historyUnit)} tick={historyTick} /> : null}
    </Box>
  );
}

function AbHistory({ unitId, unitName, tick }: { unitId: string; unitName: string; tick: number }) {
  const translate = useTranslate();
  const field = useField();
  const [rows] = useLoaded(
    () => loadAll<Record<string, string | null>>('RoleAssignment', ['id', 'role', 'personName', 'post', 'phone', 'filingRef', 'filingDate', 'effectiveFrom', 'effectiveTo'], { unitId }),
    [unitId, tick],
  );
  const cols = ['role', 'personName', 'post', 'phone', 'filingRef', 'filingDate', 'effectiveFrom', 'effectiveTo'];
  const sorted = [...(rows ?? [])].sort((a, b) => (a.role! + b.effectiveFrom!).localeCompare(b.role! + a.effectiveFrom!));
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="ab-history">
      <CardContent>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>{translate('sheets.ab.historyTitle', { unit: unitName })}</Typography>
        <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 14 }}>
          <thead>
            <tr>{cols.map((c) => <th key={c} style={{ textAlign: 'left', borderBottom: '1px solid #ddd', padding: 4 }}>{field('RoleAssignment', c)}</th>)}<th /></tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id!} style={{ color: r.effectiveTo ? '#757575' : undefined }}>
                {cols.map((c) => <td key={c} style={{ padding: 4, borderBottom: '1px solid #f0f0f0' }}>{c === 'role' ? translate(`rexian.enum.abRole.${r.role}`) : (r[c] ?? '')}</td>)}
                <td style={{ padding: 4 }}><Chip size="small" color={r.effectiveTo ? 'default' : 'success'} label={translate(r.effectiveTo ? 'sheets.ab.closed' : 'sheets.ab.current')} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}

// ---- 优秀/示范案例 ----

export function AwardSheetPage() {
  const translate = useTranslate();
  const field = useField();
  const enumOptions = useEnum();
  const { streetId } = useWorkingStreet();
  const [units] = useLoaded(() => loadUnits(streetId), [streetId]);
  const [rows, reload] = useLoaded(inStreet(streetId, (s) => loadSheet<Record<string, unknown>>('Award', {}, s)), [streetId]);
  const columns = useMemo<SheetColumn[] | null>(() => units && rows && [
    { field: 'kind', title: field('Award', 'kind'), kind: 'select', required: true, options: enumOptions('awardKind', ['EXCELLENT', 'DEMONSTRATION']), width: 100 },
    { field: 'unitId', title: field('Award', 'unitId'), kind: 'ref', required: true, options: unitOptions(units), width: 180 },
    { field: 'month', title: field('Award', 'month'), kind: 'month', required: true, width: 90 },
    { field: 'status', title: field('Award', 'status'), kind: 'select', required: true, options: enumOptions('awardStatus', ['NOMINATED', 'SELECTED', 'REJECTED']), width: 100 },
    { field: 'points', title: field('Award', 'points'), kind: 'number', width: 70 },
    { field: 'amount', title: field('Award', 'amount'), kind: 'number', readOnly: true, width: 100 },
    { field: 'nomination', title: field('Award', 'nomination'), kind: 'text' },
    { field: 'meetingDate', title: field('Award', 'meetingDate'), kind: 'date', width: 130 },
    { field: 'recognitionSource', title: field('Award', 'recognitionSource'), kind: 'text', width: 180 },
    ticketColumn(field('Award', 'ticketId'), rows.ticketNumbers, streetId),
  ], [units, rows, field, enumOptions, streetId]);
  // domain.md §6, the same rule as the API's (which has the last word): 示范案例 0.5–1.0 points.
  const rowRule = useCallback(
    (v: Record<string, unknown>) => {
      if (v.kind === 'DEMONSTRATION' && (typeof v.points !== 'number' || v.points < 0.5 || v.points > 1)) return { points: translate('sheets.awards.points') as string };
      return undefined;
    },
    [translate],
  );
  return (
    <Box sx={{ p: 2 }} data-testid="page-awards">
      <Title title={translate('sheets.title.awards')} />
      <Alert severity="info" sx={{ mb: 1, py: 0 }}>{translate('sheets.awards.rules')} {translate('sheets.ticketHint')}</Alert>
      {columns ? <Sheet name="awards" resource="Award" columns={columns} rows={rows?.rows ?? null} onReload={reload} rowRule={rowRule} streetId={streetId} /> : <Typography color="text.secondary">{translate('sheets.status.loading')}</Typography>}
    </Box>
  );
}


// ---- 负面指标配额 ----

/** Quotas of one month: unit, indicator and allowed count, with the system's count and the exceeded flag beside them. */
export function QuotaSheetPage() {
  const translate = useTranslate();
  const field = useField();
  const { streetId } = useWorkingStreet();
  const [units] = useLoaded(() => loadUnits(streetId), [streetId]);
  const { month: shared, setMonth } = useMonth(streetId);
  const month = shared ?? '';
  const valid = /^\d{4}-\d{2}$/.test(month);
  const [data, reload] = useLoaded(async () => {
    if (!valid || !streetId) return null;
    const [sheet, statuses] = await Promise.all([
      loadSheet<Record<string, unknown>>('NegativeQuota', { month }, streetId),
      gqlQuery<{ negativeQuotaStatus: QuotaRow[] }>(
        `query($s: ID!, $m: String!) { negativeQuotaStatus(streetId: $s, month: $m) { unitId indicator allowed count exceeded } }`, { s: streetId, m: month },
      ),
    ]);
    const status = new Map(statuses.negativeQuotaStatus.map((q) => [`${q.unitId}|${q.indicator}`, q]));
    // The counts are read-only columns of the grid: merged into each stored row by unit and indicator.
    return sheet.rows.map((r) => {
      const q = status.get(`${r.unitId}|${r.indicator}`);
      return { ...r, count: q?.count ?? null, exceeded: q ? (q.count == null ? null : q.exceeded) : null };
    });
  }, [month, valid, streetId]);
  const yes = translate('sheets.yes') as string;
  const columns = useMemo<SheetColumn[] | null>(() => units && [
    { field: 'unitId', title: field('NegativeQuota', 'unitId'), kind: 'ref', required: true, options: unitOptions(units), width: 200 },
    { field: 'month', title: field('NegativeQuota', 'month'), kind: 'month', required: true, width: 100 },
    { field: 'indicator', title: field('NegativeQuota', 'indicator'), kind: 'text', required: true, width: 140 },
    { field: 'allowed', title: field('NegativeQuota', 'allowed'), kind: 'number', required: true, width: 100 },
    { field: 'count', title: translate('sheets.quota.count') as string, kind: 'number', readOnly: true, width: 110 },
    { field: 'exceeded', title: translate('sheets.quota.exceeded') as string, kind: 'bool', readOnly: true, width: 110, flag: (t) => t === yes },
  ], [units, field, translate, yes]);
  const exceeded = (data ?? []).filter((r) => r.exceeded === true).length;
  return (
    <Box sx={{ p: 2 }} data-testid="page-quota">
      <Title title={translate('sheets.title.quota')} />
      <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center' }}>
        <MonthField size="small" label={translate('sheets.quota.month')} value={month} onChange={setMonth} sx={{ width: 170 }}
          inputAttrs={{ 'data-testid': 'quota-month' }} />
        {exceeded ? <Chip color="error" label={translate('sheets.quota.exceededCount', { count: exceeded })} data-testid="quota-exceeded-count" /> : null}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{translate('sheets.quota.hint')}</Typography>
      {columns ? (
        <Sheet name="negative-quota" resource="NegativeQuota" columns={columns} rows={data} onReload={reload} onSaved={reload} defaults={valid ? { month } : undefined} streetId={streetId} />
      ) : <Typography color="text.secondary">{translate('sheets.status.loading')}</Typography>}
    </Box>
  );
}
