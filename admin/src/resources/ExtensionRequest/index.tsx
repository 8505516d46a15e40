import { DataTable, Labeled, ReferenceField, SimpleShowLayout } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateTimeField, EnumField, ParagraphField, ShortTextField } from '../../common/fields';
import { DayFromFilter, DayToFilter, EnumInput, RefInput, UnitInput } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

/** 延期申请: requested by the unit, decided by the leader through the workflow (15 working days from receipt). */
const filters = [
  <EnumInput key="status" source="status" enumName="extensionStatus" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <DayFromFilter key="from" source="requestedAt" label="rexian.filter.date_from" alwaysOn />,
  <DayToFilter key="to" source="requestedAt" label="rexian.filter.date_to" alwaysOn />,
  <RefInput key="ticketId" source="ticketId" reference="Ticket" />,
];

const ExtensionRequestList = () => (
  <ResourceList filters={filters} sort={{ field: 'requestedAt', order: 'DESC' }}>
    <DataTable.Col source="requestedAt"><DateTimeField source="requestedAt" /></DataTable.Col>
    <DistrictStreetCol via="ticket" />
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} emptyText="—" /></DataTable.Col>
    <DataTable.Col source="reason" disableSort><ShortTextField source="reason" max={30} /></DataTable.Col>
    <DataTable.Col source="status"><EnumField source="status" enumName="extensionStatus" chip /></DataTable.Col>
    <DataTable.Col source="decidedAt"><DateTimeField source="decidedAt" /></DataTable.Col>
  </ResourceList>
);

const ExtensionRequestShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" emptyText="—" /></Labeled>
        <Labeled><DateTimeField source="requestedAt" /></Labeled>
        <Labeled><EnumField source="status" enumName="extensionStatus" chip /></Labeled>
        <Labeled><DateTimeField source="decidedAt" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="reason" /></Labeled>
      <Labeled><ParagraphField source="decisionNote" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: ExtensionRequestList,
  show: ExtensionRequestShow,
} satisfies ResourceViews;
