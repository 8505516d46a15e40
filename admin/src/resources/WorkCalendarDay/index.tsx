import { BooleanInput, DataTable, Labeled, SimpleForm, SimpleShowLayout, TextField, TextInput, required } from 'react-admin';
import { DateOnlyField, YesNoField } from '../../common/fields';
import { BoolFilter, CalendarDateInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { CalendarYearBanner } from './YearBanner';
import { CalendarYearActions } from './YearActions';

/** Only the exceptions are stored: public holidays and 调休 make-up working days. */
const filters = [
  <CalendarDateInput key="from" source="day_gte" label="rexian.filter.date_from" alwaysOn />,
  <CalendarDateInput key="to" source="day_lte" label="rexian.filter.date_to" alwaysOn />,
  <BoolFilter key="isWorkday" source="isWorkday" />,
];

// The banner says when this or next year's statutory holidays are missing (calendar_year); the entry page pastes them.
const WorkCalendarDayList = () => (
  <>
    <CalendarYearBanner />
    <ResourceList filters={filters} sort={{ field: 'day', order: 'DESC' }} actions={<CalendarYearActions hasFilters />}>
      <DataTable.Col source="day"><DateOnlyField source="day" /></DataTable.Col>
      <DataTable.Col source="isWorkday"><YesNoField source="isWorkday" /></DataTable.Col>
      <DataTable.Col source="name" />
    </ResourceList>
  </>
);

const WorkCalendarDayForm = () => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      <CalendarDateInput source="day" validate={required()} />
      <BooleanInput source="isWorkday" defaultValue={false} sx={{ alignSelf: 'center' }} />
      <TextInput source="name" />
    </Row>
  </SimpleForm>
);

const WorkCalendarDayShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><DateOnlyField source="day" /></Labeled>
        <Labeled><YesNoField source="isWorkday" /></Labeled>
        <Labeled><TextField source="name" emptyText="—" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: WorkCalendarDayList,
  show: WorkCalendarDayShow,
  edit: () => <ResourceEdit><WorkCalendarDayForm /></ResourceEdit>,
  create: () => <ResourceCreate><WorkCalendarDayForm /></ResourceCreate>,
} satisfies ResourceViews;
