import { DataTable, Labeled, NumberField, NumberInput, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, minValue, regex, useGetManyAggregate, useRecordContext } from 'react-admin';
import { useAccess } from '../../access';
import { QuotaConfirmButton } from '../../warnings/actions';
import { MonthInput, QuickSearch, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { StreetOfUnitField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <MonthInput key="month" source="month" label="rexian.filter.month" alwaysOn />,
];

/** 确认记负面: the 城运中心 writes the negative record of a quota exceeded (the server refuses one not exceeded, in words). */
const ConfirmAction = () => {
  const record = useRecordContext<{ id: string; unitId: string; month: string; indicator: string; allowed: number }>();
  const may = useAccess().mayCall('Mutation.confirmQuotaExceeded');
  // One request for the whole page's units (the list's ReferenceFields ask for the same ones).
  const { data: units } = useGetManyAggregate<{ id: string; name: string }>('Unit', { ids: record?.unitId ? [record.unitId] : [] }, { enabled: may && !!record?.unitId });
  if (!may || !record) return null;
  return <QuotaConfirmButton quotaId={record.id} unit={units?.[0]?.name ?? ''} month={record.month} indicator={record.indicator} allowed={record.allowed} />;
};

const NegativeQuotaList = () => {
  const { isDistrict } = useWorkingStreet();
  return (
    <ResourceList filters={filters} sort={{ field: 'month', order: 'DESC' }}>
      <DataTable.Col source="month" />
      {isDistrict ? <DataTable.Col source="street" label="rexian.street.column" disableSort><StreetOfUnitField /></DataTable.Col> : null}
      <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
      <DataTable.Col source="indicator" />
      <DataTable.NumberCol source="allowed" />
      <DataTable.Col label="" disableSort><ConfirmAction /></DataTable.Col>
    </ResourceList>
  );
};

const NegativeQuotaForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <UnitInput source="unitId" validate={required()} />
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
      <ConfirmAction />
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: NegativeQuotaList,
  show: NegativeQuotaShow,
  edit: () => <ResourceEdit><NegativeQuotaForm /></ResourceEdit>,
  create: () => <ResourceCreate><NegativeQuotaForm /></ResourceCreate>,
} satisfies ResourceViews;
