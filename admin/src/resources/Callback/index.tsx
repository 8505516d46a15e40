import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateTimeField, EnumField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, DayFromFilter, DayToFilter, EnumInput, QuickSearch, RefInput, ShanghaiDateTimeInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWritable } from '../../common/useWritable';
import type { ResourceViews } from '../types';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <EnumInput key="result" source="result" enumName="callbackResult" alwaysOn />,
  <DayFromFilter key="from" source="calledAt" label="rexian.filter.called_from" alwaysOn />,
  <DayToFilter key="to" source="calledAt" label="rexian.filter.called_to" alwaysOn />,
  <BoolFilter key="reached" source="reached" />,
  <RefInput key="ticketId" source="ticketId" reference="Ticket" />,
  <EnumInput key="source" source="source" enumName="callbackSource" />,
];

const CallbackList = () => (
  <ResourceList filters={filters} sort={{ field: 'calledAt', order: 'DESC' }}>
    <DataTable.Col source="calledAt"><DateTimeField source="calledAt" /></DataTable.Col>
    <DistrictStreetCol via="ticket" />
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="result"><EnumField source="result" enumName="callbackResult" chip /></DataTable.Col>
    <DataTable.Col source="caller" />
    <DataTable.Col source="source"><EnumField source="source" enumName="callbackSource" /></DataTable.Col>
    <DataTable.Col source="note" disableSort><ShortTextField source="note" /></DataTable.Col>
  </ResourceList>
);

const CallbackForm = () => {
  const can = useWritable();
  return (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <RefInput source="ticketId" reference="Ticket" validate={required()} disabled={!can('ticketId')} />
      <ShanghaiDateTimeInput source="calledAt" validate={required()} />
    </Row>
    <Row>
      <EnumInput source="result" enumName="callbackResult" validate={required()} />
      <TextInput source="caller" />
    </Row>
    <TextInput source="note" multiline minRows={2} fullWidth />
  </SimpleForm>
  );
};

const CallbackShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" /></Labeled>
        <Labeled><DateTimeField source="calledAt" /></Labeled>
        <Labeled><EnumField source="result" enumName="callbackResult" chip /></Labeled>
        <Labeled><YesNoField source="reached" /></Labeled>
        <Labeled><TextField source="caller" emptyText="—" /></Labeled>
        <Labeled><EnumField source="source" enumName="callbackSource" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="note" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: CallbackList,
  show: CallbackShow,
  edit: () => <ResourceEdit><CallbackForm /></ResourceEdit>,
} satisfies ResourceViews;
