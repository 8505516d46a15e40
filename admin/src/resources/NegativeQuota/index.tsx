import Icon from '@mui/icons-material/Rule';
import { DataTable, Labeled, NumberField, NumberInput, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, minValue, regex } from 'react-admin';
import { MonthInput, QuickSearch, RefInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceModule } from '../types';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <RefInput key="unitId" source="unitId" reference="Unit" alwaysOn />,
  <MonthInput key="month" source="month" label="rexian.filter.month" alwaysOn />,
];

const NegativeQuotaList = () => (
  <ResourceList filters={filters} sort={{ field: 'month', order: 'DESC' }}>
    <DataTable.Col source="month" />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="indicator" />
    <DataTable.NumberCol source="allowed" />
  </ResourceList>
);

const NegativeQuotaForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <RefInput source="unitId" reference="Unit" validate={required()} />
      <MonthInput source="month" validate={[required(), regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'rexian.helper.month')]} />
    </Row>
    <Row>
      <TextInput source="indicator" validate={required()} />
      <NumberInput source="allowed" step={1} validate={[required(), minValue(0)]} />
    </Row>
  </SimpleForm>
);

const NegativeQuotaShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="month" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><TextField source="indicator" /></Labeled>
        <Labeled><NumberField source="allowed" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: NegativeQuotaList,
  show: NegativeQuotaShow,
  edit: () => <ResourceEdit><NegativeQuotaForm /></ResourceEdit>,
  create: () => <ResourceCreate><NegativeQuotaForm /></ResourceCreate>,
  icon: Icon,
  recordRepresentation: (r) => `${r.month} ${r.indicator}`,
} satisfies ResourceModule;
