// 苗头预警 board: the street's hotspot warnings of a month — the pair, the 7-day count against the baseline, the
// daily tickets as a small chart, the tickets, and 签收. The rule, the closing and who sees what live in the API.
import { Fragment, useCallback, useEffect, useState } from 'react';
import {
  Alert, Box, Button, Card, Chip, FormControlLabel, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, Typography,
} from '@mui/material';
import { Link, Title, useNotify, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { mutate, query } from '../reports/api';
import { MonthPicker, useMonth, useStreet } from '../reports/pickers';
import { formatDate, formatDateTime } from '../common/time';
import { Sparkline } from './Sparkline';
import { GenerateFormButton } from '../reports/documents/GenerateFormButton';

interface HotspotWarning {
  id: string;
  topic: string;
  committeeName: string | null;
  road: string | null;
  openedOn: string;
  lastDay: string;
  closedOn: string | null;
  peakCount: number;
  peakOn: string;
  baseline: number;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED';
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  version: number;
  units: Array<{ id: string; name: string }>;
  chartFrom: string;
  dailyCounts: number[];
}

interface WarningTicket {
  id: string;
  number: string;
  receivedAt: string;
  address: string | null;
  status: string;
  unit: { name: string } | null;
}

const FIELDS = 'id topic committeeName road openedOn lastDay closedOn peakCount peakOn baseline status acknowledgedBy acknowledgedAt version units { id name } chartFrom dailyCounts';

/** Days from a to b ('YYYY-MM-DD', calendar arithmetic in UTC). */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function monthBounds(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

export const HotspotBoard = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { mayCall } = useAccess();
  const street = useStreet();
  const { month, setMonth } = useMonth(street.streetId);
  const [openOnly, setOpenOnly] = useState(false);
  const [rule, setRule] = useState<{ min: number; ratio: number } | null>(null);
  const [warnings, setWarnings] = useState<HotspotWarning[] | undefined>(undefined);
  const [expanded, setExpanded] = useState<Record<string, WarningTicket[] | 'loading'>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const mayAcknowledge = mayCall('Mutation.acknowledgeHotspot');

  const load = useCallback(async () => {
    if (!street.streetId || !month) return;
    const [from, to] = monthBounds(month);
    try {
      const d = await query<{ hotspotWarnings: HotspotWarning[]; hotspotRule: { min: number; ratio: number } }>(
        `query($s: ID!, $f: Date!, $t: Date!, $st: String) { hotspotRule { min ratio } hotspotWarnings(streetId: $s, from: $f, to: $t, status: $st) { ${FIELDS} } }`,
        { s: street.streetId, f: from, t: to, st: null },
      );
      setRule(d.hotspotRule);
      setWarnings(d.hotspotWarnings);
    } catch (e) {
      setWarnings([]);
      notify((e as Error).message, { type: 'error' });
    }
  }, [street.streetId, month, notify]);

  useEffect(() => {
    setWarnings(undefined);
    setExpanded({});
    void load();
  }, [load]);

  const toggleTickets = async (w: HotspotWarning) => {
    if (expanded[w.id]) {
      setExpanded(({ [w.id]: _gone, ...rest }) => rest);
      return;
    }
    setExpanded((x) => ({ ...x, [w.id]: 'loading' }));
    try {
      const d = await query<{ hotspotWarning: { tickets: WarningTicket[] } }>(
        `query($id: ID!) { hotspotWarning(id: $id) { id tickets { id number receivedAt address status unit { name } } } }`,
        { id: w.id },
      );
      setExpanded((x) => ({ ...x, [w.id]: d.hotspotWarning.tickets }));
    } catch (e) {
      setExpanded(({ [w.id]: _gone, ...rest }) => rest);
      notify((e as Error).message, { type: 'error' });
    }
  };

  const acknowledge = async (w: HotspotWarning) => {
    setBusy(w.id);
    try {
      const d = await mutate<{ acknowledgeHotspot: HotspotWarning }>(`mutation($id: ID!) { acknowledgeHotspot(id: $id) { ${FIELDS} } }`, { id: w.id });
      setWarnings((ws) => ws?.map((x) => (x.id === w.id ? d.acknowledgeHotspot : x)));
      notify('hotspots.acknowledged', { type: 'info' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const shown = (warnings ?? []).filter((w) => !openOnly || w.status !== 'CLOSED');
  const statusChip = (w: HotspotWarning) => (
    <Chip
      size="small"
      color={w.status === 'OPEN' ? 'error' : w.status === 'ACKNOWLEDGED' ? 'warning' : 'default'}
      variant={w.status === 'CLOSED' ? 'outlined' : 'filled'}
      label={translate(`hotspots.status.${w.status}`)}
    />
  );

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1400 }} data-testid="hotspot-board">
      <Title title={translate('hotspots.title')} />
      {rule ? <Typography variant="body2" color="text.secondary">{translate('hotspots.intro', { min: rule.min, ratio: rule.ratio })}</Typography> : null}
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <MonthPicker value={month} onChange={setMonth} />
        <FormControlLabel control={<Switch checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />} label={translate('hotspots.openOnly')} />
      </Stack>

      {warnings !== undefined && shown.length === 0 ? <Alert severity="info">{translate('hotspots.empty', { month: month ?? '' })}</Alert> : null}

      {shown.length ? (
        <Card variant="outlined">
          <Table size="small" data-testid="hotspot-warnings">
            <TableHead>
              <TableRow>
                {['pair', 'period', 'count', 'chart', 'units', 'status', 'actions'].map((c) => (
                  <TableCell key={c}>{translate(`hotspots.column.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((w) => {
                const chartTo = addDays(w.chartFrom, w.dailyCounts.length - 1);
                const shade: [number, number] = [daysBetween(w.chartFrom, w.openedOn) - 6, daysBetween(w.chartFrom, w.lastDay)];
                const tickets = expanded[w.id];
                return (
                  <Fragment key={w.id}>
                    <TableRow data-warning={w.id} data-status={w.status}>
                      <TableCell>
                        <Typography variant="body2" fontWeight={600}>{w.topic}</Typography>
                        <Stack direction="row" spacing={0.5} alignItems="center">
                          <Chip size="small" variant="outlined" label={translate(w.road ? 'hotspots.kind.road' : 'hotspots.kind.committee')} />
                          <span data-field="place">{w.road ?? w.committeeName}</span>
                        </Stack>
                      </TableCell>
                      {/* Dates never break inside: 「2023-07-\n28」 was unreadable once the row grew buttons. */}
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <div>{translate('hotspots.period', { from: formatDate(w.openedOn), last: formatDate(w.lastDay) })}</div>
                        {w.closedOn ? <Typography variant="caption" color="text.secondary">{translate('hotspots.closedOn', { day: formatDate(w.closedOn) })}</Typography> : null}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <Typography variant="body2" data-field="count">
                          <strong>{w.peakCount}</strong> / {w.baseline.toFixed(2)}
                        </Typography>
                        <Typography variant="caption" color="text.secondary">{translate('hotspots.peak', { count: w.peakCount, day: formatDate(w.peakOn) })}</Typography>
                      </TableCell>
                      <TableCell>
                        <Sparkline counts={w.dailyCounts} shade={[Math.max(0, shade[0]), shade[1]]} title={translate('hotspots.chartTitle', { from: formatDate(w.chartFrom), to: formatDate(chartTo) })} />
                      </TableCell>
                      <TableCell>{w.units.map((u) => u.name).join(translate('rexian.punct.list'))}</TableCell>
                      <TableCell>
                        {statusChip(w)}
                        {w.acknowledgedBy ? (
                          <Typography variant="caption" color="text.secondary" display="block">
                            {translate('hotspots.acknowledgedBy', { who: w.acknowledgedBy })} {formatDateTime(w.acknowledgedAt)}
                          </Typography>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
                          <Button size="small" onClick={() => void toggleTickets(w)} data-testid={`tickets-${w.id}`}>
                            {translate(tickets ? 'hotspots.hideTickets' : 'hotspots.tickets')}
                          </Button>
                          {mayAcknowledge && w.status === 'OPEN' ? (
                            <Button size="small" variant="contained" disabled={busy === w.id} onClick={() => void acknowledge(w)} data-testid={`acknowledge-${w.id}`}>
                              {translate('hotspots.acknowledge')}
                            </Button>
                          ) : null}
                          {/* 预警单 and 专报 of this warning (§5b): the 专报 covers its days up to its closure or last day. */}
                          <GenerateFormButton kind="WARNING_FORM" period={`hotspot:${w.id}`} streetId={street.streetId} label="reportDocs.button.warning_form" />
                          <GenerateFormButton kind="HOTSPOT" period={`hotspot:${w.id}@${w.openedOn.slice(0, 10)}/${(w.closedOn ?? w.lastDay).slice(0, 10)}`} streetId={street.streetId} label="reportDocs.button.hotspot" />
                        </Stack>
                      </TableCell>
                    </TableRow>
                    {tickets && tickets !== 'loading' ? (
                      <TableRow>
                        <TableCell colSpan={7} sx={{ bgcolor: 'action.hover' }}>
                          <Table size="small" data-testid={`hotspot-tickets-${w.id}`}>
                            <TableHead>
                              <TableRow>
                                {['number', 'receivedAt', 'unit', 'address', 'status'].map((c) => (
                                  <TableCell key={c}>{translate(`hotspots.ticket.${c}`)}</TableCell>
                                ))}
                              </TableRow>
                            </TableHead>
                            <TableBody>
                              {tickets.map((t) => (
                                <TableRow key={t.id}>
                                  <TableCell><Link to={`/Ticket/${t.id}/show`}>{t.number}</Link></TableCell>
                                  <TableCell>{formatDateTime(t.receivedAt)}</TableCell>
                                  <TableCell>{t.unit?.name ?? ''}</TableCell>
                                  <TableCell>{t.address ?? ''}</TableCell>
                                  <TableCell>{translate(`rexian.enum.ticketStatus.${t.status}`, { _: t.status })}</TableCell>
                                </TableRow>
                              ))}
                            </TableBody>
                          </Table>
                        </TableCell>
                      </TableRow>
                    ) : null}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </Box>
  );
};
