// The 暗访 register, read-only: visits come from the monthly sample and are recorded on the 暗访抽样 page.
import { DataTable, Labeled, ReferenceField, SimpleShowLayout, TextField } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateOnlyField, DateTimeField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, MonthInput, RefInput } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [
  <MonthInput key="month" source="month" label="rexian.filter.month" alwaysOn />,
  <BoolFilter key="overturned" source="overturned" alwaysOn />,
  <RefInput key="ticketId" source="ticketId" reference="Ticket" />,
];

const UndercoverVisitList = () => (
  <ResourceList filters={filters} sort={{ field: 'month', order: 'DESC' }}>
    <DataTable.Col source="month" />
    <DistrictStreetCol via="ticket" />
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="visitedAt"><DateOnlyField source="visitedAt" /></DataTable.Col>
    <DataTable.Col source="finding" disableSort><ShortTextField source="finding" max={30} /></DataTable.Col>
    <DataTable.Col source="overturned"><YesNoField source="overturned" highlight /></DataTable.Col>
  </ResourceList>
);

const UndercoverVisitShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="month" /></Labeled>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" /></Labeled>
        <Labeled><DateOnlyField source="visitedAt" /></Labeled>
        <Labeled><YesNoField source="overturned" highlight /></Labeled>
        <Labeled><DateTimeField source="recordedAt" /></Labeled>
        <Labeled><TextField source="recordedBy" /></Labeled>
        <Labeled><ReferenceField source="negativeRecordId" reference="NegativeRecord" /></Labeled>
        <Labeled><ReferenceField source="disciplineReferralId" reference="DisciplineReferral" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="finding" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: UndercoverVisitList,
  show: UndercoverVisitShow,
} satisfies ResourceViews;
