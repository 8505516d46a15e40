import { BooleanInput, DataTable, Labeled, NumberField, NumberInput, SimpleForm, SimpleShowLayout, TextField, TextInput, required, minValue, maxValue } from 'react-admin';
import { ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, QuickSearch } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [<QuickSearch key="q" alwaysOn />, <BoolFilter key="active" source="active" alwaysOn />];

const NegativeItemList = () => (
  <ResourceList filters={filters} sort={{ field: 'code', order: 'ASC' }}>
    <DataTable.Col source="code" />
    <DataTable.Col source="title" />
    <DataTable.Col source="category" />
    <DataTable.NumberCol source="points" options={{ minimumFractionDigits: 1 }} />
    <DataTable.Col source="description" disableSort><ShortTextField source="description" max={30} /></DataTable.Col>
    <DataTable.Col source="active"><YesNoField source="active" /></DataTable.Col>
  </ResourceList>
);

const NegativeItemForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <TextInput source="code" validate={required()} />
      <TextInput source="title" validate={required()} sx={{ minWidth: 360 }} />
    </Row>
    <Row>
      <TextInput source="category" />
      <NumberInput source="points" step={0.1} validate={[required(), minValue(0), maxValue(100)]} />
      <BooleanInput source="active" defaultValue={true} sx={{ alignSelf: 'center' }} />
    </Row>
    <TextInput source="description" multiline minRows={3} fullWidth />
  </SimpleForm>
);

const NegativeItemShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="code" /></Labeled>
        <Labeled><TextField source="title" /></Labeled>
        <Labeled><TextField source="category" emptyText="—" /></Labeled>
        <Labeled><NumberField source="points" /></Labeled>
        <Labeled><YesNoField source="active" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="description" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: NegativeItemList,
  show: NegativeItemShow,
  edit: () => <ResourceEdit><NegativeItemForm /></ResourceEdit>,
  create: () => <ResourceCreate><NegativeItemForm /></ResourceCreate>,
} satisfies ResourceViews;
