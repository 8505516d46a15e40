// 办结 a meeting decision with its note (completeMeetingDecision): from the meeting's decisions and from 我的待办.
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { mutate } from '../../reports/api';
import { announceWorkChanged } from '../../work/useMyWork';

/** The server's words for a refusal: the field errors when there are some, else the message. */
export function errorText(e: unknown): string {
  const err = e as { message?: string; body?: { errors?: Record<string, unknown> } };
  // body.errors holds the field errors (strings) and react-admin's `root` entry (an object): only the former.
  const fields = Object.values(err?.body?.errors ?? {}).filter((v): v is string => typeof v === 'string' && !!v);
  return fields.length ? fields.join('；') : (err?.message ?? String(e));
}

export const DecisionDoneButton = ({ id, onDone }: { id: string; onDone?: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await mutate(`mutation($id: ID!, $note: String!) { completeMeetingDecision(id: $id, note: $note) { id status } }`, { id, note });
      setOpen(false);
      notify('meetings.doneOk', { type: 'success' });
      announceWorkChanged();
      onDone?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => { setNote(''); setError(null); setOpen(true); }} data-testid={`decision-done-${id}`}>
        {translate('meetings.done')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('meetings.doneTitle')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            margin="dense"
            label={translate('meetings.doneNote')}
            placeholder={translate('meetings.doneHint')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={!!error}
            helperText={error ?? ' '}
            inputProps={{ 'data-testid': 'decision-done-note' }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('meetings.cancel')}</Button>
          <Button variant="contained" onClick={submit} disabled={busy} data-testid="decision-done-submit">{translate('meetings.done')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
