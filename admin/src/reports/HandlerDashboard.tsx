// A unit handler's dashboard (issue #15): its own unit's indicators for the month (latest with tickets by default)
// with their fractions and the change on the month before, the unit's place in its peer group (「第 3 名（共 12 个
// 单位）」: the API counts the group although it answers a handler with its own row only, schema/reports.ts), the gap
// to the campaign targets (GapTable.tsx, shared with 指标解释), and the counts of its 我的待办.
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { Link, Title, useGetIdentity, useLocaleState, useTranslate } from 'react-admin';
import { useMyWork } from '../work/useMyWork';
import { KPI_FIELDS, loadTargets, query, type Indicator, type Kpis, type Targets } from './api';
import { explainPath } from './Dashboard';
import { GAP_FIELDS, GapTable, type GapToTarget } from './GapTable';
import { monthDays, score } from './format';
import { KPI_CARD_FIELDS, KpiCards, monthBefore, useDashboardText, type KpisWithFractions } from './KpiCards';
import { MonthPicker, useMonth, useStreet } from './pickers';

interface RankRow {
  rank: number | null; peerGroup: string; total: number | null; sampleTooSmall: boolean; windowMonths: number; unit: { id: string; name: string };
  /** The units listed, and ranked, in the row's peer group of the street. */
  groupSize: number; groupRanked: number;
}
interface HandlerData {
  kpis: KpisWithFractions;
  prev: Kpis;
  ranking: RankRow[];
  prevRanking: { rank: number | null; unit: { id: string } }[];
  gap: GapToTarget;
}

