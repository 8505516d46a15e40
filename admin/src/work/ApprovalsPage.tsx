// 审批 (leaders): return requests at both levels — the 分管领导's decision with the receiving unit, then the
// 主要领导's with the 纪检 filing ref — and extension requests, each decided in the ticket's own step dialog.
// A leader sees the level of its rank only: the server's myWork says which (returnsDeputy / returnsMain).
import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Card, CardContent, Chip, Link, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '../common/time';
import { query } from '../reports/api';
import { StepDialog } from '../resources/Ticket/TicketActions';
import { useMyWork, WORK_CHANGED } from './useMyWork';
import { usePageText } from './pageText';
import { enMyWork, zhMyWork } from './myWorkMessages';

interface Pending {
  id: string;
  status: string;
  reason: string;
  requestedAt: string;
  ticket: { id: string; number: string; version: number; topic: string | null; streetId: string };
  unit: { name: string } | null;
  toUnit?: { name: string } | null;
  decisionNote?: string | null;
}


async function loadPending() {
  const fields = 'id status reason requestedAt decisionNote ticket { id number version topic streetId }';
  const data = await query<{ deputy: any[]; main: any[]; ext: any[] }>(`{
    deputy: allReturnRequests(perPage: 100, sortField: "requestedAt", sortOrder: "ASC", filter: { status: PENDING }) { ${fields} unit: fromUnit { name } toUnit { name } }
    main: allReturnRequests(perPage: 100, sortField: "requestedAt", sortOrder: "ASC", filter: { status: AWAITING_MAIN_LEADER }) { ${fields} unit: fromUnit { name } toUnit { name } }
    ext: allExtensionRequests(perPage: 100, sortField: "requestedAt", sortOrder: "ASC", filter: { status: PENDING }) { id status reason requestedAt ticket { id number version topic streetId } unit { name } }
  }`);
  return { deputy: data.deputy as Pending[], main: data.main as Pending[], ext: data.ext as Pending[] };
}

const Rows = ({ rows, action, kind, onDecide }: { rows: Pending[]; action: string; kind: 'deputy' | 'main' | 'ext'; onDecide: (a: string, r: Pending) => void }) => {
  const translate = useTranslate();
  // The server leaves out of myWork the second-level requests this leader decided at the first level.
  const mine = useMyWork()?.find((s) => s.key === 'returnsMain');
  const decidedByMe = (r: Pending) => !!mine && mine.count === mine.items.length && !mine.items.some((i) => i.id === r.id);
  if (!rows.length) return <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>{translate('work.approvals.none')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('work.approvals.ticket')}</TableCell>
          <TableCell>{translate('work.approvals.unit')}</TableCell>
          <TableCell>{translate('work.approvals.reason')}</TableCell>
          {kind === 'main' ? <TableCell>{translate('work.approvals.deputyNote')}</TableCell> : null}
          <TableCell>{translate('work.approvals.requestedAt')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-request={r.id}>
            <TableCell>
              <Link component={RouterLink} to={`/Ticket/${r.ticket.id}/show`} sx={{ fontWeight: 600 }}>{r.ticket.number}</Link>
              <Typography variant="caption" display="block" color="text.secondary">{r.ticket.topic ?? ''}</Typography>
            </TableCell>
            <TableCell>{r.unit?.name ?? '—'}</TableCell>
            <TableCell sx={{ maxWidth: 360 }}>{r.reason}</TableCell>
            {kind === 'main' ? (
              <TableCell sx={{ maxWidth: 260 }}>
                {r.toUnit ? <Chip size="small" label={`→ ${r.toUnit.name}`} sx={{ mr: 1 }} /> : null}
                {r.decisionNote ?? ''}
              </TableCell>
            ) : null}
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.requestedAt)}</TableCell>
            <TableCell align="right">
              {kind === 'main' && decidedByMe(r) ? (
                <Tooltip title={translate('work.approvals.mainOnlyOther')}>
                  <span><Button size="small" variant="contained" disabled>{translate('work.approvals.decide')}</Button></span>
                </Tooltip>
              ) : (
                <Button size="small" variant="contained" onClick={() => onDecide(action, r)}>{translate('work.approvals.decide')}</Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

export const ApprovalsPage = () => {
  const translate = useTranslate();
  const myWorkText = usePageText(zhMyWork, enMyWork);
  const { mayCall } = useAccess();
  const [data, setData] = useState<{ deputy: Pending[]; main: Pending[]; ext: Pending[] } | null>(null);
  const [open, setOpen] = useState<{ action: string; row: Pending } | null>(null);
  const reload = useCallback(() => void loadPending().then(setData, () => setData({ deputy: [], main: [], ext: [] })), []);
  useEffect(reload, [reload]);
  const close = () => {
    setOpen(null);
    reload();
    window.dispatchEvent(new Event(WORK_CHANGED));
  };
  const canDecide = mayCall('Mutation.decideReturn') || mayCall('Mutation.decideExtension');
  const sections = useMyWork();
  const levels = new Set((sections ?? []).map((s) => s.key));
  // Others (read-only) see both levels; a leader waits for myWork to learn its rank.
  const show = (key: string) => (canDecide ? levels.has(key) : true);
  const decide = canDecide ? (action: string, row: Pending) => setOpen({ action, row }) : () => {};
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title={translate('work.approvals.title')} />
      {show('returnsDeputy') ? <Card variant="outlined" data-list="returns-deputy">
        <CardContent>
          <Typography variant="subtitle1" fontWeight={600}>{translate('work.approvals.returns')} · {translate('work.approvals.deputy')}</Typography>
          <Typography variant="caption" color="text.secondary">{myWorkText('hint.returnsDeputy')}</Typography>
          {data ? <Rows rows={data.deputy} action="decideReturn" kind="deputy" onDecide={decide} /> : null}
        </CardContent>
      </Card> : null}
      {show('returnsMain') ? <Card variant="outlined" data-list="returns-main">
        <CardContent>
          <Typography variant="subtitle1" fontWeight={600}>{translate('work.approvals.returns')} · {translate('work.approvals.main')}</Typography>
          <Typography variant="caption" color="text.secondary">{translate('work.myWork.hint.returnsMain')}（{translate('work.approvals.mainOnlyOther')}）</Typography>
          {data ? <Rows rows={data.main} action="approveReturnAsMainLeader" kind="main" onDecide={decide} /> : null}
        </CardContent>
      </Card> : null}
      <Card variant="outlined" data-list="extensions">
        <CardContent>
          <Typography variant="subtitle1" fontWeight={600}>{translate('work.approvals.extensions')}</Typography>
          {data ? <Rows rows={data.ext} action="decideExtension" kind="ext" onDecide={decide} /> : null}
        </CardContent>
      </Card>
      {open ? <StepDialog action={open.action} ticket={{ id: open.row.ticket.id, version: open.row.ticket.version, streetId: open.row.ticket.streetId }} onClose={close} /> : null}
    </Box>
  );
};
