import { Alert } from '@mui/material';
import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, useTranslate } from 'react-admin';
import { DateOnlyField, EnumField } from '../../common/fields';
import { CalendarDateInput, EnumInput, QuickSearch, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWritable } from '../../common/useWritable';
import type { ResourceViews } from '../types';
import { StreetOfUnitField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <EnumInput key="role" source="role" enumName="abRole" alwaysOn />,
];

const RoleAssignmentList = () => {
  const { isDistrict } = useWorkingStreet();
  return (
    <ResourceList filters={filters} sort={{ field: 'unitId', order: 'ASC' }}>
      {isDistrict ? <DataTable.Col source="street" label="rexian.street.column" disableSort><StreetOfUnitField /></DataTable.Col> : null}
      <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
      <DataTable.Col source="role"><EnumField source="role" enumName="abRole" /></DataTable.Col>
      <DataTable.Col source="personName" />
      <DataTable.Col source="post" />
      <DataTable.Col source="phone" />
      <DataTable.Col source="effectiveFrom"><DateOnlyField source="effectiveFrom" /></DataTable.Col>
      <DataTable.Col source="effectiveTo"><DateOnlyField source="effectiveTo" /></DataTable.Col>
      <DataTable.Col source="filingRef" />
    </ResourceList>
  );
};

const HistoryNote = () => {
  const translate = useTranslate();
  return <Alert severity="info" sx={{ mb: 2, width: '100%' }}>{translate('rexian.helper.role_history')}</Alert>;
};

const RoleAssignmentForm = () => {
  const can = useWritable();
  return (
  <SimpleForm toolbar={<FormToolbar />}>
    <HistoryNote />
    <Row>
      <UnitInput source="unitId" validate={required()} disabled={!can('unitId')} />
      <EnumInput source="role" enumName="abRole" radio validate={required()} disabled={!can('role')} />
    </Row>
    <Row>
      <TextInput source="personName" validate={required()} />
      <TextInput source="post" />
      <TextInput source="phone" />
    </Row>
    <Row>
      <TextInput source="filingRef" />
      <CalendarDateInput source="filingDate" />
      <CalendarDateInput source="effectiveFrom" validate={required()} />
      <CalendarDateInput source="effectiveTo" />
    </Row>
  </SimpleForm>
  );
};

const RoleAssignmentShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><EnumField source="role" enumName="abRole" /></Labeled>
        <Labeled><TextField source="personName" /></Labeled>
        <Labeled><TextField source="post" emptyText="—" /></Labeled>
        <Labeled><TextField source="phone" emptyText="—" /></Labeled>
        <Labeled><TextField source="filingRef" emptyText="—" /></Labeled>
        <Labeled><DateOnlyField source="filingDate" /></Labeled>
        <Labeled><DateOnlyField source="effectiveFrom" /></Labeled>
        <Labeled><DateOnlyField source="effectiveTo" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: RoleAssignmentList,
  show: RoleAssignmentShow,
  edit: () => <ResourceEdit><RoleAssignmentForm /></ResourceEdit>,
  create: () => <ResourceCreate><RoleAssignmentForm /></ResourceCreate>,
} satisfies ResourceViews;
