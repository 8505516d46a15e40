// A meeting's decisions as an editable table: each row saves on its own (createMeetingDecision/updateMeetingDecision
// with its version), so a meeting's record and its decisions never wait on one another.
import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Chip, IconButton, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { useGetList, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { mutate, query } from '../../reports/api';
import { announceWorkChanged } from '../../work/useMyWork';
import { byPeerGroupAndCode } from '../../common/inputs';
import { DateField } from '../../common/pickers';
import { DecisionDoneButton as DecisionDone, errorText } from './DecisionDone';

interface Decision {
  id: string | null;
  key: string;
  version: number | null;
  text: string;
  ownerUnitId: string;
  ownerUserId: string;
  dueOn: string;
  status: 'OPEN' | 'DONE';
  doneNote: string | null;
  overdue: boolean;
  dirty: boolean;
  /** The due date field holds text that is no date (its error shown under it): not saved until corrected. */
  dueBad?: boolean;
}
interface Person { id: string; name: string; role: string }

const FIELDS = 'id version text ownerUnitId ownerUserId dueOn status doneNote overdue';
const toRow = (d: any): Decision => ({
  id: d.id, key: d.id, version: d.version, text: d.text ?? '', ownerUnitId: d.ownerUnitId ?? '', ownerUserId: d.ownerUserId ?? '',
  dueOn: d.dueOn ?? '', status: d.status, doneNote: d.doneNote, overdue: d.overdue, dirty: false,
});

export const MeetingDecisions = ({ editable }: { editable: boolean }) => {
  const meeting = useRecordContext<{ id: string; streetId: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const [rows, setRows] = useState<Decision[] | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const { data: units } = useGetList<{ id: string; name: string; code: string; peerGroup: string }>(
    'Unit',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'code', order: 'ASC' }, filter: { streetId: meeting?.streetId } },
    { enabled: !!meeting?.streetId },
  );
  const load = useCallback(async () => {
    if (!meeting?.id) return;
    const data = await query<{ allMeetingDecisions: any[] }>(
      `query($m: ID) { allMeetingDecisions(filter: { meetingId: $m }, perPage: 100, sortField: "id", sortOrder: "ASC") { ${FIELDS} } }`,
      { m: meeting.id },
    );
    setRows(data.allMeetingDecisions.map(toRow));
  }, [meeting?.id]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!meeting?.streetId) return;
    query<{ meetingPeople: Person[] }>(`query($s: ID!) { meetingPeople(streetId: $s) { id name role } }`, { s: meeting.streetId })
      .then((d) => setPeople(d.meetingPeople))
      .catch(() => setPeople([]));
  }, [meeting?.streetId]);

  if (!meeting?.id) return null;
  const set = (key: string, patch: Partial<Decision>) => setRows((rs) => (rs ?? []).map((r) => (r.key === key ? { ...r, ...patch, dirty: true } : r)));
  const save = async (r: Decision) => {
    const vars = { text: r.text, u: r.ownerUnitId || null, p: r.ownerUserId || null, d: r.dueOn || null };
    try {
      if (r.id) {
        await mutate(`mutation($id: ID!, $v: Int!, $text: String, $u: ID, $p: ID, $d: Date) { updateMeetingDecision(id: $id, version: $v, text: $text, ownerUnitId: $u, ownerUserId: $p, dueOn: $d) { id } }`, { id: r.id, v: r.version, ...vars });
      } else {
        await mutate(`mutation($m: ID!, $text: String!, $u: ID, $p: ID, $d: Date) { createMeetingDecision(meetingId: $m, text: $text, ownerUnitId: $u, ownerUserId: $p, dueOn: $d) { id } }`, { m: meeting.id, ...vars });
      }
      notify('meetings.saved', { type: 'success' });
      announceWorkChanged();
      await load();
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    }
  };
  const remove = async (r: Decision) => {
    if (r.id && !window.confirm(translate('meetings.confirmRemove'))) return;
    try {
      if (r.id) await mutate(`mutation($id: ID!) { deleteMeetingDecision(id: $id) { id } }`, { id: r.id });
      setRows((rs) => (rs ?? []).filter((x) => x.key !== r.key));
      announceWorkChanged();
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    }
  };
  const add = () =>
    setRows((rs) => [...(rs ?? []), { id: null, key: `new-${Date.now()}-${(rs ?? []).length}`, version: null, text: '', ownerUnitId: '', ownerUserId: '', dueOn: '', status: 'OPEN', doneNote: null, overdue: false, dirty: true }]);
  const sortedUnits = [...(units ?? [])].sort(byPeerGroupAndCode);
  const unitName = (id: string) => units?.find((u) => u.id === id)?.name ?? '';

  return (
    <Box sx={{ mt: 2, px: 2, pb: 2 }} data-testid="meeting-decisions">
      <Typography variant="subtitle1" fontWeight={600} sx={{ mb: 1 }}>{translate('meetings.decisions')}</Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '36%' }}>{translate('resources.MeetingDecision.fields.text')}</TableCell>
            <TableCell>{translate('resources.MeetingDecision.fields.ownerUnitId')}</TableCell>
            <TableCell>{translate('resources.MeetingDecision.fields.ownerUserId')}</TableCell>
            <TableCell>{translate('resources.MeetingDecision.fields.dueOn')}</TableCell>
            <TableCell>{translate('resources.MeetingDecision.fields.status')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(rows ?? []).length === 0 ? (
            <TableRow><TableCell colSpan={6}><Typography variant="body2" color="text.secondary">{translate('meetings.none')}</Typography></TableCell></TableRow>
          ) : null}
          {(rows ?? []).map((r, i) => {
            const locked = !editable || r.status === 'DONE';
            return (
              <TableRow key={r.key} data-testid={`decision-row-${i}`}>
                <TableCell>
                  {locked ? (
                    <>
                      <Typography variant="body2">{r.text}</Typography>
                      {r.doneNote ? <Typography variant="caption" color="text.secondary">{translate('rexian.punct.colon', { label: translate('resources.MeetingDecision.fields.doneNote') })}{r.doneNote}</Typography> : null}
                    </>
                  ) : (
                    <TextField size="small" fullWidth multiline value={r.text} onChange={(e) => set(r.key, { text: e.target.value })} inputProps={{ 'data-testid': 'decision-text', 'aria-label': translate('resources.MeetingDecision.fields.text') }} />
                  )}
                </TableCell>
                <TableCell>
                  {locked ? unitName(r.ownerUnitId) || '—' : (
                    <TextField select size="small" value={r.ownerUnitId} onChange={(e) => set(r.key, { ownerUnitId: e.target.value })} sx={{ minWidth: 160 }} SelectProps={{ SelectDisplayProps: { 'data-testid': 'decision-unit' } as any }}>
                      <MenuItem value="">{translate('meetings.ownerNone')}</MenuItem>
                      {sortedUnits.map((u) => <MenuItem key={u.id} value={u.id}>{u.name}</MenuItem>)}
                    </TextField>
                  )}
                </TableCell>
                <TableCell>
                  {locked ? people.find((p) => p.id === r.ownerUserId)?.name ?? (r.ownerUserId ? `#${r.ownerUserId}` : '—') : (
                    <TextField select size="small" value={r.ownerUserId} onChange={(e) => set(r.key, { ownerUserId: e.target.value })} sx={{ minWidth: 140 }} SelectProps={{ SelectDisplayProps: { 'data-testid': 'decision-user' } as any }}>
                      <MenuItem value="">{translate('meetings.ownerNone')}</MenuItem>
                      {people.map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
                    </TextField>
                  )}
                </TableCell>
                <TableCell>
                  {locked ? r.dueOn || '—' : (
                    <DateField
                      size="small" clearable fieldName={translate('resources.MeetingDecision.fields.dueOn')} value={r.dueOn}
                      onChange={(v) => set(r.key, { dueOn: v, dueBad: false })} onInvalid={() => set(r.key, { dueBad: true })}
                      inputAttrs={{ 'data-testid': 'decision-due', 'aria-label': translate('resources.MeetingDecision.fields.dueOn') }} sx={{ width: 170 }}
                    />
                  )}
                </TableCell>
                <TableCell>
                  <Chip size="small" label={translate(`meetings.status.${r.status}`)} color={r.status === 'DONE' ? 'success' : r.overdue ? 'error' : 'default'} />
                  {r.overdue ? <Typography variant="caption" color="error" sx={{ ml: 0.5 }}>{translate('meetings.overdue')}</Typography> : null}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {editable && r.status === 'OPEN' ? (
                    <Button size="small" variant={r.dirty ? 'contained' : 'text'} disabled={!r.dirty || !!r.dueBad} onClick={() => save(r)} data-testid="decision-save">{translate('meetings.save')}</Button>
                  ) : null}
                  {r.id && r.status === 'OPEN' && !r.dirty ? <DecisionDone id={r.id} onDone={load} /> : null}
                  {editable ? (
                    <Tooltip title={translate('meetings.remove')}>
                      <IconButton size="small" onClick={() => remove(r)} aria-label={translate('meetings.remove')}><DeleteIcon fontSize="small" /></IconButton>
                    </Tooltip>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {editable ? <Button startIcon={<AddIcon />} onClick={add} sx={{ mt: 1 }} data-testid="decision-add">{translate('meetings.add')}</Button> : null}
    </Box>
  );
};
