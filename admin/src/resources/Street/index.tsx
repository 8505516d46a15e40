import { DataTable, Labeled, ReferenceField, ReferenceManyField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, Pagination } from 'react-admin';
import { EnumField, YesNoField } from '../../common/fields';
import { QuickSearch, RefInput } from '../../common/inputs';
import { FieldGrid, Row, Section } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [<QuickSearch key="q" alwaysOn />, <RefInput key="districtId" source="districtId" reference="District" alwaysOn />];

const StreetList = () => (
  <ResourceList filters={filters} sort={{ field: 'code', order: 'ASC' }}>
    <DataTable.Col source="code" />
    <DataTable.Col source="name" />
    <DataTable.Col source="districtId"><ReferenceField source="districtId" reference="District" link={false} /></DataTable.Col>
  </ResourceList>
);

const StreetForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <TextInput source="code" validate={required()} />
      <TextInput source="name" validate={required()} />
      <RefInput source="districtId" reference="District" validate={required()} />
    </Row>
  </SimpleForm>
);

const StreetShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="code" /></Labeled>
        <Labeled><TextField source="name" /></Labeled>
        <Labeled><ReferenceField source="districtId" reference="District" /></Labeled>
      </FieldGrid>
      <Section title="rexian.section.units" />
      <ReferenceManyField reference="Unit" target="streetId" sort={{ field: 'code', order: 'ASC' }} perPage={50} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick="show" size="small">
          <DataTable.Col source="code" />
          <DataTable.Col source="name" />
          <DataTable.Col source="peerGroup"><EnumField source="peerGroup" enumName="peerGroup" chip /></DataTable.Col>
          <DataTable.Col source="head" />
          <DataTable.Col source="active"><YesNoField source="active" /></DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: StreetList,
  show: StreetShow,
  edit: () => <ResourceEdit><StreetForm /></ResourceEdit>,
  create: () => <ResourceCreate><StreetForm /></ResourceCreate>,
} satisfies ResourceViews;
