// 指标解释: the tickets of an indicator's denominator for a node and month, those outside the numerator
// highlighted ("先行联系率 85.19% — 27 件，4 件超时"), each linking to its ticket; for a unit, the gap to the
// campaign targets ("还需 N 件按期办结", the open tickets that decide it; GapTable.tsx, as on the handler's dashboard). Opened from a ranking row measured over a
// rolling window (`months` = 2 or 3, domain.md §4), it lists the tickets of that whole window.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Chip, CircularProgress, FormControlLabel, Skeleton, Stack, Switch, Tab, Tabs, Typography,
} from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Title, useGetOne, useLocation, useNavigate, useTranslate } from 'react-admin';
import { query, RATES, type Indicator } from './api';
import { firstMonthOf, monthDays, pct } from './format';
import { ExplainTable, type ExplainItem } from './ExplainTable';
import { GAP_FIELDS, GapTable, useGapText, type GapToTarget } from './GapTable';
import { MonthPicker } from './pickers';

interface Explanation { indicator: Indicator; numerator: number; denominator: number; rate: number | null; target: number | null; truncated: boolean; items: ExplainItem[] }

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

/** A unit's gap to the campaign targets: the same table as the handler's dashboard (GapTable.tsx). */
const GapPanel = ({ unitId, month }: { unitId: string; month: string }) => {
  const translate = useTranslate();
  const text = useGapText();
  const [gap, setGap] = useState<GapToTarget | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setGap(null);
    query<{ gapToTarget: GapToTarget }>(`query Gap($u: ID!, $m: String!) { gapToTarget(unitId: $u, month: $m) { ${GAP_FIELDS} } }`, { u: unitId, m: month })
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
        <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">{text('gap.title_unit', { unit: gap.unit.name, month: gap.month })}</Typography>
          {gap.inCampaign ? <Typography variant="caption" color="text.secondary">{text('gap.campaign', { from: gap.campaignFrom, to: gap.campaignTo })}</Typography> : null}
        </Stack>
        {gap.inCampaign ? null : (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{text('gap.not_campaign', { from: gap.campaignFrom, to: gap.campaignTo })}</Typography>
        )}
        <GapTable gap={gap} decidingMax={12} />
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
