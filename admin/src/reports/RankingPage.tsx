// 绩效排名: the monthly unit ranking of a street by peer group (rank, indicators, base score, bonus, deduction,
// total; a unit short of the minimum sample measured over its rolling window shows 「近2月」, 样本不足 rows greyed,
// each with the rule in a tooltip), its published/draft state with the publish button and the differences from a
// recomputation, the Excel export, and the ranking of the district's streets. A row opens the unit's explanation.
// For the monthly meeting (issue #15, ranking/MeetingParts.tsx): rates coloured against the scheme's targets (on both
// tabs, by one RateCell; a 样本不足 row's rates stay plain, as the row is greyed and unranked), the
// rank change against the previous month, the scoring rules folded into one line, who published and when, and a
// publish dialog that warns about open tickets and pending callbacks.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Stack, Tab, Table, TableBody, TableCell, TableHead,
  TableRow, Tabs, Tooltip,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import PublishIcon from '@mui/icons-material/Publish';
import { Title, useGetOne, useNavigate, useNotify, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { download, KPI_FIELDS, loadTargets, mutate, query, RATES, type ExportFile, type Kpis } from './api';
import { dateTime, DASH, firstMonthOf, score } from './format';
import { MonthPicker, useMonth, useStreet } from './pickers';
import { explainPath } from './Dashboard';
import { RankingDifferences, type Difference } from './RankingDifferences';
import {
  PublishDialog, PublisherLine, RankChangeCell, RateCell, RulesPanel, RULES_FIELDS, TargetLegend, targetsOf, useMeetingText,
  type ChangeRow, type RankingRules, type Targets,
} from './ranking/MeetingParts';

/** How a row was measured (domain.md §4): the window its indicators cover and the closed counts that chose it. */
interface WindowInfo { windowMonths: number; sampleTooSmall: boolean; closedByMonth: number[]; minSample: number }
interface UnitRow extends WindowInfo, ChangeRow { rank: number | null; unit: { id: string; name: string; code: string }; peerGroup: string; kpis: Kpis; baseScore: number | null; bonus: number; deduction: number; total: number | null }
interface StreetRow extends WindowInfo { rank: number | null; street: { id: string; name: string; code: string }; kpis: Kpis; baseScore: number | null; total: number | null }
interface Status {
  published: boolean; publishedAt: string | null; publishedBy: string | null; publishedByRole: string | null; differences: Difference[];
  previousMonth: string; previousPublished: boolean; rules: RankingRules;
}

const PEER_GROUPS = ['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL'] as const;
const STATUS_FIELDS = `published publishedAt publishedBy publishedByRole differences { unitId unit { name } field snapshot current }
  previousMonth previousPublished ${RULES_FIELDS}`;
const WINDOW_FIELDS = 'windowMonths sampleTooSmall closedByMonth minSample';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** The explanation of a row opens on the same months as its indicators (`months` = its window). */
const rowExplainPath = (nodeType: string, nodeId: string, month: string, w: WindowInfo) =>
  explainPath({ nodeType, nodeId, month, indicator: 'FIRST_CONTACT' }) + (w.windowMonths > 1 ? `&months=${w.windowMonths}` : '');

/** 「近2月」 beside a windowed row's name, the rule in its tooltip. */
const WindowChip = ({ row, month }: { row: WindowInfo; month: string }) => {
  const translate = useTranslate();
  if (row.windowMonths <= 1) return null;
  const tip = translate('reports.ranking.window_tip', {
    closed: row.closedByMonth[0] ?? 0, min: row.minSample, n: row.windowMonths, from: firstMonthOf(month, row.windowMonths), to: month,
  });
  return (
    <Tooltip title={tip}>
      <Chip data-testid="window-chip" size="small" variant="outlined" color="info" sx={{ ml: 1 }} label={translate('reports.ranking.window_chip', { n: row.windowMonths })} />
    </Tooltip>
  );
};

/** The rank, or 样本不足 with the rule (the month's count and the longest window's) in its tooltip. */
const RankCell = ({ row, rank, month }: { row: WindowInfo; rank: number | null; month: string }) => {
  const translate = useTranslate();
  let content: ReactNode = rank ?? DASH;
  if (rank === null && row.sampleTooSmall) {
    const n = row.closedByMonth.length;
    const tip = n > 1
      ? translate('reports.ranking.too_small_tip', {
        closed: row.closedByMonth[0] ?? 0, total: row.closedByMonth.reduce((a, b) => a + b, 0), min: row.minSample, n, from: firstMonthOf(month, n), to: month,
      })
      : translate('reports.ranking.too_small_tip_month', { closed: row.closedByMonth[0] ?? 0, min: row.minSample });
    content = <Tooltip title={tip}><span data-testid="too-small">{translate('reports.ranking.too_small')}</span></Tooltip>;
  }
  return <TableCell align="center" sx={{ ...num, fontWeight: 600 }}>{content}</TableCell>;
};

/** The indicator columns shared by both tables. */
const KpiHeads = () => {
  const translate = useTranslate();
  return (
    <>
      <TableCell align="right">{translate('reports.ranking.received')}</TableCell>
      <TableCell align="right">{translate('reports.ranking.closed')}</TableCell>
      {RATES.map((r) => <TableCell key={r.key} align="right">{translate(`reports.indicator.${r.indicator}`)}</TableCell>)}
    </>
  );
};
/** The counts and the rates, each rate coloured against its target (none while the targets load; a 样本不足 row: plain). */
const KpiCells = ({ kpis, targets, unranked }: { kpis: Kpis; targets: Targets | undefined; unranked: boolean }) => (
  <>
    <TableCell align="right" sx={num}>{kpis.receivedCount}</TableCell>
    <TableCell align="right" sx={num}>{kpis.closedCount}</TableCell>
    {RATES.map((r) => <RateCell key={r.key} rateKey={r.key} rate={kpis[r.key]} target={targets?.[r.key]} unranked={unranked} />)}
  </>
);

/** A wide table scrolls inside the card instead of widening the page (inline-size containment: the table's width
 *  does not count for the layout above it). */
const scroller = { overflowX: 'auto', contain: 'inline-size' } as const;
const dense = { '& th, & td': { px: 0.75 } } as const;

const greyed = { '& td': { color: 'text.disabled' }, bgcolor: 'action.hover' };

const UnitRanking = ({ streetId, month }: { streetId: string; month: string }) => {
  const translate = useTranslate();
  const t = useMeetingText();
  const notify = useNotify();
  const navigate = useNavigate();
  const { mayCall } = useAccess();
  const [group, setGroup] = useState<(typeof PEER_GROUPS)[number]>('DEPARTMENT');
  const [rows, setRows] = useState<UnitRow[] | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    let live = true;
    setRows(null);
    setError(null);
    query<{ unitRanking: UnitRow[]; rankingStatus: Status }>(
      `query Ranking($s: ID!, $m: String!) {
        unitRanking(streetId: $s, month: $m) {
          rank previousRank rankChange newlyRanked unit { id name code } peerGroup kpis { ${KPI_FIELDS} } baseScore bonus deduction total ${WINDOW_FIELDS}
        }
        rankingStatus(streetId: $s, month: $m) { ${STATUS_FIELDS} }
      }`,
      { s: streetId, m: month },
    )
      .then((d) => {
        if (!live) return;
        setRows(d.unitRanking);
        setStatus(d.rankingStatus);
      })
      .catch((e: Error) => live && setError(translate(e.message, { _: e.message })));
    return () => {
      live = false;
    };
  }, [streetId, month, translate]);
  useEffect(() => load(), [load]);

  const publish = async () => {
    setConfirm(false);
    setBusy(true);
    try {
      await mutate(`mutation($s: ID!, $m: String!, $r: Boolean) { publishUnitRanking(streetId: $s, month: $m, replace: $r) { published } }`, {
        s: streetId, m: month, r: !!status?.published,
      });
      notify('reports.ranking.published_ok', { type: 'success', messageArgs: { month } });
      load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const exportXlsx = async () => {
    try {
      const d = await query<{ rankingExport: ExportFile }>(`query($s: ID!, $m: String!) { rankingExport(streetId: $s, month: $m) { filename contentType base64 rows } }`, { s: streetId, m: month });
      download(d.rankingExport);
      notify('reports.common.exported', { type: 'info', messageArgs: { rows: d.rankingExport.rows } });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  const shown = (rows ?? []).filter((r) => r.peerGroup === group);
  // Only a month that has ended (in Shanghai) can be published.
  const [y, m] = month.split('-').map(Number) as [number, number];
  const ended = Date.UTC(y, m, 1) - 8 * 3_600_000 <= Date.now();
  const canPublish = mayCall('Mutation.publishUnitRanking') && ended && (!status?.published || (status.differences.length > 0));
  const targets = targetsOf(status?.rules);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        {status ? (
          <Chip data-testid="ranking-state" color={status.published ? 'success' : 'default'} variant={status.published ? 'filled' : 'outlined'}
            label={status.published ? translate('reports.ranking.published', { at: dateTime(status.publishedAt) }) : translate('reports.ranking.draft')} />
        ) : null}
        {status?.published ? <PublisherLine publishedBy={status.publishedBy} publishedByRole={status.publishedByRole} /> : null}
        <Box sx={{ flex: 1 }} />
        {canPublish ? (
          <Button variant="contained" size="small" startIcon={<PublishIcon />} disabled={busy} onClick={() => setConfirm(true)}>
            {translate(status?.published ? 'reports.ranking.republish' : 'reports.ranking.publish')}
          </Button>
        ) : null}
        <Button variant="outlined" size="small" startIcon={<DownloadIcon />} onClick={exportXlsx}>{translate('reports.common.export_excel')}</Button>
      </Stack>
      <PublishDialog open={confirm} streetId={streetId} month={month} republish={!!status?.published} onConfirm={publish} onClose={() => setConfirm(false)} />
      {status ? <RulesPanel rules={status.rules} /> : null}
      {status?.published && status.differences.length > 0 ? <RankingDifferences differences={status.differences} /> : null}
      <Tabs value={group} onChange={(_e, g) => setGroup(g)}>
        {PEER_GROUPS.map((g) => (
          <Tab key={g} value={g} label={rows ? translate('rexian.punct.paren', { text: translate(`rexian.enum.peerGroup.${g}`), inner: rows.filter((r) => r.peerGroup === g).length }) : translate(`rexian.enum.peerGroup.${g}`)} />
        ))}
      </Tabs>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {!rows && !error ? <CircularProgress size={24} /> : null}
      {rows && status ? (
        <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap', justifyContent: 'space-between' }}>
          <TargetLegend />
          <Box component="span" data-testid="rank-change-basis" sx={{ color: 'text.secondary', fontSize: 13 }}>
            {t('change.basis_label', { basis: t(status.previousPublished ? 'change.basis_published' : 'change.basis_live', { prev: status.previousMonth }) })}
          </Box>
        </Stack>
      ) : null}
      {rows ? (
        <Box sx={scroller}>
          <Table size="small" data-testid="unit-ranking" sx={dense}>
            <TableHead>
              <TableRow>
                <TableCell align="center">{translate('reports.ranking.rank')}</TableCell>
                <TableCell align="center" sx={{ whiteSpace: 'nowrap' }}>{t('change.head')}</TableCell>
                <TableCell>{translate('reports.ranking.unit')}</TableCell>
                <KpiHeads />
                <TableCell align="right">{translate('reports.ranking.base')}</TableCell>
                <TableCell align="right">{translate('reports.ranking.bonus')}</TableCell>
                <TableCell align="right">{translate('reports.ranking.deduction')}</TableCell>
                <TableCell align="right">{translate('reports.ranking.total')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.length === 0 ? (
                <TableRow><TableCell colSpan={14} sx={{ color: 'text.secondary' }}>{translate('reports.ranking.empty')}</TableCell></TableRow>
              ) : null}
              {shown.map((r) => (
                <TableRow key={r.unit.id} hover data-unit={r.unit.name} title={translate('reports.ranking.drill')}
                  sx={{ cursor: 'pointer', ...(r.sampleTooSmall ? greyed : {}) }}
                  onClick={() => navigate(rowExplainPath('UNIT', r.unit.id, month, r))}>
                  <RankCell row={r} rank={r.rank} month={month} />
                  <RankChangeCell row={r} previousMonth={status?.previousMonth ?? ''} />
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.unit.name}<WindowChip row={r} month={month} /></TableCell>
                  <KpiCells kpis={r.kpis} targets={status ? targets : undefined} unranked={r.sampleTooSmall} />
                  <TableCell align="right" sx={num}>{score(r.baseScore)}</TableCell>
                  <TableCell align="right" sx={num}>{r.bonus ? `+${score(r.bonus)}` : score(r.bonus)}</TableCell>
                  <TableCell align="right" sx={num}>{r.deduction ? `−${score(r.deduction)}` : score(r.deduction)}</TableCell>
                  <TableCell align="right" sx={{ ...num, fontWeight: 700 }}>{score(r.total)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : null}
    </Box>
  );
};

const StreetRanking = ({ districtId, month }: { districtId: string; month: string }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [rows, setRows] = useState<StreetRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The streets are ranked by the current scheme (reports/ranking.ts streetRanking): its targets colour the rates.
  const [targets, setTargets] = useState<Targets | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadTargets().then((t) => live && setTargets(t));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    let live = true;
    setRows(null);
    query<{ streetRanking: StreetRow[] }>(
      `query($d: ID!, $m: String!) { streetRanking(districtId: $d, month: $m) { rank street { id name code } kpis { ${KPI_FIELDS} } baseScore total ${WINDOW_FIELDS} } }`,
      { d: districtId, m: month },
    )
      .then((d) => live && setRows(d.streetRanking))
      .catch((e: Error) => live && setError(translate(e.message, { _: e.message })));
    return () => {
      live = false;
    };
  }, [districtId, month, translate]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!rows) return <CircularProgress size={24} />;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
    {targets ? <TargetLegend /> : null}
    <Box sx={scroller}>
      <Table size="small" data-testid="street-ranking" sx={dense}>
        <TableHead>
          <TableRow>
            <TableCell align="center">{translate('reports.ranking.rank')}</TableCell>
            <TableCell>{translate('reports.ranking.street')}</TableCell>
            <KpiHeads />
            <TableCell align="right">{translate('reports.ranking.total')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.street.id} hover data-street={r.street.name} sx={{ cursor: 'pointer', ...(r.sampleTooSmall ? greyed : {}) }}
              onClick={() => navigate(rowExplainPath('STREET', r.street.id, month, r))}>
              <RankCell row={r} rank={r.rank} month={month} />
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.street.name}<WindowChip row={r} month={month} /></TableCell>
              <KpiCells kpis={r.kpis} targets={targets} unranked={r.sampleTooSmall} />
              <TableCell align="right" sx={{ ...num, fontWeight: 700 }}>{score(r.total)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
    </Box>
  );
};

export const RankingPage = () => {
  const translate = useTranslate();
  const street = useStreet();
  const month = useMonth(street.streetId);
  const [tab, setTab] = useState<'units' | 'streets'>('units');
  const districtId = street.street?.districtId ? String(street.street.districtId) : null;
  const { data: district } = useGetOne('District', { id: districtId ?? '' }, { enabled: !!districtId });
  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Title title={translate('reports.ranking.title')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <MonthPicker value={month.month} onChange={month.setMonth} />
      </Stack>
      <Card variant="outlined">
        <CardContent>
          <Tabs value={tab} onChange={(_e, t) => setTab(t)} sx={{ mb: 1, borderBottom: 1, borderColor: 'divider' }}>
            <Tab value="units" label={translate('reports.ranking.tab_units')} />
            <Tab value="streets" label={translate('reports.ranking.tab_streets', { district: (district as { name?: string } | undefined)?.name ?? '' })} disabled={!districtId} />
          </Tabs>
          {street.streetId && month.month && tab === 'units' ? <UnitRanking streetId={street.streetId} month={month.month} /> : null}
          {districtId && month.month && tab === 'streets' ? <StreetRanking districtId={districtId} month={month.month} /> : null}
        </CardContent>
      </Card>
    </Box>
  );
};
