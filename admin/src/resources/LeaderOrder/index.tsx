import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, useRecordContext } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateTimeField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { QuickSearch, RefInput, ShanghaiDateTimeInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWritable } from '../../common/useWritable';
import type { ResourceViews } from '../types';

const filters = [<QuickSearch key="q" alwaysOn />, <RefInput key="ticketId" source="ticketId" reference="Ticket" alwaysOn />];

const LeaderOrderList = () => (
  <ResourceList filters={filters} sort={{ field: 'issuedAt', order: 'DESC' }}>
    <DataTable.Col source="issuedAt"><DateTimeField source="issuedAt" /></DataTable.Col>
    <DistrictStreetCol via="ticket" />
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="leaderName" />
    <DataTable.Col source="reason" disableSort><ShortTextField source="reason" max={24} /></DataTable.Col>
    <DataTable.Col source="dueAt"><DateTimeField source="dueAt" /></DataTable.Col>
    <DataTable.Col source="completedAt"><DateTimeField source="completedAt" /></DataTable.Col>
    <DataTable.Col source="overdue"><YesNoField source="overdue" highlight /></DataTable.Col>
  </ResourceList>
);

/** The 2-working-day limit (dueAt) is computed by the API from the issue time. */
const LeaderOrderForm = () => {
  const can = useWritable();
  const record = useRecordContext();
  return (
    <SimpleForm toolbar={<FormToolbar />}>
      <Row>
        <RefInput source="ticketId" reference="Ticket" validate={required()} disabled={!can('ticketId')} />
        <TextInput source="leaderName" validate={required()} />
      </Row>
      <Row>
        <ShanghaiDateTimeInput source="issuedAt" validate={required()} />
        {can('dueAt') ? <ShanghaiDateTimeInput source="dueAt" /> : record ? <Labeled><DateTimeField source="dueAt" /></Labeled> : null}
        <ShanghaiDateTimeInput source="completedAt" />
      </Row>
      <TextInput source="reason" multiline minRows={2} fullWidth />
      <TextInput source="completionNote" multiline minRows={2} fullWidth />
    </SimpleForm>
  );
};

const LeaderOrderShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" /></Labeled>
        <Labeled><TextField source="leaderName" /></Labeled>
        <Labeled><DateTimeField source="issuedAt" /></Labeled>
        <Labeled><DateTimeField source="dueAt" /></Labeled>
        <Labeled><DateTimeField source="completedAt" /></Labeled>
        <Labeled><YesNoField source="overdue" highlight /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="reason" /></Labeled>
      <Labeled><ParagraphField source="completionNote" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: LeaderOrderList,
  show: LeaderOrderShow,
  edit: () => <ResourceEdit><LeaderOrderForm /></ResourceEdit>,
} satisfies ResourceViews;
