import { DataTable, Labeled, NumberField, NumberInput, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, minValue } from 'react-admin';
import { DateOnlyField, ParagraphField, ShortTextField } from '../../common/fields';
import { CalendarDateInput, QuickSearch, RefInput, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { StreetOfUnitField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <RefInput key="itemId" source="itemId" reference="NegativeItem" alwaysOn />,
  <CalendarDateInput key="from" source="date_gte" label="rexian.filter.date_from" alwaysOn />,
  <CalendarDateInput key="to" source="date_lte" label="rexian.filter.date_to" alwaysOn />,
];

const NegativeRecordList = () => {
  const { isDistrict } = useWorkingStreet();
  return (
    <ResourceList filters={filters} sort={{ field: 'date', order: 'DESC' }}>
      <DataTable.Col source="date"><DateOnlyField source="date" /></DataTable.Col>
      {isDistrict ? <DataTable.Col source="street" label="rexian.street.column" disableSort><StreetOfUnitField /></DataTable.Col> : null}
      <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
      <DataTable.Col source="itemId"><ReferenceField source="itemId" reference="NegativeItem" link={false} /></DataTable.Col>
      <DataTable.NumberCol source="points" />
      <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} emptyText="—" /></DataTable.Col>
      <DataTable.Col source="recorder" />
      <DataTable.Col source="note" disableSort><ShortTextField source="note" max={24} /></DataTable.Col>
    </ResourceList>
  );
};

const NegativeRecordForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <UnitInput source="unitId" validate={required()} />
      <RefInput source="itemId" reference="NegativeItem" validate={required()} />
      <CalendarDateInput source="date" validate={required()} />
    </Row>
    <Row>
      <NumberInput source="points" step={0.1} validate={minValue(0)} helperText="rexian.helper.points_from_item" />
      <RefInput source="ticketId" reference="Ticket" />
      <TextInput source="recorder" />
    </Row>
    <TextInput source="note" multiline minRows={2} fullWidth />
  </SimpleForm>
);

const NegativeRecordShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><DateOnlyField source="date" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><ReferenceField source="itemId" reference="NegativeItem" /></Labeled>
        <Labeled><NumberField source="points" /></Labeled>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" emptyText="—" /></Labeled>
        <Labeled><TextField source="recorder" emptyText="—" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="note" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: NegativeRecordList,
  show: NegativeRecordShow,
  edit: () => <ResourceEdit><NegativeRecordForm /></ResourceEdit>,
  create: () => <ResourceCreate><NegativeRecordForm /></ResourceCreate>,
} satisfies ResourceViews;
