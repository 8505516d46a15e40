import { BooleanInput, DataTable, Labeled, SimpleForm, SimpleShowLayout, TextField, TextInput, regex, required } from 'react-admin';
import { ParagraphField, StringArrayField, YesNoField } from '../../common/fields';
import { BoolFilter, QuickSearch } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [<QuickSearch key="q" alwaysOn />, <BoolFilter key="active" source="active" alwaysOn />];

/** Topics are a list of strings; the form edits them as one comma-separated line. */
const formatTopics = (v: unknown) => (Array.isArray(v) ? v.join('，') : (v ?? ''));
const parseTopics = (v: string) => v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
const monthDay = regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD');

const KeyPeriodList = () => (
  <ResourceList filters={filters} sort={{ field: 'fromMd', order: 'ASC' }}>
    <DataTable.Col source="name" />
    <DataTable.Col source="fromMd" />
    <DataTable.Col source="toMd" />
    <DataTable.Col source="topics" disableSort><StringArrayField source="topics" /></DataTable.Col>
    <DataTable.Col source="active"><YesNoField source="active" /></DataTable.Col>
  </ResourceList>
);

const KeyPeriodForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <TextInput source="name" validate={required()} />
      <TextInput source="fromMd" validate={[required(), monthDay]} helperText="MM-DD" />
      <TextInput source="toMd" validate={[required(), monthDay]} helperText="MM-DD" />
      <BooleanInput source="active" defaultValue />
    </Row>
    <TextInput source="topics" format={formatTopics} parse={parseTopics} fullWidth />
    <TextInput source="note" multiline fullWidth />
  </SimpleForm>
);

const KeyPeriodShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="name" /></Labeled>
        <Labeled><TextField source="fromMd" /></Labeled>
        <Labeled><TextField source="toMd" /></Labeled>
        <Labeled><YesNoField source="active" /></Labeled>
      </FieldGrid>
      <Labeled><StringArrayField source="topics" /></Labeled>
      <Labeled><ParagraphField source="note" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: KeyPeriodList,
  show: KeyPeriodShow,
  edit: () => <ResourceEdit><KeyPeriodForm /></ResourceEdit>,
  create: () => <ResourceCreate><KeyPeriodForm /></ResourceCreate>,
} satisfies ResourceViews;
