// A unit handler's dashboard (issue #15): its own unit's indicators for the month (latest with tickets by default)
// with their fractions and the change on the month before, the unit's place in its peer group, the gap to the
// campaign targets (gapToTarget: how many more successes reach each target, and which open tickets decide it),
// and the counts of its 我的待办. The API answers a handler with its own unit only (schema/reports.ts).
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, Title, useGetIdentity, useTranslate } from 'react-admin';
import { useMyWork } from '../work/useMyWork';
import { KPI_FIELDS, loadTargets, query, RATE_OF, type Indicator, type Kpis, type Targets } from './api';
import { explainPath } from './Dashboard';
import { monthDays, pct, score } from './format';
import { KPI_CARD_FIELDS, KpiCards, monthBefore, useDashboardText, type KpisWithFractions } from './KpiCards';
import { MonthPicker, useMonth, useStreet } from './pickers';

interface RankRow { rank: number | null; peerGroup: string; total: number | null; sampleTooSmall: boolean; windowMonths: number; unit: { id: string; name: string } }
interface Gap { indicator: Indicator; target: number; rate: number | null; numerator: number; denominator: number; met: boolean; needed: number | null; decidingTickets: { id: string; number: string }[] }
interface HandlerData {
  kpis: KpisWithFractions;
  prev: Kpis;
  ranking: RankRow[];
  prevRanking: { rank: number | null; unit: { id: string } }[];
  gap: { unit: { name: string }; asOf: string; inCampaign: boolean; campaignFrom: string; campaignTo: string; indicators: Gap[] };
}

const TODO_KEYS = ['toAccept', 'toContact', 'redo', 'overdue', 'dueSoon'] as const;

/** Successes short of the target over a finished denominator: each miss turned into a success adds one. */
export function shortBy(numerator: number, denominator: number, target: number): number {
  if (denominator === 0) return 0;
  return Math.max(0, Math.ceil(target * denominator - numerator - 1e-9));
}

export const HandlerDashboard = () => {
  const translate = useTranslate();
  const text = useDashboardText();
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
        ranking: unitRanking(streetId: $s, month: $m) { rank peerGroup total sampleTooSmall windowMonths unit { id name } }
        prevRanking: unitRanking(streetId: $s, month: $pm) { rank unit { id } }
        gap: gapToTarget(unitId: $u, month: $m) { unit { name } asOf inCampaign campaignFrom campaignTo indicators { indicator target rate numerator denominator met needed decidingTickets { id number } } }
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
  const monthOver = !!(data && month.month && new Date(data.gap.asOf).getTime() >= new Date(`${monthDays(month.month).to}T23:59:59+08:00`).getTime() - 1000);
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
                    {own.rank === null ? text('handler.rank_none') : text('handler.rank_line', { group: translate(`rexian.enum.peerGroup.${own.peerGroup}`, { _: own.peerGroup }), rank: own.rank })}
                  </Typography>
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
              {data ? <Typography variant="caption" color="text.secondary">{text('handler.gap_campaign', { from: data.gap.campaignFrom, to: data.gap.campaignTo })}</Typography> : null}
            </Stack>
            <Table size="small" sx={{ mt: 1 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{text('handler.gap_col.indicator')}</TableCell>
                  <TableCell align="right">{text('handler.gap_col.now')}</TableCell>
                  <TableCell align="right">{text('handler.gap_col.target')}</TableCell>
                  <TableCell>{text('handler.gap_col.gap')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(data?.gap.indicators ?? []).filter((g) => RATE_OF[g.indicator]).map((g) => (
                  <TableRow key={g.indicator} data-testid={`gap-${g.indicator}`}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate(`reports.indicator.${g.indicator}`)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {pct(g.rate)}{g.denominator ? <Typography component="span" variant="caption" color="text.secondary">{` ${Number.isInteger(g.numerator) ? g.numerator : g.numerator.toFixed(1)}/${g.denominator}`}</Typography> : null}
                    </TableCell>
                    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>{pct(g.target)}</TableCell>
                    <TableCell sx={{ color: g.met ? 'success.main' : g.denominator === 0 ? 'text.secondary' : 'error.main' }}>
                      <GapText gap={g} monthOver={monthOver} text={text} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
};

const GapText = ({ gap: g, monthOver, text }: { gap: Gap; monthOver: boolean; text: ReturnType<typeof useDashboardText> }) => {
  if (g.met) return <>{text('handler.met')}</>;
  if (g.denominator === 0 && g.needed === null) return <>{text('handler.no_data')}</>;
  if (g.needed !== null && !monthOver) {
    return (
      <>
        {text(`handler.needed.${g.indicator}`, { n: g.needed })}
        {g.decidingTickets.length ? (
          <Typography variant="caption" component="div" color="text.secondary">
            {text('handler.deciding')}
            {g.decidingTickets.slice(0, 5).map((t, i) => (
              <span key={t.id}>{i ? '、' : ''}<Link to={`/Ticket/${t.id}/show`}>{t.number}</Link></span>
            ))}
            {g.decidingTickets.length > 5 ? ` …（${g.decidingTickets.length}）` : ''}
          </Typography>
        ) : null}
      </>
    );
  }
  return <>{text(`handler.short.${g.indicator}`, { n: shortBy(g.numerator, g.denominator, g.target) })}{text(monthOver ? 'handler.ended' : 'handler.unreachable')}</>;
};
