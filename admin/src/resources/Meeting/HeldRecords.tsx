// What a 专题 or 领导小组 meeting held besides its decisions: the escalations it decided (一事一议, 四(四)) and the
// reviews it commented on (分级点评, 三.5), each linking to its record, with buttons that start a new one already
// linked to this meeting.
import { Box, Button, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { Link, ReferenceField, ReferenceManyField, TextField, DataTable, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { DateOnlyField, ShortTextField } from '../../common/fields';

const createLink = (resource: string, source: Record<string, unknown>) => `/${resource}/create?source=${encodeURIComponent(JSON.stringify(source))}`;

export const HeldRecords = () => {
  const meeting = useRecordContext<{ id: string; kind: string; streetId: string }>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!meeting || (meeting.kind !== 'SPECIAL' && meeting.kind !== 'LEADING_GROUP')) return null;
  return (
    <Box data-testid="meeting-held" sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="subtitle1">{translate('meetings.held.escalations')}</Typography>
        <Button size="small" startIcon={<AddIcon />} component={Link} to={createLink('Escalation', { meetingId: meeting.id, streetId: meeting.streetId })}>
          {translate('meetings.held.addEscalation')}
        </Button>
      </Box>
      <ReferenceManyField reference="Escalation" target="meetingId" perPage={50} sort={{ field: 'id', order: 'ASC' }} empty={<Typography variant="body2" color="text.secondary">{translate('meetings.held.none')}</Typography>}>
        <DataTable bulkActionButtons={false} rowClick={(id) => createPath({ resource: 'Escalation', id, type: 'show' })}>
          <DataTable.Col source="title" />
          <DataTable.Col source="decision" disableSort><ShortTextField source="decision" max={40} /></DataTable.Col>
          <DataTable.Col source="owner" />
          <DataTable.Col source="due"><DateOnlyField source="due" /></DataTable.Col>
        </DataTable>
      </ReferenceManyField>
      {meeting.kind === 'LEADING_GROUP' ? (
        <>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 2 }}>
            <Typography variant="subtitle1">{translate('meetings.held.reviews')}</Typography>
            <Button size="small" startIcon={<AddIcon />} component={Link} to={createLink('Review', { meetingId: meeting.id })}>
              {translate('meetings.held.addReview')}
            </Button>
          </Box>
          <ReferenceManyField reference="Review" target="meetingId" perPage={50} sort={{ field: 'id', order: 'ASC' }} empty={<Typography variant="body2" color="text.secondary">{translate('meetings.held.none')}</Typography>}>
            <DataTable bulkActionButtons={false} rowClick={(id) => createPath({ resource: 'Review', id, type: 'show' })}>
              <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
              <DataTable.Col source="period"><TextField source="period" /></DataTable.Col>
              <DataTable.Col source="leadingGroupComment" disableSort><ShortTextField source="leadingGroupComment" max={40} /></DataTable.Col>
            </DataTable>
          </ReferenceManyField>
        </>
      ) : null}
    </Box>
  );
};
