import { ChipField, DataTable, Labeled, ReferenceArrayField, ReferenceField, SimpleForm, SimpleShowLayout, SingleFieldList, TextField, TextInput, required } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateOnlyField, EnumField, ParagraphField, ShortTextField } from '../../common/fields';
import { CalendarDateInput, EnumInput, QuickSearch, RefArrayInput, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <EnumInput key="conduct" source="conduct" enumName="conduct" alwaysOn />,
];

const DisciplineReferralList = () => (
  <ResourceList filters={filters} sort={{ field: 'date', order: 'DESC' }}>
    <DataTable.Col source="date"><DateOnlyField source="date" /></DataTable.Col>
    <DistrictStreetCol via="unit" />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="conduct"><EnumField source="conduct" enumName="conduct" chip /></DataTable.Col>
    <DataTable.Col source="referredBy" />
    <DataTable.Col source="outcome" disableSort><ShortTextField source="outcome" max={24} /></DataTable.Col>
  </ResourceList>
);

const DisciplineReferralForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <UnitInput source="unitId" validate={required()} />
      <EnumInput source="conduct" enumName="conduct" validate={required()} />
      <CalendarDateInput source="date" validate={required()} />
      <TextInput source="referredBy" />
    </Row>
    <RefArrayInput source="ticketIds" reference="Ticket" fullWidth />
    <RefArrayInput source="returnRequestIds" reference="ReturnRequest" fullWidth />
    <TextInput source="outcome" multiline minRows={2} fullWidth />
  </SimpleForm>
);

const DisciplineReferralShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><DateOnlyField source="date" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><EnumField source="conduct" enumName="conduct" chip /></Labeled>
        <Labeled><TextField source="referredBy" emptyText="—" /></Labeled>
      </FieldGrid>
      <ReferenceArrayField source="ticketIds" reference="Ticket">
        <SingleFieldList linkType="show"><ChipField source="number" size="small" /></SingleFieldList>
      </ReferenceArrayField>
      <Labeled><ParagraphField source="outcome" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: DisciplineReferralList,
  show: DisciplineReferralShow,
  edit: () => <ResourceEdit><DisciplineReferralForm /></ResourceEdit>,
  create: () => <ResourceCreate><DisciplineReferralForm /></ResourceCreate>,
} satisfies ResourceViews;
