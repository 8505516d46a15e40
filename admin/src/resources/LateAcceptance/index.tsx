import { DataTable, Labeled, ReferenceField, SimpleShowLayout, useRecordContext } from 'react-admin';
import { useAccess } from '../../access';
import { LateAcceptanceButtons } from '../../warnings/actions';
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

/** 确认 / 不予认定 of an open flag (the 城运中心). */
const Decide = () => {
  const record = useRecordContext<{ id: string; status: string }>();
  if (!useAccess().mayCall('Mutation.confirmLateAcceptance') || !record) return null;
  return <LateAcceptanceButtons record={record} />;
};

const LateAcceptanceList = () => {
  // A unit's handler may not read the accounts: no 处理人 column rather than an error mark.
  const readsUsers = useAccess().can('User', 'show');
  return (
  <ResourceList filters={filters} sort={{ field: 'flaggedAt', order: 'DESC' }}>
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link="show" /></DataTable.Col>
    <StreetCol />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="dispatchedAt"><DateTimeField source="dispatchedAt" /></DataTable.Col>
    <DataTable.Col source="acceptDue"><DateTimeField source="acceptDue" /></DataTable.Col>
    <DataTable.Col source="acceptedAt"><DateTimeField source="acceptedAt" /></DataTable.Col>
    <DataTable.Col source="flaggedAt"><DateTimeField source="flaggedAt" /></DataTable.Col>
    <DataTable.Col source="status"><EnumField source="status" enumName="lateAcceptanceStatus" chip /></DataTable.Col>
    {readsUsers ? <DataTable.Col source="decidedById"><ReferenceField source="decidedById" reference="User" link={false} emptyText="—" /></DataTable.Col> : null}
    <DataTable.Col source="decisionNote" disableSort><ShortTextField source="decisionNote" /></DataTable.Col>
    <DataTable.Col label="" disableSort><Decide /></DataTable.Col>
  </ResourceList>
  );
};

const LateAcceptanceShow = () => {
  const readsUsers = useAccess().can('User', 'show');
  return (
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
        {readsUsers ? <Labeled><ReferenceField source="decidedById" reference="User" link={false} emptyText="—" /></Labeled> : null}
        <Labeled><DateTimeField source="decidedAt" /></Labeled>
        <Labeled><ReferenceField source="negativeRecordId" reference="NegativeRecord" emptyText="—" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="decisionNote" /></Labeled>
      <Decide />
    </SimpleShowLayout>
  </ResourceShow>
  );
};

export default { list: LateAcceptanceList, show: LateAcceptanceShow } satisfies ResourceViews;
