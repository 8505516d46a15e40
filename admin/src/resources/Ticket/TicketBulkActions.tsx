// The ticket list's bulk actions (issue #15): 批量派单 — the selected tickets to one unit, all or nothing
// (Mutation.dispatchTickets names the ticket that could not go) — and 导出所选.
import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import SendIcon from '@mui/icons-material/Send';
import {
  BulkExportButton, Form, required, useDataProvider, useGetMany, useGetOne, useListContext, useNotify, useRefresh, useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { UnitInput } from '../../common/inputs';
import { useAccess } from '../../access';
import { graphqlRequest } from '../../dataProvider/request';
import { translateError } from '../../dataProvider/errors';
import { announceWorkChanged } from '../../work/useMyWork';
import { usePageText } from '../../work/pageText';
import { enTicket, zhTicket } from './ticketMessages';

export const useTicketText = () => usePageText(zhTicket, enTicket);

type Row = { id: string; number: string; status: string; version: number; streetId?: string | null };

export const TicketBulkActions = () => {
  const { mayCall } = useAccess();
  const t = useTicketText();
  return (
    <Box sx={{ display: 'flex', gap: 1 }}>
      {mayCall('Mutation.dispatchTickets') ? <BulkDispatchButton /> : null}
      <BulkExportButton label={t('bulk.export')} />
    </Box>
  );
};

const BulkDispatchButton = () => {
  const t = useTicketText();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" startIcon={<SendIcon />} onClick={() => setOpen(true)} data-testid="bulk-dispatch">
        {t('bulk.dispatch')}
      </Button>
      {open ? <BulkDispatchDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
};

const DISPATCH = `mutation dispatchTickets($ids: [ID!]!, $versions: [Int!]!, $unitId: ID!) {
  dispatchTickets(ticketIds: $ids, versions: $versions, unitId: $unitId) { id }
}`;

/** All or nothing; a refusal keeps the server's Chinese message, which names the ticket (also for CONFLICT). */
async function dispatchTickets(ids: string[], versions: number[], unitId: string) {
  try {
    await graphqlRequest(DISPATCH, { ids, versions, unitId }, { raw: true });
  } catch (error) {
    const named = (error as { graphQLErrors?: Array<{ message?: string; extensions?: { ticketId?: string } }> }).graphQLErrors?.find((g) => g.extensions?.ticketId);
    if (named?.message) throw new Error(named.message);
    translateError(error);
  }
}

const BulkDispatchDialog = ({ onClose }: { onClose: () => void }) => {
  const t = useTicketText();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider();
  const { selectedIds, onUnselectItems } = useListContext();
  // Fresh rows (their versions and states), also of selected tickets on other pages.
  const { data, isPending } = useGetMany<Row>('Ticket', { ids: selectedIds }, { staleTime: 0 });
  const rows = (data ?? []).filter(Boolean);
  const [busy, setBusy] = useState(false);
  const streets = new Set(rows.map((r) => String(r.streetId ?? '')));
  const streetId = streets.size === 1 ? [...streets][0] || undefined : undefined;
  const notReceived = rows.filter((r) => r.status !== 'RECEIVED');
  const blocked = isPending || notReceived.length > 0 || streets.size > 1;

  const submit = async (values: { unitId?: string }) => {
    setBusy(true);
    try {
      await dispatchTickets(rows.map((r) => r.id), rows.map((r) => r.version), values.unitId!);
      const unit = await dataProvider.getOne<{ id: string; name: string }>('Unit', { id: values.unitId! }).then((r) => r.data.name, () => '');
      notify(t('bulk.dispatched', { count: rows.length, unit }), { type: 'success' });
      announceWorkChanged();
      onUnselectItems();
      onClose();
      refresh();
    } catch (e) {
      const message = (e as Error).message || 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message }, autoHideDuration: 10_000 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm">
      <Form record={{}} onSubmit={submit as any}>
        <DialogTitle>{t('bulk.dispatchTitle', { count: selectedIds.length })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('bulk.dispatchHint')}</Typography>
          {isPending ? <Typography variant="body2">{t('bulk.loading')}</Typography> : null}
          {notReceived.length ? (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="bulk-not-received">
              {t('bulk.notReceived', { numbers: notReceived.map((r) => translate('rexian.punct.paren', { text: r.number, inner: translate(`rexian.enum.ticketStatus.${r.status}`) })).join(translate('rexian.punct.list')) })}
            </Alert>
          ) : null}
          {streets.size > 1 ? <Alert severity="warning" sx={{ mb: 2 }}>{t('bulk.streets')}</Alert> : null}
          <Typography variant="body2" sx={{ mb: 2, fontVariantNumeric: 'tabular-nums' }} data-testid="bulk-numbers">
            {rows.map((r) => r.number).join(translate('rexian.punct.list'))}
          </Typography>
          <UnitInput source="unitId" streetId={streetId} validate={required()} fullWidth disabled={blocked} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>{translate('ra.action.cancel')}</Button>
          <SubmitButton busy={busy} blocked={blocked} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};

const SubmitButton = ({ busy, blocked }: { busy: boolean; blocked: boolean }) => {
  const translate = useTranslate();
  const unitId = useWatch({ name: 'unitId' }) as string | undefined;
  // Names the unit on the button, so the clerk sees where the tickets go before confirming.
  const { data: unit } = useGetOne<{ id: string; name: string }>('Unit', { id: unitId! }, { enabled: !!unitId });
  return (
    <Button type="submit" variant="contained" disabled={busy || blocked}>
      {translate('ra.action.confirm')}{unit?.name ? ` → ${unit.name}` : ''}
    </Button>
  );
};
