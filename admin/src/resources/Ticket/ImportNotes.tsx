// The data-quality notes the last city import left on this ticket (domain.md §7): times out of their usual order,
// stored as the city recorded them, for a clerk to query with the city. Nothing when there are none.
import { Alert, AlertTitle } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

export const ImportNotes = () => {
  const record = useRecordContext<{ importNotes?: string[] }>();
  const translate = useTranslate();
  const notes = record?.importNotes ?? [];
  if (!notes.length) return null;
  return (
    <Alert severity="warning" variant="outlined" sx={{ mt: 2 }} data-testid="ticket-import-notes">
      <AlertTitle>{translate('resources.Ticket.fields.importNotes')}</AlertTitle>
      {notes.map((n) => <div key={n}>{n}</div>)}
    </Alert>
  );
};
