import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, regex } from 'react-admin';
import { IsoWeekInput, QuickSearch, RefInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [<QuickSearch key="q" alwaysOn />, <RefInput key="streetId" source="streetId" reference="Street" alwaysOn />];

const DutyRosterList = () => (
  <ResourceList filters={filters} sort={{ field: 'isoWeek', order: 'DESC' }}>
    <DataTable.Col source="isoWeek" />
    <DataTable.Col source="leaderName" />
    <DataTable.Col source="streetId"><ReferenceField source="streetId" reference="Street" link={false} /></DataTable.Col>
  </ResourceList>
);

const DutyRosterForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <RefInput source="streetId" reference="Street" validate={required()} />
      <IsoWeekInput source="isoWeek" validate={[required(), regex(/^\d{4}-W\d{2}$/, 'rexian.helper.iso_week')]} helperText="rexian.helper.iso_week" />
      <TextInput source="leaderName" validate={required()} />
    </Row>
  </SimpleForm>
);

const DutyRosterShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="isoWeek" /></Labeled>
        <Labeled><TextField source="leaderName" /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: DutyRosterList,
  show: DutyRosterShow,
  edit: () => <ResourceEdit><DutyRosterForm /></ResourceEdit>,
  create: () => <ResourceCreate><DutyRosterForm /></ResourceCreate>,
} satisfies ResourceViews;
