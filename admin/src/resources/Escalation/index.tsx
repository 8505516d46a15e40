import { ChipField, DataTable, Labeled, ReferenceArrayField, ReferenceField, SimpleForm, SimpleShowLayout, SingleFieldList, TextField, TextInput, required } from 'react-admin';
import { DateOnlyField, ParagraphField } from '../../common/fields';
import { CalendarDateInput, QuickSearch, RefArrayInput, RefInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { MeetingInput } from '../Meeting/MeetingInput';

const filters = [<QuickSearch key="q" alwaysOn />, <RefInput key="streetId" source="streetId" reference="Street" />];

const EscalationList = () => (
  <ResourceList filters={filters} sort={{ field: 'meetingDate', order: 'DESC' }}>
    <DataTable.Col source="title" />
    <DataTable.Col source="meetingDate"><DateOnlyField source="meetingDate" /></DataTable.Col>
    <DataTable.Col source="owner" />
    <DataTable.Col source="due"><DateOnlyField source="due" /></DataTable.Col>
    <DataTable.Col source="streetId"><ReferenceField source="streetId" reference="Street" link={false} /></DataTable.Col>
  </ResourceList>
);

const EscalationForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <TextInput source="title" validate={required()} sx={{ minWidth: 420 }} />
      <RefInput source="streetId" reference="Street" validate={required()} />
    </Row>
    <RefArrayInput source="ticketIds" reference="Ticket" fullWidth />
    <Row>
      <MeetingInput streetSource="streetId" />
      <CalendarDateInput source="meetingDate" helperText="resources.Escalation.meetingDateHint" />
      <TextInput source="owner" />
      <CalendarDateInput source="due" />
    </Row>
    <TextInput source="decision" multiline minRows={3} fullWidth />
  </SimpleForm>
);

const EscalationShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="title" /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" /></Labeled>
        <Labeled><DateOnlyField source="meetingDate" /></Labeled>
        <Labeled><ReferenceField source="meetingId" reference="Meeting" emptyText="—" /></Labeled>
        <Labeled><TextField source="owner" emptyText="—" /></Labeled>
        <Labeled><DateOnlyField source="due" /></Labeled>
      </FieldGrid>
      <ReferenceArrayField source="ticketIds" reference="Ticket">
        <SingleFieldList linkType="show"><ChipField source="number" size="small" /></SingleFieldList>
      </ReferenceArrayField>
      <Labeled><ParagraphField source="decision" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: EscalationList,
  show: EscalationShow,
  edit: () => <ResourceEdit><EscalationForm /></ResourceEdit>,
  create: () => <ResourceCreate><EscalationForm /></ResourceCreate>,
} satisfies ResourceViews;
