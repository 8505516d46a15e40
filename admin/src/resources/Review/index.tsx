import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { ParagraphField, ShortTextField } from '../../common/fields';
import { QuickSearch, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { MeetingInput } from '../Meeting/MeetingInput';

const filters = [<QuickSearch key="q" alwaysOn />, <UnitInput key="unitId" source="unitId" alwaysOn />];

const ReviewList = () => (
  <ResourceList filters={filters} sort={{ field: 'period', order: 'DESC' }}>
    <DataTable.Col source="period" />
    <DistrictStreetCol via="unit" />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="summary" disableSort><ShortTextField source="summary" max={30} /></DataTable.Col>
    <DataTable.Col source="leadingGroupComment" disableSort><ShortTextField source="leadingGroupComment" max={30} /></DataTable.Col>
  </ResourceList>
);

const ReviewForm = () => (
  <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
    <Row>
      <UnitInput source="unitId" validate={required()} />
      <TextInput source="period" validate={required()} helperText="rexian.helper.month" />
      <MeetingInput kind="LEADING_GROUP" />
    </Row>
    <TextInput source="summary" multiline minRows={3} fullWidth />
    <TextInput source="problems" multiline minRows={3} fullWidth />
    <TextInput source="leadingGroupComment" multiline minRows={3} fullWidth />
  </SimpleForm>
);

const ReviewShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="period" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><ReferenceField source="meetingId" reference="Meeting" emptyText="—" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="summary" /></Labeled>
      <Labeled><ParagraphField source="problems" /></Labeled>
      <Labeled><ParagraphField source="leadingGroupComment" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: ReviewList,
  show: ReviewShow,
  edit: () => <ResourceEdit><ReviewForm /></ResourceEdit>,
  create: () => <ResourceCreate><ReviewForm /></ResourceCreate>,
} satisfies ResourceViews;
