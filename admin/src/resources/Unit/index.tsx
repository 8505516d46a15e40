import { Alert, Box } from '@mui/material';
import {
  BooleanInput, DataTable, Labeled, Pagination, ReferenceField, ReferenceManyField, SimpleForm, SimpleShowLayout,
  TextArrayInput, TextField, TextInput, required, useGetList, useRecordContext, useTranslate,
} from 'react-admin';
import { DateOnlyField, DateTimeField, EnumField, StringArrayField, YesNoField } from '../../common/fields';
import { BoolFilter, EnumInput, QuickSearch, RefInput } from '../../common/inputs';
import { FieldGrid, Row, Section } from '../../common/layout';
import { shanghaiDate } from '../../common/time';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <EnumInput key="peerGroup" source="peerGroup" enumName="peerGroup" alwaysOn />,
  <RefInput key="streetId" source="streetId" reference="Street" />,
  <BoolFilter key="active" source="active" />,
];

const UnitList = () => (
  <ResourceList filters={filters} sort={{ field: 'code', order: 'ASC' }}>
    <DataTable.Col source="code" />
    <DataTable.Col source="name" />
    <DataTable.Col source="peerGroup"><EnumField source="peerGroup" enumName="peerGroup" chip /></DataTable.Col>
    <DataTable.Col source="head" />
    <DataTable.Col source="deputyLeader" />
    <DataTable.Col source="streetId"><ReferenceField source="streetId" reference="Street" link={false} /></DataTable.Col>
    <DataTable.Col source="active"><YesNoField source="active" /></DataTable.Col>
  </ResourceList>
);

const UnitForm = () => (
  <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
    <Row>
      <TextInput source="code" validate={required()} />
      <TextInput source="name" validate={required()} sx={{ minWidth: 320 }} />
      <RefInput source="streetId" reference="Street" validate={required()} />
    </Row>
    <EnumInput source="peerGroup" enumName="peerGroup" radio validate={required()} />
    <Row>
      <TextInput source="head" />
      <TextInput source="deputyLeader" />
      <BooleanInput source="active" defaultValue={true} sx={{ alignSelf: 'center' }} />
    </Row>
    <TextArrayInput source="aliases" helperText="rexian.helper.aliases" fullWidth />
  </SimpleForm>
);

/** A unit must have a current A and B handler on file (plan 四(三)1): say so when one is missing. */
const MissingRoles = () => {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const { data, isPending } = useGetList<{ id: string; role: string; effectiveTo?: string | null }>(
    'RoleAssignment',
    { filter: { unitId: record?.id }, pagination: { page: 1, perPage: 100 }, sort: { field: 'effectiveFrom', order: 'DESC' } },
    { enabled: !!record?.id },
  );
  if (isPending || !data) return null;
  const today = shanghaiDate(new Date());
  const current = new Set(data.filter((r) => !r.effectiveTo || r.effectiveTo >= today).map((r) => r.role));
  const missing = ['A', 'B'].filter((r) => !current.has(r));
  if (missing.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 1 }}>
      {missing.map((r) => translate('rexian.ab.missing', { role: translate(`rexian.enum.abRole.${r}`) })).join(translate('rexian.punct.clauses'))}
    </Alert>
  );
};

const UnitShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="code" /></Labeled>
        <Labeled><TextField source="name" /></Labeled>
        <Labeled><EnumField source="peerGroup" enumName="peerGroup" chip /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" /></Labeled>
        <Labeled><TextField source="head" emptyText="—" /></Labeled>
        <Labeled><TextField source="deputyLeader" emptyText="—" /></Labeled>
        <Labeled><YesNoField source="active" /></Labeled>
      </FieldGrid>
      <Labeled><StringArrayField source="aliases" /></Labeled>
      <Section title="rexian.section.roles" />
      <Box sx={{ width: '100%' }}>
        <MissingRoles />
        <ReferenceManyField reference="RoleAssignment" target="unitId" sort={{ field: 'effectiveFrom', order: 'DESC' }} perPage={20}>
          <DataTable bulkActionButtons={false} rowClick="show" size="small">
            <DataTable.Col source="role"><EnumField source="role" enumName="abRole" /></DataTable.Col>
            <DataTable.Col source="personName" />
            <DataTable.Col source="post" />
            <DataTable.Col source="phone" />
            <DataTable.Col source="effectiveFrom"><DateOnlyField source="effectiveFrom" /></DataTable.Col>
            <DataTable.Col source="effectiveTo"><DateOnlyField source="effectiveTo" /></DataTable.Col>
            <DataTable.Col source="filingRef" />
          </DataTable>
        </ReferenceManyField>
      </Box>
      <Section title="rexian.section.tickets" />
      <ReferenceManyField reference="Ticket" target="unitId" sort={{ field: 'receivedAt', order: 'DESC' }} perPage={10} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick="show" size="small">
          <DataTable.Col source="number" />
          <DataTable.Col source="receivedAt"><DateTimeField source="receivedAt" /></DataTable.Col>
          <DataTable.Col source="category"><EnumField source="category" enumName="category" /></DataTable.Col>
          <DataTable.Col source="topic" />
          <DataTable.Col source="status"><EnumField source="status" enumName="ticketStatus" chip /></DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: UnitList,
  show: UnitShow,
  edit: () => <ResourceEdit><UnitForm /></ResourceEdit>,
  create: () => <ResourceCreate><UnitForm /></ResourceCreate>,
} satisfies ResourceViews;
