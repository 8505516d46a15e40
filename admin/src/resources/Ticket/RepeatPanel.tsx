// 重复件: the ticket's master (unmerge) or its repeats, and likely masters to merge into (repeatSuggestions:
// same address or topic within 7 days). Merging sets repeatOfId through updateTicket, so warnings follow.
import { useEffect, useState } from 'react';
import { Box, Button, Chip, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useAccess } from '../../access';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '../../common/time';
import { runMutation } from '../../dataProvider/mutate';
import { query } from '../../reports/api';
import { announceWorkChanged } from '../../work/useMyWork';

interface Suggestion { ticket: { id: string; number: string; topic: string | null; address: string | null; receivedAt: string; status: string }; sameAddress: boolean; sameTopic: boolean }
type T = { id: string; version: number; repeatOfId?: string | null; number?: string };

// Merging writes repeatOfId, a field a unit handler may not change (api/src/schema/tickets.ts HANDLER_EDITABLE):
// a field rule, not a role × operation one, so updateTicket's me.operations entry cannot say it.
const MERGERS = ['ADMIN', 'OPS'];

export const RepeatPanel = () => {
  const ticket = useRecordContext<T>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { role } = useAccess();
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [master, setMaster] = useState<{ id: string; number: string } | null>(null);
  const [children, setChildren] = useState<number>(0);
  const [busy, setBusy] = useState(false);
  const canMerge = !!role && MERGERS.includes(role);

  useEffect(() => {
    if (!ticket) return;
    let live = true;
    void query<{ repeatSuggestions: Suggestion[]; m: { id: string; number: string } | null; c: { count: number } }>(
      `query($t: ID!, $m: ID!, $has: Boolean!) {
        repeatSuggestions(ticketId: $t) { ticket { id number topic address receivedAt status } sameAddress sameTopic }
        m: Ticket(id: $m) @include(if: $has) { id number }
        c: _allTicketsMeta(filter: { repeatOfId: $t }) { count }
      }`,
      { t: ticket.id, m: ticket.repeatOfId ?? ticket.id, has: !!ticket.repeatOfId },
    ).then((d) => {
      if (!live) return;
      setSuggestions(d.repeatSuggestions);
      setMaster(ticket.repeatOfId ? d.m : null);
      setChildren(d.c.count);
    }, () => live && setSuggestions([]));
    return () => {
      live = false;
    };
  }, [ticket?.id, ticket?.repeatOfId, ticket?.version]);

  if (!ticket) return null;
  const setRepeatOf = async (repeatOfId: string | null) => {
    setBusy(true);
    try {
      await runMutation('updateTicket', { id: ticket.id, version: ticket.version, repeatOfId });
      notify(repeatOfId ? 'work.repeat.merged' : 'work.repeat.unmerged', { type: 'success' });
      announceWorkChanged();
      refresh();
    } catch (e) {
      notify((e as Error).message || 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ display: 'grid', gap: 2, maxWidth: 900 }} data-panel="repeat">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        {ticket.repeatOfId ? (
          <>
            <Typography>
              {translate('rexian.punct.colon', { label: translate('work.repeat.master') })}
              <Link component={RouterLink} to={`/Ticket/${ticket.repeatOfId}/show`} sx={{ fontWeight: 600 }}>{master?.number ?? ticket.repeatOfId}</Link>
            </Typography>
            {canMerge ? <Button size="small" variant="outlined" color="warning" disabled={busy} onClick={() => setRepeatOf(null)}>{translate('work.repeat.unmerge')}</Button> : null}
          </>
        ) : (
          <Typography color="text.secondary">{children ? translate('work.repeat.isMaster', { count: children }) : translate('work.repeat.none')}</Typography>
        )}
      </Box>
      {canMerge && !children ? (
        <Box>
          <Typography variant="subtitle2">{translate('work.repeat.suggestions')}</Typography>
          {suggestions && suggestions.length === 0 ? <Typography variant="body2" color="text.secondary">{translate('work.repeat.noSuggestions')}</Typography> : null}
          <List dense>
            {(suggestions ?? []).filter((s) => s.ticket.id !== ticket.repeatOfId).map((s) => (
              <ListItem key={s.ticket.id} divider data-suggestion={s.ticket.number}
                secondaryAction={<Button size="small" variant="contained" disabled={busy} onClick={() => setRepeatOf(s.ticket.id)}>{translate('work.repeat.merge')}</Button>}>
                <ListItemText
                  primary={
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                      <Link component={RouterLink} to={`/Ticket/${s.ticket.id}/show`} sx={{ fontWeight: 600 }}>{s.ticket.number}</Link>
                      {s.sameAddress ? <Chip size="small" color="primary" label={translate('work.repeat.sameAddress')} /> : null}
                      {s.sameTopic ? <Chip size="small" label={translate('work.repeat.sameTopic')} /> : null}
                      <Typography variant="caption" color="text.secondary">{formatDateTime(s.ticket.receivedAt)}</Typography>
                    </Box>
                  }
                  secondary={[s.ticket.topic, s.ticket.address].filter(Boolean).join(' · ')}
                  sx={{ pr: 16 }}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      ) : null}
    </Box>
  );
};
