import { DataTable, Labeled, ReferenceManyField, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { QuickSearch } from '../../common/inputs';
import { FieldGrid, Row, Section } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const DistrictList = () => (
  <ResourceList filters={[<QuickSearch key="q" alwaysOn />]} sort={{ field: 'code', order: 'ASC' }}>
    <DataTable.Col source="code" />
    <DataTable.Col source="name" />
  </ResourceList>
);

const DistrictForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <TextInput source="code" validate={required()} />
      <TextInput source="name" validate={required()} />
    </Row>
  </SimpleForm>
);

const DistrictShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="code" /></Labeled>
        <Labeled><TextField source="name" /></Labeled>
      </FieldGrid>
      <Section title="rexian.section.streets" />
      <ReferenceManyField reference="Street" target="districtId" sort={{ field: 'code', order: 'ASC' }} perPage={100}>
        <DataTable bulkActionButtons={false} rowClick="show" size="small">
          <DataTable.Col source="code" />
          <DataTable.Col source="name" />
        </DataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: DistrictList,
  show: DistrictShow,
  edit: () => <ResourceEdit><DistrictForm /></ResourceEdit>,
  create: () => <ResourceCreate><DistrictForm /></ResourceCreate>,
} satisfies ResourceViews;
