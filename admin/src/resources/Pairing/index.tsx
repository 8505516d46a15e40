import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateOnlyField } from '../../common/fields';
import { CalendarDateInput, QuickSearch, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [<QuickSearch key="q" alwaysOn />, <UnitInput key="unitId" source="unitId" alwaysOn />];

const PairingList = () => (
  <ResourceList filters={filters} sort={{ field: 'staffName', order: 'ASC' }}>
    <DataTable.Col source="staffName" />
    <DistrictStreetCol via="unit" />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="since"><DateOnlyField source="since" /></DataTable.Col>
  </ResourceList>
);

const PairingForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <TextInput source="staffName" validate={required()} />
      <UnitInput source="unitId" validate={required()} />
      <CalendarDateInput source="since" />
    </Row>
  </SimpleForm>
);

const PairingShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="staffName" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><DateOnlyField source="since" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: PairingList,
  show: PairingShow,
  edit: () => <ResourceEdit><PairingForm /></ResourceEdit>,
  create: () => <ResourceCreate><PairingForm /></ResourceCreate>,
} satisfies ResourceViews;
