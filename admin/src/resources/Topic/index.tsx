import { BooleanInput, DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { YesNoField } from '../../common/fields';
import { BoolFilter, QuickSearch, RefInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [<QuickSearch key="q" alwaysOn />, <BoolFilter key="active" source="active" alwaysOn />];

const TopicList = () => (
  <ResourceList filters={filters} sort={{ field: 'name', order: 'ASC' }}>
    <DataTable.Col source="name" />
    <DataTable.Col source="parentId"><ReferenceField source="parentId" reference="Topic" link={false} emptyText="—" /></DataTable.Col>
    <DataTable.Col source="active"><YesNoField source="active" /></DataTable.Col>
  </ResourceList>
);

const TopicForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <TextInput source="name" validate={required()} />
      <RefInput source="parentId" reference="Topic" />
      <BooleanInput source="active" defaultValue={true} sx={{ alignSelf: 'center' }} />
    </Row>
  </SimpleForm>
);

const TopicShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="name" /></Labeled>
        <Labeled><ReferenceField source="parentId" reference="Topic" emptyText="—" /></Labeled>
        <Labeled><YesNoField source="active" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: TopicList,
  show: TopicShow,
  edit: () => <ResourceEdit><TopicForm /></ResourceEdit>,
  create: () => <ResourceCreate><TopicForm /></ResourceCreate>,
} satisfies ResourceViews;
