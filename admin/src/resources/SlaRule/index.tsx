import { DataTable, Labeled, NumberField, NumberInput, SimpleForm, SimpleShowLayout, required, minValue } from 'react-admin';
import { EnumField } from '../../common/fields';
import { EnumInput } from '../../common/inputs';
import { FieldGrid, Row, Section } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const SlaRuleList = () => (
  <ResourceList sort={{ field: 'priority', order: 'ASC' }}>
    <DataTable.NumberCol source="priority" />
    <DataTable.Col source="kind"><EnumField source="kind" enumName="slaKind" /></DataTable.Col>
    <DataTable.Col source="category"><EnumField source="category" enumName="category" /></DataTable.Col>
    <DataTable.NumberCol source="firstContactHours" />
    <DataTable.NumberCol source="firstContactWorkdays" />
    <DataTable.NumberCol source="completionWorkdays" />
  </ResourceList>
);

const SlaRuleForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Section title="rexian.section.scope" />
    <Row>
      <EnumInput source="kind" enumName="slaKind" validate={required()} />
      <EnumInput source="category" enumName="category" />
      <NumberInput source="priority" step={1} validate={required()} />
    </Row>
    <Section title="rexian.section.limits" />
    <Row>
      <NumberInput source="firstContactHours" step={1} validate={minValue(1)} />
      <NumberInput source="firstContactWorkdays" step={1} validate={minValue(0)} />
      <NumberInput source="completionWorkdays" step={1} validate={minValue(1)} />
    </Row>
  </SimpleForm>
);

const SlaRuleShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><EnumField source="kind" enumName="slaKind" /></Labeled>
        <Labeled><EnumField source="category" enumName="category" /></Labeled>
        <Labeled><NumberField source="priority" /></Labeled>
        <Labeled><NumberField source="firstContactHours" emptyText="—" /></Labeled>
        <Labeled><NumberField source="firstContactWorkdays" emptyText="—" /></Labeled>
        <Labeled><NumberField source="completionWorkdays" emptyText="—" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: SlaRuleList,
  show: SlaRuleShow,
  edit: () => <ResourceEdit><SlaRuleForm /></ResourceEdit>,
  create: () => <ResourceCreate><SlaRuleForm /></ResourceCreate>,
} satisfies ResourceViews;
