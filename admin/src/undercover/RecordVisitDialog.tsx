// The dialog that records one visit: date, finding, and — when the visit overturns the 不属实 finding — the
// negative-list item and points (the API defaults them) and an optional referral to 纪检 with its conduct.
import { useEffect, useState } from 'react';
import {
  Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, MenuItem, Stack, TextField,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { mutate, query } from '../reports/api';
import { shanghaiDate } from '../common/time';
import { DateField } from '../common/pickers';
import { ENUMS } from '../common/enums';
import { VISIT_FIELDS, type Visit } from './api';

interface Item { id: string; code: string; title: string; points: number }
const DEFAULT_ITEM_CODE = 'NL08';

export const RecordVisitDialog = ({ visit, onClose, onSaved }: { visit: Visit; onClose: () => void; onSaved: () => void }) => {
  const translate = useTranslate();
  const [visitedAt, setVisitedAt] = useState(visit.visitedAt ?? shanghaiDate(new Date()));
  // The date field holds text that is no date (its error shown under it): nothing is saved until it is corrected.
  const [visitedBad, setVisitedBad] = useState(false);
  const [finding, setFinding] = useState(visit.finding ?? '');
  const [overturned, setOverturned] = useState(!!visit.overturned);
  const [items, setItems] = useState<Item[]>([]);
  const [itemId, setItemId] = useState('');
  const [points, setPoints] = useState('');
  const [refer, setRefer] = useState(!!visit.disciplineReferralId);
  const [conduct, setConduct] = useState(visit.disciplineReferral?.conduct ?? 'FALSIFICATION');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recordExists = !!visit.negativeRecordId;

  useEffect(() => {
    void query<{ allNegativeItems: Item[] }>(`query { allNegativeItems(perPage: 100, sortField: "code", filter: { active: true }) { id code title points } }`)
      .then((d) => {
        setItems(d.allNegativeItems);
        setItemId((current) => current || (d.allNegativeItems.find((i) => i.code === DEFAULT_ITEM_CODE)?.id ?? ''));
      })
      .catch(() => setItems([]));
  }, []);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const sendItem = overturned && !recordExists;
      await mutate(
        `mutation($id: ID!, $v: Int!, $d: Date!, $f: String!, $o: Boolean!, $item: ID, $p: Float, $refer: Boolean, $c: Conduct) {
          recordUndercoverVisit(id: $id, version: $v, visitedAt: $d, finding: $f, overturned: $o, negativeItemId: $item, points: $p, referToDiscipline: $refer, conduct: $c) { ${VISIT_FIELDS} } }`,
        {
          id: visit.id,
          v: visit.version,
          d: visitedAt,
          f: finding,
          o: overturned,
          item: sendItem && itemId ? itemId : null,
          p: sendItem && points.trim() ? Number(points) : null,
          refer: overturned && refer,
          c: overturned && refer ? conduct : null,
        },
      );
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('undercover.dialog.title', { number: visit.ticket?.number ?? visit.ticketId })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error ? <Alert severity="error" data-testid="record-error">{error}</Alert> : null}
          <DateField
            size="small" required label={translate('undercover.dialog.visitedAt')} value={visitedAt} name="visitedAt" sx={{ width: 200 }}
            onChange={(v) => { setVisitedAt(v); setVisitedBad(false); }} onInvalid={() => setVisitedBad(true)}
          />
          <TextField multiline minRows={3} label={translate('undercover.dialog.finding')} value={finding} onChange={(e) => setFinding(e.target.value)} inputProps={{ name: 'finding' }} />
          <FormControlLabel control={<Checkbox name="overturned" checked={overturned} onChange={(e) => setOverturned(e.target.checked)} />} label={translate('undercover.dialog.overturned')} />
          {overturned && recordExists ? <Alert severity="info">{translate('undercover.dialog.alreadyRecorded')}</Alert> : null}
          {overturned && !recordExists ? (
            <Stack direction="row" spacing={2}>
              <TextField select size="small" label={translate('undercover.dialog.item')} value={itemId} onChange={(e) => setItemId(e.target.value)} inputProps={{ name: 'negativeItemId' }} sx={{ flex: 1 }}>
                {items.map((i) => (
                  <MenuItem key={i.id} value={i.id}>{`${i.code} ${i.title}（${i.points}）`}</MenuItem>
                ))}
              </TextField>
              <TextField size="small" label={translate('undercover.dialog.points')} value={points} onChange={(e) => setPoints(e.target.value)} inputProps={{ name: 'points', inputMode: 'decimal' }} sx={{ width: 220 }} />
            </Stack>
          ) : null}
          {overturned ? (
            <Stack direction="row" spacing={2} alignItems="center">
              <FormControlLabel control={<Checkbox name="refer" checked={refer} disabled={!!visit.disciplineReferralId} onChange={(e) => setRefer(e.target.checked)} />} label={translate('undercover.dialog.refer')} />
              {refer ? (
                <TextField select size="small" label={translate('undercover.dialog.conduct')} value={conduct} onChange={(e) => setConduct(e.target.value)} disabled={!!visit.disciplineReferralId} inputProps={{ name: 'conduct' }} sx={{ width: 180 }}>
                  {ENUMS.conduct.map((c) => (
                    <MenuItem key={c} value={c}>{translate(`rexian.enum.conduct.${c}`)}</MenuItem>
                  ))}
                </TextField>
              ) : null}
            </Stack>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>{translate('undercover.dialog.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || visitedBad} data-testid="record-save">{translate('undercover.dialog.save')}</Button>
      </DialogActions>
    </Dialog>
  );
};
