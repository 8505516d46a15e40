// 指标解释: the tickets of an indicator's denominator for a node and month, those outside the numerator
// highlighted ("先行联系率 85.19% — 27 件，4 件超时"), each linking to its ticket; for a unit, the gap to the
// campaign targets ("还需 N 件按期办结", the open tickets that decide it). Opened from a ranking row measured over a
// rolling window (`months` = 2 or 3, domain.md §4), it lists the tickets of that whole window.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Chip, CircularProgress, FormControlLabel, Skeleton, Stack, Switch, Tab, Table, TableBody,
  TableCell, TableHead, TableRow, Tabs, Typography,
} from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Link, Title, useGetOne, useLocation, useNavigate, useTranslate } from 'react-admin';
import { query, RATES, type Indicator } from './api';
import { firstMonthOf, monthDays, pct } from './format';
import { ExplainTable, type ExplainItem } from './ExplainTable';
import { MonthPicker } from './pickers';

interface Explanation { indicator: Indicator; numerator: number; denominator: number; rate: number | null; target: number | null; truncated: boolean; items: ExplainItem[] }
interface Gap { indicator: Indicator; target: number; rate: number | null; numerator: number; denominator: number; met: boolean; needed: number | null; reachable: boolean; decidingTickets: { id: string; number: string }[] }
interface GapToTarget { month: string; inCampaign: boolean; campaignFrom: string; campaignTo: string; unit: { name: string }; indicators: Gap[] }

const INDICATORS: Indicator[] = ['RECEIVED', 'CLOSED', ...RATES.map((r) => r.indicator)];
const LIMIT = 1000;

function useParams() {
  const location = useLocation();
  return useMemo(() => {
    const p = new URLSearchParams(location.search);
    const indicator = (p.get('indicator') ?? 'FIRST_CONTACT') as Indicator;
    return {
      nodeType: (p.get('nodeType') ?? 'STREET') as 'UNIT' | 'STREET' | 'DISTRICT',
      nodeId: p.get('nodeId') ?? '',
      month: p.get('month') ?? '',
      /** The months ending with `month` that the figures cover (a ranking row's rolling window); 1 = the month. */
      months: Math.min(12, Math.max(1, Math.trunc(Number(p.get('months') ?? 1)) || 1)),
      indicator: INDICATORS.includes(indicator) ? indicator : 'FIRST_CONTACT',
      onlyMisses: p.get('onlyMisses') === '1',
    };
  }, [location.search]);
}

