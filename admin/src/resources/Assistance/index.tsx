import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateOnlyField, EnumField, ParagraphField } from '../../common/fields';
import { CalendarDateInput, EnumInput, QuickSearch, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { AssistanceCandidates, withCandidates } from '../candidates';

const ListWithCandidates = withCandidates(AssistanceCandidates);

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <EnumInput key="status" source="status" enumName="assistanceStatus" alwaysOn />,
];

const AssistanceList = () => (
  <ResourceList filters={filters} sort={{ field: 'periodFrom', order: 'DESC' }} empty={false} component={ListWithCandidates}>
    <DistrictStreetCol via="unit" />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="periodFrom"><DateOnlyField source="periodFrom" /></DataTable.Col>
    <DataTable.Col source="periodTo"><DateOnlyField source="periodTo" /></DataTable.Col>
    <DataTable.Col source="pairedStaff" />
    <DataTable.Col source="status"><EnumField source="status" enumName="assistanceStatus" chip /></DataTable.Col>
  </ResourceList>
);

const AssistanceForm = () => (
  <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
    <Row>
      <UnitInput source="unitId" validate={required()} />
      <CalendarDateInput source="periodFrom" validate={required()} />
      <CalendarDateInput source="periodTo" />
    </Row>
    <Row>
      <TextInput source="pairedStaff" />
      <EnumInput source="status" enumName="assistanceStatus" validate={required()} defaultValue="PLANNED" />
    </Row>
    <TextInput source="bottlenecks" multiline minRows={2} fullWidth />
    <TextInput source="advice" multiline minRows={2} fullWidth />
    <TextInput source="outcome" multiline minRows={2} fullWidth />
  </SimpleForm>
);

const AssistanceShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><DateOnlyField source="periodFrom" /></Labeled>
        <Labeled><DateOnlyField source="periodTo" /></Labeled>
        <Labeled><TextField source="pairedStaff" emptyText="—" /></Labeled>
        <Labeled><EnumField source="status" enumName="assistanceStatus" chip /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="bottlenecks" /></Labeled>
      <Labeled><ParagraphField source="advice" /></Labeled>
      <Labeled><ParagraphField source="outcome" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: AssistanceList,
  show: AssistanceShow,
  edit: () => <ResourceEdit><AssistanceForm /></ResourceEdit>,
  create: () => <ResourceCreate><AssistanceForm /></ResourceCreate>,
} satisfies ResourceViews;
