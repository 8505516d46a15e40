import { CheckboxGroupInput, DataTable, Labeled, ReferenceArrayField, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, ChipField, SingleFieldList } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateOnlyField, EnumArrayField, EnumField, ParagraphField } from '../../common/fields';
import { CalendarDateInput, EnumInput, QuickSearch, RefArrayInput, UnitInput } from '../../common/inputs';
import { choices } from '../../common/enums';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { InterviewCandidates, withCandidates } from '../candidates';

const ListWithCandidates = withCandidates(InterviewCandidates);

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <EnumInput key="level" source="level" enumName="interviewLevel" alwaysOn />,
  <CalendarDateInput key="from" source="date_gte" label="rexian.filter.date_from" />,
  <CalendarDateInput key="to" source="date_lte" label="rexian.filter.date_to" />,
];

const InterviewList = () => (
  <ResourceList filters={filters} sort={{ field: 'date', order: 'DESC' }} empty={false} component={ListWithCandidates}>
    <DataTable.Col source="date"><DateOnlyField source="date" /></DataTable.Col>
    <DistrictStreetCol via="unit" />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="level"><EnumField source="level" enumName="interviewLevel" chip /></DataTable.Col>
    <DataTable.Col source="reasons" disableSort><EnumArrayField source="reasons" enumName="interviewReason" /></DataTable.Col>
    <DataTable.Col source="interviewer" />
    <DataTable.Col source="rectificationDue"><DateOnlyField source="rectificationDue" /></DataTable.Col>
  </ResourceList>
);

const InterviewForm = () => (
  <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
    <Row>
      <UnitInput source="unitId" validate={required()} />
      <EnumInput source="level" enumName="interviewLevel" validate={required()} />
      <CalendarDateInput source="date" validate={required()} />
    </Row>
    <CheckboxGroupInput source="reasons" choices={choices('interviewReason')} />
    <Row>
      <TextInput source="interviewer" />
      <TextInput source="attendees" sx={{ minWidth: 360 }} />
    </Row>
    <TextInput source="findings" multiline minRows={2} fullWidth />
    <TextInput source="rectification" multiline minRows={2} fullWidth />
    <Row>
      <CalendarDateInput source="rectificationDue" />
    </Row>
    <TextInput source="followUp" multiline minRows={2} fullWidth />
    <RefArrayInput source="ticketIds" reference="Ticket" fullWidth />
  </SimpleForm>
);

const InterviewShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><DateOnlyField source="date" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><EnumField source="level" enumName="interviewLevel" chip /></Labeled>
        <Labeled><TextField source="interviewer" emptyText="—" /></Labeled>
        <Labeled><TextField source="attendees" emptyText="—" /></Labeled>
        <Labeled><DateOnlyField source="rectificationDue" /></Labeled>
      </FieldGrid>
      <Labeled><EnumArrayField source="reasons" enumName="interviewReason" /></Labeled>
      <Labeled><ParagraphField source="findings" /></Labeled>
      <Labeled><ParagraphField source="rectification" /></Labeled>
      <Labeled><ParagraphField source="followUp" /></Labeled>
      <ReferenceArrayField source="ticketIds" reference="Ticket">
        <SingleFieldList linkType="show"><ChipField source="number" size="small" /></SingleFieldList>
      </ReferenceArrayField>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: InterviewList,
  show: InterviewShow,
  edit: () => <ResourceEdit><InterviewForm /></ResourceEdit>,
  create: () => <ResourceCreate><InterviewForm /></ResourceCreate>,
} satisfies ResourceViews;
