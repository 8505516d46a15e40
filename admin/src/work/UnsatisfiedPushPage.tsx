// 不满意件推送 (domain.md §5, plan 四(二)4): the list each unit head received for a day's callbacks, as the daily job
// stored it — first callbacks marked, tickets unsatisfied twice or more in a row escalated to the 分管领导.
// A unit handler sees only its own unit (the API scopes it); the others may pick a unit.
import { useEffect, useState } from 'react';
import { Alert, Box, Card, CardContent, CardHeader, Chip, Link, MenuItem, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useWorkingStreet } from '../common/workingStreet';
import { DateField } from '../common/pickers';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { useAccess } from '../access';
import { formatDateTime, shanghaiDate } from '../common/time';
import { query } from '../reports/api';

interface PushItem {
  ticketId: string;
  ticket: { number: string; topic: string | null } | null;
  callback: { calledAt: string } | null;
  firstCallback: boolean;
  consecutiveUnsatisfied: number;
  escalated: boolean;
}
interface PushRow {
  unitId: string;
  unit: { name: string };
  unitHead: string | null;
  deputyLeader: string | null;
  level: number;
  ticketCount: number;
  escalatedCount: number;
  items: PushItem[];
}

const PUSH = `query($d: Date!, $u: ID, $s: ID) { unsatisfiedPush(date: $d, unitId: $u, streetId: $s) {
  unitId unit { name } unitHead deputyLeader level ticketCount escalatedCount
  items { ticketId ticket { number topic } callback { calledAt } firstCallback consecutiveUnsatisfied escalated } } }`;

/** The push sent today is for yesterday's callbacks. */
export const latestPushDay = (now = new Date()) => shanghaiDate(new Date(now.getTime() - 86_400_000));

const UnitPush = ({ row }: { row: PushRow }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-unit={row.unit.name}>
      <CardHeader
        title={
          <Stack direction="row" spacing={1} alignItems="center">
            <span>{row.unit.name}</span>
            <Chip size="small" color={row.level === 2 ? 'error' : 'warning'} label={translate(row.level === 2 ? 'work.push.level2' : 'work.push.level1')} />
            <Chip size="small" variant="outlined" label={`${translate('work.push.tickets')} ${row.ticketCount}`} />
            {row.escalatedCount ? <Chip size="small" variant="outlined" color="error" label={`${translate('work.push.escalated')} ${row.escalatedCount}`} /> : null}
          </Stack>
        }
        subheader={`${translate('work.push.head')}：${row.unitHead ?? '—'}　${translate('work.push.deputy')}：${row.deputyLeader ?? '—'}`}
        titleTypographyProps={{ variant: 'subtitle1', fontWeight: 600 }}
        subheaderTypographyProps={{ variant: 'caption' }}
        sx={{ pb: 0 }}
      />
      <CardContent sx={{ pt: 1 }}>
        <Table size="small">
          <TableBody>
            {row.items.map((i) => (
              <TableRow key={i.ticketId} data-ticket={i.ticket?.number ?? i.ticketId}>
                <TableCell sx={{ width: 180 }}>
                  {i.ticket ? (
                    <Link component={RouterLink} to={`/Ticket/${i.ticketId}/show`} sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{i.ticket.number}</Link>
                  ) : (
                    <Typography variant="body2" color="text.secondary">{translate('work.push.hidden')}</Typography>
                  )}
                </TableCell>
                <TableCell>{i.ticket?.topic ?? ''}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{i.callback ? formatDateTime(i.callback.calledAt) : ''}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {i.firstCallback ? <Chip size="small" color="info" label={translate('work.push.firstCallback')} sx={{ mr: 0.5 }} /> : null}
                  {i.escalated ? <Chip size="small" color="error" label={translate('work.push.consecutive', { n: i.consecutiveUnsatisfied })} /> : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};

export const UnsatisfiedPushPage = () => {
  const translate = useTranslate();
  const { role } = useAccess();
  const [params, setParams] = useSearchParams();
  const day = params.get('day') ?? latestPushDay();
  const unitId = params.get('unit') ?? '';
  const [rows, setRows] = useState<PushRow[] | null>(null);
  const [units, setUnits] = useState<Array<{ id: string; name: string }>>([]);
  const { streetId } = useWorkingStreet();
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if (role && role !== 'UNIT_HANDLER') {
      void query<{ allUnits: Array<{ id: string; name: string }> }>('query($s: ID) { allUnits(perPage: 100, sortField: "code", sortOrder: "ASC", filter: { active: true, streetId: $s }) { id name } }', { s: streetId }).then((d) => setUnits(d.allUnits), () => setUnits([]));
    }
  }, [role, streetId]);
  useEffect(() => {
    setRows(null);
    // The street worked in (a district account's app-bar choice); a handler's is its unit's.
    void query<{ unsatisfiedPush: PushRow[] }>(PUSH, { d: day, u: unitId || null, s: role === 'UNIT_HANDLER' ? null : streetId }).then((d) => setRows(d.unsatisfiedPush), () => setRows([]));
  }, [day, unitId, streetId, role]);
  const tickets = (rows ?? []).reduce((n, r) => n + r.ticketCount, 0);
  const escalated = (rows ?? []).reduce((n, r) => n + r.escalatedCount, 0);
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }} data-page="unsatisfied-push">
      <Title title={translate('work.push.title')} />
      <Typography variant="body2" color="text.secondary">{translate('work.push.intro')}</Typography>
      <Stack direction="row" spacing={2} alignItems="center">
        <DateField size="small" label={translate('work.push.day')} value={day} onChange={(v) => set('day', v)} name="day" sx={{ width: 180 }} />
        {role && role !== 'UNIT_HANDLER' ? (
          <TextField size="small" select label={translate('work.push.unit')} value={unitId} onChange={(e) => set('unit', e.target.value)} sx={{ minWidth: 220 }}>
            <MenuItem value="">{translate('work.push.allUnits')}</MenuItem>
            {units.map((u) => <MenuItem key={u.id} value={u.id}>{u.name}</MenuItem>)}
          </TextField>
        ) : null}
        {rows?.length ? <Typography variant="body2" data-total>{translate('work.push.total', { units: rows.length, tickets, escalated })}</Typography> : null}
      </Stack>
      {rows && !rows.length ? <Alert severity="success" variant="outlined">{translate('work.push.none')}</Alert> : null}
      {(rows ?? []).map((r) => <UnitPush key={r.unitId} row={r} />)}
    </Box>
  );
};
