// "查看完整信息": the ticket's unmasked phone and address, for those the API allows (me.canRevealPersonalData),
// after they give a reason. revealTicketPersonalData records who, when and why; the dialog says so up front.
import { useState } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography,
} from '@mui/material';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { useRecordContext, useTranslate } from 'react-admin';
import { useAccess } from '../../access';
import { mutate } from '../../reports/api';

interface Revealed { citizenName: string | null; citizenPhone: string | null; address: string | null; content: string | null; replyText: string | null }

/** The same bounds the API checks (schema/personal.ts), answered before the round trip. */
export function reasonError(reason: string): string | undefined {
  const r = reason.trim();
  if (!r) return 'reveal.reasonRequired';
  if (r.length < 2) return 'reveal.reasonTooShort';
  if (r.length > 500) return 'reveal.reasonTooLong';
  return undefined;
}

export const RevealPersonalData = () => {
  const ticket = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const { canRevealPersonalData } = useAccess();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  if (!ticket || !canRevealPersonalData) return null;

  const close = () => {
    setOpen(false);
    setReason('');
    setError(undefined);
    setRevealed(null); // shown once per reasoned request, not kept on the page
  };
  const submit = async () => {
    const invalid = reasonError(reason);
    if (invalid) return setError(translate(invalid));
    setBusy(true);
    try {
      const d = await mutate<{ revealTicketPersonalData: Revealed }>(
        'mutation($id: ID!, $reason: String!) { revealTicketPersonalData(ticketId: $id, reason: $reason) { citizenName citizenPhone address content replyText } }',
        { id: ticket.id, reason: reason.trim() },
      );
      setRevealed(d.revealTicketPersonalData);
      setError(undefined);
    } catch (e) {
      setError((e as { body?: { errors?: { reason?: string } } }).body?.errors?.reason ?? ((e as Error).message || translate('ra.notification.http_error')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" variant="outlined" startIcon={<VisibilityIcon />} onClick={() => setOpen(true)} sx={{ mt: 1 }} data-testid="reveal-button">
        {translate('reveal.button')}
      </Button>
      <Dialog open={open} onClose={close} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('reveal.title')}</DialogTitle>
        <DialogContent>
          <Alert severity="info" sx={{ mb: 2 }}>{translate('reveal.notice')}</Alert>
          {revealed ? (
            <Box data-testid="reveal-result" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 1 }}>
              <Typography color="text.secondary">{translate('reveal.name')}</Typography>
              <Typography>{revealed.citizenName || '—'}</Typography>
              <Typography color="text.secondary">{translate('reveal.phone')}</Typography>
              <Typography sx={{ fontVariantNumeric: 'tabular-nums' }}>{revealed.citizenPhone || '—'}</Typography>
              <Typography color="text.secondary">{translate('reveal.address')}</Typography>
              <Typography>{revealed.address || '—'}</Typography>
              {(['content', 'replyText'] as const).map((f) => revealed[f] ? [
                <Typography key={`${f}-label`} color="text.secondary">{translate(`reveal.${f}`)}</Typography>,
                <Typography key={f} sx={{ whiteSpace: 'pre-wrap' }}>{revealed[f]}</Typography>,
              ] : null)}
              <Alert severity="success" sx={{ gridColumn: '1 / -1', mt: 1 }}>{translate('reveal.logged')}</Alert>
            </Box>
          ) : (
            <TextField
              autoFocus
              required
              fullWidth
              multiline
              minRows={2}
              name="reason"
              label={translate('reveal.reason')}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                if (error) setError(undefined);
              }}
              error={!!error}
              helperText={error ?? translate('reveal.reasonHelp')}
              slotProps={{ htmlInput: { maxLength: 600 } }}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('reveal.close')}</Button>
          {revealed ? null : (
            <Button variant="contained" onClick={submit} disabled={busy} data-testid="reveal-submit">{translate('reveal.submit')}</Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
};
