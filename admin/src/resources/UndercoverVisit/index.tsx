import Icon from '@mui/icons-material/VisibilityOff';
import { BooleanInput, DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, regex } from 'react-admin';
import { DateOnlyField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, CalendarDateInput, MonthInput, RefInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWritable } from '../../common/useWritable';
import type { ResourceModule } from '../types';

const filters = [
  <MonthInput key="month" source="month" label="rexian.filter.month" alwaysOn />,
  <BoolFilter key="overturned" source="overturned" alwaysOn />,
  <RefInput key="ticketId" source="ticketId" reference="Ticket" />,
];

const UndercoverVisitList = () => (
  <ResourceList filters={filters} sort={{ field: 'month', order: 'DESC' }}>
    <DataTable.Col source="month" />
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="visitedAt"><DateOnlyField source="visitedAt" /></DataTable.Col>
    <DataTable.Col source="finding" disableSort><ShortTextField source="finding" max={30} /></DataTable.Col>
    <DataTable.Col source="overturned"><YesNoField source="overturned" highlight /></DataTable.Col>
  </ResourceList>
);

const UndercoverVisitForm = () => {
  const can = useWritable();
  return (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <RefInput source="ticketId" reference="Ticket" validate={required()} disabled={!can('ticketId')} />
      <MonthInput source="month" validate={[required(), regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'rexian.helper.month')]} />
      <CalendarDateInput source="visitedAt" />
      <BooleanInput source="overturned" sx={{ alignSelf: 'center' }} />
    </Row>
    <TextInput source="finding" multiline minRows={3} fullWidth />
  </SimpleForm>
  );
};

const UndercoverVisitShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="month" /></Labeled>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" /></Labeled>
        <Labeled><DateOnlyField source="visitedAt" /></Labeled>
        <Labeled><YesNoField source="overturned" highlight /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="finding" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: UndercoverVisitList,
  show: UndercoverVisitShow,
  edit: () => <ResourceEdit><UndercoverVisitForm /></ResourceEdit>,
  create: () => <ResourceCreate><UndercoverVisitForm /></ResourceCreate>,
  icon: Icon,
  recordRepresentation: (r) => `${r.month} #${r.id}`,
} satisfies ResourceModule;