const TODO_KEYS = ['toAccept', 'toContact', 'redo', 'overdue', 'dueSoon'] as const;

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export const HandlerDashboard = () => {
  const translate = useTranslate();
  const text = useDashboardText();
  const [locale] = useLocaleState();
  const { identity, isPending: identityPending } = useGetIdentity();
  const unitId = identity?.unitId ? String(identity.unitId) : null;
  const street = useStreet();
  const month = useMonth(street.streetId);
  const work = useMyWork();
  const [targets, setTargets] = useState<Targets | null>(null);
  const [data, setData] = useState<HandlerData | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadTargets().then(setTargets);
  }, []);

  useEffect(() => {
    if (!unitId || !street.streetId || !month.month) return;
    let live = true;
    const { from, to } = monthDays(month.month);
    const pm = monthBefore(month.month);
    const before = monthDays(pm);
    setLoading(true);
    setError(null);
    query<HandlerData>(
      `query HandlerDashboard($u: ID!, $s: ID!, $from: Date!, $to: Date!, $pfrom: Date!, $pto: Date!, $m: String!, $pm: String!) {
        kpis(nodeType: UNIT, nodeId: $u, from: $from, to: $to) { ${KPI_CARD_FIELDS} }
        prev: kpis(nodeType: UNIT, nodeId: $u, from: $pfrom, to: $pto) { ${KPI_FIELDS} }
        ranking: unitRanking(streetId: $s, month: $m) { rank peerGroup total sampleTooSmall windowMonths groupSize groupRanked unit { id name } }
        prevRanking: unitRanking(streetId: $s, month: $pm) { rank unit { id } }
        gap: gapToTarget(unitId: $u, month: $m) { ${GAP_FIELDS} }
      }`,
      { u: unitId, s: street.streetId, from, to, pfrom: before.from, pto: before.to, m: month.month, pm },
    )
      .then((d) => live && setData(d))
      .catch((e: Error) => live && setError(translate(e.message, { _: e.message })))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [unitId, street.streetId, month.month, translate]);

  if (!identityPending && !unitId) {
    return (
      <Box sx={{ p: 2 }}>
        <Title title={translate('reports.dashboard.title')} />
        <Alert severity="info">{text('handler.no_unit')}</Alert>
      </Box>
    );
  }

  const own = data?.ranking.find((r) => r.unit.id === unitId) ?? null;
  const prevRank = data?.prevRanking.find((r) => r.unit.id === unitId)?.rank ?? null;
  const unitName = data?.gap.unit.name ?? own?.unit.name ?? '';
  const link = data && unitId && month.month ? (indicator: Indicator) => explainPath({ nodeType: 'UNIT', nodeId: unitId, month: month.month!, indicator }) : null;

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="handler-dashboard">
      <Title title={translate('reports.dashboard.title')} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', rowGap: 1 }}>
        <MonthPicker value={month.month} onChange={month.setMonth} />
        <Button component={Link} to="/my-work" variant="outlined" size="small">{text('handler.todo_open')}</Button>
      </Stack>
      {error ? <Alert severity="error">{error}</Alert> : null}

      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, flexWrap: 'wrap', mb: 2 }}>
            <Typography variant="h6" component="h2" data-testid="handler-kpis-title">{text('handler.kpis', { unit: unitName, month: month.month ?? '' })}</Typography>
            {data ? (
              <Typography variant="body2" color="text.secondary" data-testid="kpi-counts">
                {text('handler.counts', { received: data.kpis.receivedCount, closed: data.kpis.closedCount })}
              </Typography>
            ) : null}
            {loading ? <CircularProgress size={18} /> : null}
          </Stack>
          <KpiCards kpis={data?.kpis ?? null} previous={data?.prev ?? null} previousMonth={month.month ? monthBefore(month.month) : ''} targets={targets} link={link} />
        </CardContent>
      </Card>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(260px, 1fr) 2fr' }, gap: 2, alignItems: 'start' }}>
        <Stack sx={{ gap: 2 }}>
          <Card variant="outlined" data-testid="handler-ranking">
            <CardContent>
              <Typography variant="h6" component="h2">{text('handler.ranking')}</Typography>
              {!data ? null : !own ? (
                <Typography color="text.secondary" sx={{ mt: 1 }}>{text('handler.rank_pending')}</Typography>
              ) : (
                <Box sx={{ mt: 1 }}>
                  <Typography sx={{ fontSize: 22, fontWeight: 700 }} data-testid="handler-rank">
                    {own.rank === null ? text('handler.rank_none') : (
                      <>
                        {text('handler.rank_line', { group: translate(`rexian.enum.peerGroup.${own.peerGroup}`, { _: own.peerGroup }), rank: locale === 'en' ? ordinal(own.rank) : own.rank })}
                        {/* 「（共 12 个单位）」 / "of 12 in its group": smaller, and never split over two lines. */}
                        <Box component="span" sx={{ fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap' }}>{text('handler.rank_of', { n: own.groupRanked })}</Box>
                      </>
                    )}
                  </Typography>
                  {own.rank !== null && own.groupSize > own.groupRanked ? (
                    <Typography variant="caption" color="text.secondary" component="p" data-testid="handler-rank-unranked">
                      {text('handler.rank_unranked', { n: own.groupSize - own.groupRanked })}
                    </Typography>
                  ) : null}
                  <Typography variant="body2" color="text.secondary">{text('handler.total', { total: score(own.total) })}</Typography>
                  {own.rank !== null ? (
                    <Typography variant="body2" color={prevRank === null || prevRank === own.rank ? 'text.secondary' : prevRank > own.rank ? 'success.main' : 'error.main'}>
                      {prevRank === null ? text('handler.rank_prev_none') : prevRank === own.rank ? text('handler.rank_same') : text(prevRank > own.rank ? 'handler.rank_up' : 'handler.rank_down', { n: Math.abs(prevRank - own.rank) })}
                    </Typography>
                  ) : null}
                  {own.windowMonths > 1 ? <Typography variant="caption" color="text.secondary">{text('handler.window', { n: own.windowMonths })}</Typography> : null}
                </Box>
              )}
              <Button component={Link} to="/ranking" size="small" sx={{ mt: 1, px: 0 }}>{text('handler.to_ranking')}</Button>
            </CardContent>
          </Card>
          <Card variant="outlined" data-testid="handler-todo">
            <CardContent>
              <Typography variant="h6" component="h2">{text('handler.todo')}</Typography>
              <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '1fr auto', columnGap: 2, rowGap: 0.5, m: 0, mt: 1 }}>
                {TODO_KEYS.map((k) => {
                  const n = work?.find((s) => s.key === k)?.count ?? null;
                  const alarm = (k === 'overdue' || k === 'dueSoon') && !!n;
                  return [
                    <Typography key={`${k}-l`} component="dt" variant="body2">{text(`handler.todo_items.${k}`)}</Typography>,
                    <Typography key={`${k}-n`} component="dd" variant="body2" data-testid={`todo-${k}`} sx={{ m: 0, textAlign: 'right', fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: alarm ? 'error.main' : 'text.primary' }}>
                      {n ?? '—'}
                    </Typography>,
                  ];
                })}
              </Box>
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>{text('handler.todo_hint')}</Typography>
            </CardContent>
          </Card>
        </Stack>

        <Card variant="outlined" data-testid="handler-gap">
          <CardContent>
            <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, flexWrap: 'wrap' }}>
              <Typography variant="h6" component="h2">{text('handler.gap')}</Typography>
              {data ? <Typography variant="caption" color="text.secondary">{text('gap.campaign', { from: data.gap.campaignFrom, to: data.gap.campaignTo })}</Typography> : null}
            </Stack>
            {data ? <GapTable gap={data.gap} /> : null}
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
};
