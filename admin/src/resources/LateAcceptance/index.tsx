import { DataTable, Labeled, ReferenceField, SimpleShowLayout } from 'react-admin';
import { DateTimeField, EnumField, ParagraphField, ShortTextField } from '../../common/fields';
import { EnumInput, UnitInput } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { StreetField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [<EnumInput key="status" source="status" enumName="lateAcceptanceStatus" alwaysOn />, <UnitInput key="unitId" source="unitId" alwaysOn />];

const StreetCol = () => {
  const { isDistrict } = useWorkingStreet();
  return isDistrict ? <DataTable.Col source="streetId"><StreetField /></DataTable.Col> : null;
};

const LateAcceptanceList = () => (
  <ResourceList filters={filters} sort={{ field: 'flaggedAt', order: 'DESC' }}>
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link="show" /></DataTable.Col>
    <StreetCol />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="dispatchedAt"><DateTimeField source="dispatchedAt" /></DataTable.Col>
    <DataTable.Col source="acceptDue"><DateTimeField source="acceptDue" /></DataTable.Col>
    <DataTable.Col source="acceptedAt"><DateTimeField source="acceptedAt" /></DataTable.Col>
    <DataTable.Col source="flaggedAt"><DateTimeField source="flaggedAt" /></DataTable.Col>
    <DataTable.Col source="status"><EnumField source="status" enumName="lateAcceptanceStatus" chip /></DataTable.Col>
    <DataTable.Col source="decidedById"><ReferenceField source="decidedById" reference="User" link={false} emptyText="—" /></DataTable.Col>
    <DataTable.Col source="decisionNote" disableSort><ShortTextField source="decisionNote" /></DataTable.Col>
  </ResourceList>
);

const LateAcceptanceShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" link="show" /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" link={false} /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><EnumField source="status" enumName="lateAcceptanceStatus" chip /></Labeled>
        <Labeled><DateTimeField source="dispatchedAt" /></Labeled>
        <Labeled><DateTimeField source="acceptDue" /></Labeled>
        <Labeled><DateTimeField source="acceptedAt" /></Labeled>
        <Labeled><DateTimeField source="flaggedAt" /></Labeled>
        <Labeled><ReferenceField source="decidedById" reference="User" link={false} emptyText="—" /></Labeled>
        <Labeled><DateTimeField source="decidedAt" /></Labeled>
        <Labeled><ReferenceField source="negativeRecordId" reference="NegativeRecord" emptyText="—" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="decisionNote" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default { list: LateAcceptanceList, show: LateAcceptanceShow } satisfies ResourceViews;
