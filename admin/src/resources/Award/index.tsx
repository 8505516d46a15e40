import { DataTable, Labeled, NumberField, NumberInput, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, regex, minValue, maxValue } from 'react-admin';
import { DateOnlyField, EnumField, ParagraphField } from '../../common/fields';
import { CalendarDateInput, EnumInput, MonthInput, RefInput, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWritable } from '../../common/useWritable';
import type { ResourceViews } from '../types';
import { StreetOfUnitField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';

const filters = [
  <MonthInput key="month" source="month" label="rexian.filter.month" alwaysOn />,
  <EnumInput key="kind" source="kind" enumName="awardKind" alwaysOn />,
  <EnumInput key="status" source="status" enumName="awardStatus" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
];

const AwardList = () => {
  const { isDistrict } = useWorkingStreet();
  return (
    <ResourceList filters={filters} sort={{ field: 'month', order: 'DESC' }}>
      <DataTable.Col source="month" />
      <DataTable.Col source="kind"><EnumField source="kind" enumName="awardKind" chip /></DataTable.Col>
      {isDistrict ? <DataTable.Col source="street" label="rexian.street.column" disableSort><StreetOfUnitField /></DataTable.Col> : null}
      <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
      <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} emptyText="—" /></DataTable.Col>
      <DataTable.Col source="status"><EnumField source="status" enumName="awardStatus" chip /></DataTable.Col>
      <DataTable.NumberCol source="points" />
      <DataTable.NumberCol source="amount" options={{ style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }} />
      <DataTable.Col source="meetingDate"><DateOnlyField source="meetingDate" /></DataTable.Col>
    </ResourceList>
  );
};

const AwardForm = () => {
  const can = useWritable();
  return (
  <SimpleForm toolbar={<FormToolbar />}>
    <EnumInput source="kind" enumName="awardKind" radio validate={required()} helperText="rexian.helper.award_points" />
    <Row>
      <UnitInput source="unitId" validate={required()} />
      <MonthInput source="month" validate={[required(), regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'rexian.helper.month')]} />
      <RefInput source="ticketId" reference="Ticket" />
    </Row>
    <Row>
      <EnumInput source="status" enumName="awardStatus" validate={required()} defaultValue="NOMINATED" />
      <CalendarDateInput source="meetingDate" />
      <NumberInput source="points" step={0.1} validate={[minValue(0), maxValue(1)]} />
      {can('amount') ? <NumberInput source="amount" step={100} validate={minValue(0)} /> : null}
    </Row>
    <TextInput source="nomination" multiline minRows={3} fullWidth />
    <TextInput source="recognitionSource" fullWidth />
  </SimpleForm>
  );
};

const AwardShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="month" /></Labeled>
        <Labeled><EnumField source="kind" enumName="awardKind" chip /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" emptyText="—" /></Labeled>
        <Labeled><EnumField source="status" enumName="awardStatus" chip /></Labeled>
        <Labeled><DateOnlyField source="meetingDate" /></Labeled>
        <Labeled><NumberField source="points" /></Labeled>
        <Labeled><NumberField source="amount" options={{ style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }} /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="nomination" /></Labeled>
      <Labeled><ParagraphField source="recognitionSource" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: AwardList,
  show: AwardShow,
  edit: () => <ResourceEdit><AwardForm /></ResourceEdit>,
  create: () => <ResourceCreate><AwardForm /></ResourceCreate>,
} satisfies ResourceViews;
