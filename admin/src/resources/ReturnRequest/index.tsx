import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateTimeField, EnumField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, DayFromFilter, DayToFilter, EnumInput, RefInput, UnitInput } from '../../common/inputs';
import { FieldGrid, Row, Section } from '../../common/layout';
import { FormToolbar, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWritable } from '../../common/useWritable';
import type { ResourceViews } from '../types';

const filters = [
  <EnumInput key="status" source="status" enumName="returnStatus" alwaysOn />,
  <UnitInput key="fromUnitId" source="fromUnitId" alwaysOn />,
  <DayFromFilter key="from" source="requestedAt" label="rexian.filter.date_from" alwaysOn />,
  <DayToFilter key="to" source="requestedAt" label="rexian.filter.date_to" alwaysOn />,
  <BoolFilter key="needsMainLeader" source="needsMainLeader" />,
  <RefInput key="ticketId" source="ticketId" reference="Ticket" />,
];

const ReturnRequestList = () => (
  <ResourceList filters={filters} sort={{ field: 'requestedAt', order: 'DESC' }}>
    <DataTable.Col source="requestedAt"><DateTimeField source="requestedAt" /></DataTable.Col>
    <DistrictStreetCol via="ticket" />
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="fromUnitId"><ReferenceField source="fromUnitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="reason" disableSort><ShortTextField source="reason" max={24} /></DataTable.Col>
    <DataTable.Col source="status"><EnumField source="status" enumName="returnStatus" chip /></DataTable.Col>
    <DataTable.Col source="toUnitId"><ReferenceField source="toUnitId" reference="Unit" link={false} emptyText="—" /></DataTable.Col>
    <DataTable.Col source="needsMainLeader"><YesNoField source="needsMainLeader" highlight /></DataTable.Col>
  </ResourceList>
);

/**
 * The requesting unit may correct its reason; the decision (四(二)3: 城运分管领导, then 主要领导 with a 纪检 filing)
 * is taken through the approval workflow, so it is shown here, not typed in.
 */
const ReturnRequestEditForm = () => {
  const can = useWritable();
  return (
    <SimpleForm toolbar={<FormToolbar deletable={false} />}>
      <Row>
        <RefInput source="ticketId" reference="Ticket" disabled={!can('ticketId')} />
        <UnitInput source="fromUnitId" disabled={!can('fromUnitId')} />
      </Row>
      <TextInput source="reason" multiline minRows={3} fullWidth validate={required()} disabled={!can('reason')} />
      <Section title="rexian.section.decision" />
      <FieldGrid>
        <Labeled><EnumField source="status" enumName="returnStatus" chip /></Labeled>
        <Labeled><YesNoField source="needsMainLeader" highlight /></Labeled>
        <Labeled><ReferenceField source="toUnitId" reference="Unit" emptyText="—" /></Labeled>
        <Labeled><DateTimeField source="decidedAt" /></Labeled>
        <Labeled><TextField source="disciplineFilingRef" emptyText="—" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="decisionNote" /></Labeled>
    </SimpleForm>
  );
};

const ReturnRequestShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" /></Labeled>
        <Labeled><ReferenceField source="fromUnitId" reference="Unit" /></Labeled>
        <Labeled><DateTimeField source="requestedAt" /></Labeled>
        <Labeled><EnumField source="status" enumName="returnStatus" chip /></Labeled>
        <Labeled><YesNoField source="needsMainLeader" highlight /></Labeled>
        <Labeled><ReferenceField source="toUnitId" reference="Unit" emptyText="—" /></Labeled>
        <Labeled><DateTimeField source="decidedAt" /></Labeled>
        <Labeled><DateTimeField source="mainLeaderAt" /></Labeled>
        <Labeled><TextField source="disciplineFilingRef" emptyText="—" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="reason" /></Labeled>
      <Labeled><ParagraphField source="decisionNote" /></Labeled>
      <Labeled><ParagraphField source="mainLeaderNote" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: ReturnRequestList,
  show: ReturnRequestShow,
  edit: () => <ResourceEdit><ReturnRequestEditForm /></ResourceEdit>,
} satisfies ResourceViews;
