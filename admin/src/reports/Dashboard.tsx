// 指标看板 — the default page for staff: the four indicators and 实际解决占比 of a street for a month against the
// campaign targets (each with its numerator/denominator and the change on the month before: KpiCards), the monthly
// trend of the year, the lowest-ranked units and the open repeat-call warnings. A unit handler gets its own unit's
// page instead (HandlerDashboard).
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Divider, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { Link, Title, useNotify, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { download, KPI_FIELDS, loadTargets, query, RATES, type ExportFile, type Kpis, type Targets } from './api';
import { monthDays, score } from './format';
import { HandlerDashboard } from './HandlerDashboard';
import { KPI_CARD_FIELDS, KpiCards, monthBefore, type KpisWithFractions } from './KpiCards';
import { MonthPicker, useMonth, useStreet } from './pickers';
import { TrendChart } from './TrendChart';

interface RankingRow { rank: number | null; unit: { id: string; name: string }; peerGroup: string; total: number | null; sampleTooSmall: boolean }
interface WarningRow { id: string; level: 'YELLOW' | 'RED'; date: string; count: number; status: string; masterTicket: { id: string; number: string }; unit: { id: string; name: string } }
interface DashboardData {
  kpis: KpisWithFractions;
  prev: Kpis;
  kpiTrend: { month: string; kpis: Kpis }[];
  unitRanking: RankingRow[];
  warnings: WarningRow[];
}

export const explainPath = (a: { nodeType: string; nodeId: string; month: string; indicator: string }) =>
  `/explain?${new URLSearchParams(a).toString()}`;

const Filters = ({ street, month }: { street: ReturnType<typeof useStreet>; month: ReturnType<typeof useMonth> }) => (
  <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
    <MonthPicker value={month.month} onChange={month.setMonth} />
  </Stack>
);

export const Dashboard = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { role } = useAccess();
  const street = useStreet();
  const month = useMonth(street.streetId);
  const [targets, setTargets] = useState<Targets | null>(null);
  const [data, setData] = useState<DashboardData | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const handler = role === 'UNIT_HANDLER';

  useEffect(() => {
    void loadTargets().then(setTargets);
  }, []);

  useEffect(() => {
    if (!street.streetId || !month.month || handler) return;
    let live = true;
    const { from, to } = monthDays(month.month);
    const before = monthDays(monthBefore(month.month));
    setLoading(true);
    setError(null);
    query<DashboardData>(
      `query Dashboard($s: ID!, $from: Date!, $to: Date!, $pfrom: Date!, $pto: Date!, $year: Int!, $m: String!) {
        kpis(nodeType: STREET, nodeId: $s, from: $from, to: $to) { ${KPI_CARD_FIELDS} }
        prev: kpis(nodeType: STREET, nodeId: $s, from: $pfrom, to: $pto) { ${KPI_FIELDS} }
        kpiTrend(nodeType: STREET, nodeId: $s, year: $year) { month kpis { ${KPI_FIELDS} } }
        unitRanking(streetId: $s, month: $m) { rank unit { id name } peerGroup total sampleTooSmall }
        warnings(streetId: $s, from: $from, to: $to) { id level date count status masterTicket { id number } unit { id name } }
      }`,
      { s: street.streetId, from, to, pfrom: before.from, pto: before.to, year: Number(month.month.slice(0, 4)), m: month.month },
    )
      .then((d) => live && setData(d))
      .catch((e: Error) => live && setError(translate(e.message, { _: e.message })))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [street.streetId, month.month, handler, translate]);

  const exportTable = async () => {
    if (!street.streetId || !month.month) return;
    try {
      const d = await query<{ kpiTableExport: ExportFile }>(
        `query($n: ID!, $y: Int!) { kpiTableExport(nodeType: STREET, nodeId: $n, year: $y) { filename contentType base64 rows } }`,
        { n: street.streetId, y: Number(month.month.slice(0, 4)) },
      );
      download(d.kpiTableExport);
      notify('reports.common.exported', { type: 'info', messageArgs: { rows: d.kpiTableExport.rows } });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  if (handler) return <HandlerDashboard />;
  if (!street.isPending && street.streets.length === 0) {
    return (
      <Box sx={{ p: 2 }}>
        <Title title={translate('reports.dashboard.title')} />
        <Alert severity="info">{translate('reports.common.no_street')}</Alert>
      </Box>
    );
  }

  const year = month.month?.slice(0, 4) ?? '';
  const worst = (data?.unitRanking ?? [])
    .filter((r) => r.rank !== null && r.total !== null)
    .sort((a, b) => a.total! - b.total!)
    .slice(0, 5);
  const openWarnings = (data?.warnings ?? []).filter((w) => w.status !== 'CLOSED').sort((a, b) => (a.level === b.level ? b.count - a.count : a.level === 'RED' ? -1 : 1));

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Title title={translate('reports.dashboard.title')} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', rowGap: 1 }}>
        <Filters street={street} month={month} />
        <Stack direction="row" spacing={1}>
          <Button component={Link} to="/ranking" variant="outlined" size="small">{translate('reports.dashboard.to_ranking')}</Button>
          <Button onClick={exportTable} variant="outlined" size="small" startIcon={<DownloadIcon />}>{translate('reports.dashboard.export_table')}</Button>
        </Stack>
      </Stack>
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, flexWrap: 'wrap', mb: 2 }}>
            <Typography variant="h6" component="h2">
              {translate('reports.dashboard.kpis', { street: street.street?.name ?? '', month: month.month ?? '' })}
            </Typography>
            {data ? (
              <Typography variant="body2" color="text.secondary" data-testid="kpi-counts">
                {translate('reports.dashboard.received', { count: data.kpis.receivedCount })} · {translate('reports.dashboard.closed', { count: data.kpis.closedCount })}
              </Typography>
            ) : null}
            {loading ? <CircularProgress size={18} /> : null}
          </Stack>
          <KpiCards kpis={data?.kpis ?? null} previous={data?.prev ?? null} previousMonth={month.month ? monthBefore(month.month) : ''} targets={targets}
            link={data && street.streetId && month.month ? (indicator) => explainPath({ nodeType: 'STREET', nodeId: street.streetId!, month: month.month!, indicator }) : null} />
        </CardContent>
      </Card>

      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, mb: 1 }}>
            <Typography variant="h6" component="h2">{translate('reports.dashboard.trend', { year })}</Typography>
            <Typography variant="caption" color="text.secondary">{translate('reports.dashboard.trend_hint')}</Typography>
          </Stack>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 2 }}>
            {RATES.map(({ key, indicator }) => (
              <TrendChart
                key={key}
                title={translate(`reports.indicator.${indicator}`)}
                target={targets?.[key] ?? 1}
                selected={month.month}
                points={(data?.kpiTrend ?? []).map((m) => ({ month: m.month, value: m.kpis[key] }))}
              />
            ))}
          </Box>
        </CardContent>
      </Card>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2">{translate('reports.dashboard.worst')}</Typography>
            {data && worst.length === 0 ? <Typography color="text.secondary" sx={{ mt: 1 }}>{translate('reports.dashboard.worst_empty')}</Typography> : null}
            <List dense data-testid="worst-units">
              {worst.map((r) => (
                <ListItem key={r.unit.id} disableGutters divider
                  secondaryAction={<Typography sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>{score(r.total)}</Typography>}>
                  <ListItemText
                    primary={<Link to={explainPath({ nodeType: 'UNIT', nodeId: r.unit.id, month: month.month!, indicator: 'ON_TIME' })}>{r.unit.name}</Link>}
                    secondary={`${translate(`rexian.enum.peerGroup.${r.peerGroup}`, { _: r.peerGroup })} · ${translate('reports.ranking.rank')} ${r.rank}`}
                  />
                </ListItem>
              ))}
            </List>
          </CardContent>
        </Card>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2">{translate('reports.dashboard.warnings')}</Typography>
            {data && openWarnings.length === 0 ? <Typography color="text.secondary" sx={{ mt: 1 }}>{translate('reports.dashboard.warnings_empty')}</Typography> : null}
            <List dense>
              {openWarnings.slice(0, 8).map((w) => (
                <ListItem key={w.id} disableGutters divider>
                  <Chip size="small" label={translate(`rexian.enum.warningLevel.${w.level}`, { _: w.level })} sx={{ mr: 1, bgcolor: w.level === 'RED' ? 'error.main' : 'warning.light', color: w.level === 'RED' ? 'error.contrastText' : 'text.primary' }} />
                  <ListItemText
                    primary={<Link to={`/Ticket/${w.masterTicket.id}/show`}>{translate('reports.dashboard.warning_line', { date: w.date, number: w.masterTicket.number, count: w.count })}</Link>}
                    secondary={w.unit.name}
                  />
                </ListItem>
              ))}
            </List>
            {openWarnings.length > 8 ? <Divider /> : null}
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
};