const GapPanel = ({ unitId, month }: { unitId: string; month: string }) => {
  const translate = useTranslate();
  const [gap, setGap] = useState<GapToTarget | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setGap(null);
    query<{ gapToTarget: GapToTarget }>(
      `query Gap($u: ID!, $m: String!) { gapToTarget(unitId: $u, month: $m) {
        month inCampaign campaignFrom campaignTo unit { name }
        indicators { indicator target rate numerator denominator met needed reachable decidingTickets { id number } }
      } }`,
      { u: unitId, m: month },
    )
      .then((d) => live && setGap(d.gapToTarget))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [unitId, month]);
  if (error) return <Alert severity="error">{translate(error, { _: error })}</Alert>;
  if (!gap) return <CircularProgress size={20} />;
  return (
    <Card variant="outlined" data-testid="gap-panel">
      <CardContent>
        <Typography variant="h6" component="h2">{translate('reports.explain.gap_title', { unit: gap.unit.name, month: gap.month })}</Typography>
        {gap.inCampaign ? null : (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('reports.explain.gap_not_campaign', { from: gap.campaignFrom, to: gap.campaignTo })}
          </Typography>
        )}
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('reports.explain.indicator')}</TableCell>
              <TableCell align="right">{translate('reports.explain.gap_current')}</TableCell>
              <TableCell align="right">{translate('reports.explain.gap_target')}</TableCell>
              <TableCell>{translate('reports.explain.col_reason')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {gap.indicators.map((g) => {
              const what = translate(`reports.explain.gap_what.${g.indicator}`);
              const state = g.met
                ? translate('reports.explain.gap_met')
                : g.rate === null && g.denominator === 0
                  ? translate('reports.explain.gap_no_rate')
                  : g.needed === null
                    ? translate('reports.explain.gap_unreachable')
                    : translate('reports.explain.gap_needed', { needed: g.needed, what });
              return (
                <TableRow key={g.indicator}>
                  <TableCell>{translate(`reports.indicator.${g.indicator}`)}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: g.rate === null ? 'text.secondary' : g.met ? 'success.main' : 'error.main', fontWeight: 600 }}>
                    {pct(g.rate)} <Typography component="span" variant="caption" color="text.secondary">({Math.round(g.numerator * 100) / 100}/{g.denominator})</Typography>
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>{pct(g.target)}</TableCell>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: g.met ? 400 : 600 }}>{state}</Typography>
                    {g.met ? null : g.decidingTickets.length ? (
                      <Typography variant="body2" color="text.secondary">
                        {translate('reports.explain.gap_deciding')}
                        {g.decidingTickets.slice(0, 12).map((t, i) => (
                          <span key={t.id}>{i ? translate('rexian.punct.list') : ''}<Link to={`/Ticket/${t.id}/show`}>{t.number}</Link></span>
                        ))}
                        {g.decidingTickets.length > 12 ? ` … (${g.decidingTickets.length})` : ''}
                      </Typography>
                    ) : (
                      <Typography variant="body2" color="text.secondary">{translate('reports.explain.gap_deciding_none')}</Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};

export const ExplainPage = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const params = useParams();
  const [data, setData] = useState<Explanation | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resource = params.nodeType === 'UNIT' ? 'Unit' : params.nodeType === 'DISTRICT' ? 'District' : 'Street';
  const { data: node, isPending: nodePending } = useGetOne(resource, { id: params.nodeId }, { enabled: !!params.nodeId });

  const go = (change: Partial<typeof params>) => {
    const next = { ...params, ...change };
    const search = new URLSearchParams({ nodeType: next.nodeType, nodeId: next.nodeId, month: next.month, indicator: next.indicator });
    if (next.onlyMisses) search.set('onlyMisses', '1');
    // Another month is another ranking: its window is not this one's.
    if (next.months > 1 && next.month === params.month) search.set('months', String(next.months));
    navigate(`/explain?${search.toString()}`, { replace: true });
  };

  useEffect(() => {
    if (!params.nodeId || !/^\d{4}-\d{2}$/.test(params.month)) return;
    let live = true;
    const { to } = monthDays(params.month);
    const { from } = monthDays(firstMonthOf(params.month, params.months));
    setLoading(true);
    setError(null);
    // Another tab, month or unit: the old table goes at once (it must never stand under the new title).
    setData(null);
    const satisfaction = params.indicator === 'SATISFACTION';
    query<{ kpiExplain: Explanation }>(
      `query Explain($t: NodeType!, $n: ID!, $from: Date!, $to: Date!, $i: Indicator!, $only: Boolean, $limit: Int) {
        kpiExplain(nodeType: $t, nodeId: $n, from: $from, to: $to, indicator: $i, onlyMisses: $only, limit: $limit) {
          indicator numerator denominator rate target truncated
          items { inNumerator score reason ticket { id number receivedAt firstContactDue firstContactAt completionDue closedAt unit { name }${satisfaction ? ' callbacks { calledAt result }' : ''} } }
        }
      }`,
      { t: params.nodeType, n: params.nodeId, from, to, i: params.indicator, only: params.onlyMisses, limit: LIMIT },
    )
      .then((d) => live && setData(d.kpiExplain))
      .catch((e: Error) => live && setError(translate(e.message, { _: e.message })))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [params, translate]);

  const isRate = params.indicator !== 'RECEIVED' && params.indicator !== 'CLOSED';
  // The satisfaction numerator is weighted (0.8 for 基本满意 …): count the tickets outside it instead.
  const misses = data
    ? params.indicator === 'SATISFACTION' || params.onlyMisses || data.truncated
      ? params.onlyMisses
        ? data.items.length
        : data.items.filter((i) => !i.inNumerator).length
      : data.denominator - data.numerator
    : 0;
  const indicatorLabel = translate(`reports.indicator.${params.indicator}`);
  const nodeLabel = translate(`reports.explain.node_${params.nodeType.toLowerCase()}`);

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Title title={translate('reports.explain.title')} />
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Button startIcon={<ArrowBackIcon />} onClick={() => navigate(-1)} size="small">{translate('reports.explain.back')}</Button>
        <Typography variant="h6" component="h1" data-testid="explain-node">
          {translate('rexian.punct.colon', { label: nodeLabel })}{(node as { name?: string } | undefined)?.name ?? (nodePending && params.nodeId ? <Skeleton variant="text" sx={{ display: 'inline-block', width: 120 }} /> : translate('reports.explain.no_node'))}
        </Typography>
        <MonthPicker value={params.month} onChange={(month) => go({ month })} />
        {params.months > 1 ? (
          <Chip data-testid="explain-window" color="info" variant="outlined" onDelete={() => go({ months: 1 })}
            label={translate('reports.explain.window', { n: params.months, from: firstMonthOf(params.month, params.months), to: params.month })} />
        ) : null}
      </Stack>
      <Tabs value={params.indicator} onChange={(_e, indicator: Indicator) => go({ indicator })} variant="scrollable" scrollButtons="auto">
        {INDICATORS.map((i) => <Tab key={i} value={i} label={translate(`reports.indicator.${i}`)} />)}
      </Tabs>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {params.nodeType === 'UNIT' && params.nodeId && /^\d{4}-\d{2}$/.test(params.month) ? <GapPanel unitId={params.nodeId} month={params.month} /> : null}
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
            <Typography variant="h6" component="h2" data-testid="explain-summary">
              {!data
                ? translate('reports.common.loading')
                : isRate
                  ? translate('reports.explain.summary', {
                    indicator: indicatorLabel, rate: pct(data.rate), denominator: data.denominator, misses,
                    missWord: translate(`reports.explain.miss_word.${params.indicator}`),
                  })
                  : translate('reports.explain.count_only', { indicator: indicatorLabel, denominator: data.denominator })}
              {data && data.target !== null ? (
                <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 2 }}>{translate('reports.common.target', { target: pct(data.target) })}</Typography>
              ) : null}
            </Typography>
            {isRate ? (
              <FormControlLabel control={<Switch checked={params.onlyMisses} onChange={(e) => go({ onlyMisses: e.target.checked })} />} label={translate('reports.explain.only_misses')} />
            ) : null}
          </Stack>
          {loading ? (
            <Stack direction="row" sx={{ alignItems: 'center', gap: 1, my: 2 }} data-testid="explain-loading">
              <CircularProgress size={20} /><Typography color="text.secondary">{translate('reports.explain.loading', { indicator: indicatorLabel })}</Typography>
            </Stack>
          ) : null}
          {data?.truncated ? <Alert severity="info" sx={{ my: 1 }}>{translate('reports.explain.truncated', { count: LIMIT })}</Alert> : null}
          {data && data.items.length === 0 ? <Typography color="text.secondary" sx={{ my: 2 }}>{translate('reports.explain.empty')}</Typography> : null}
          {data && data.items.length > 0 ? (
            <ExplainTable
              key={`${params.nodeType}-${params.nodeId}-${params.month}-${params.months}-${params.indicator}-${params.onlyMisses}`}
              indicator={params.indicator} items={data.items} showUnit={params.nodeType !== 'UNIT'}
              filename={`${translate('reports.explain.title')}-${(node as { name?: string } | undefined)?.name ?? params.nodeId}-${params.month}-${indicatorLabel}`}
            />
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
};
