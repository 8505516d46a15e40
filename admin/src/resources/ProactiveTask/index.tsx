import { DataTable, Labeled, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput, required, useRecordContext } from 'react-admin';
import { useAccess } from '../../access';
import { TaskDoneButton } from '../../warnings/actions';
import { DateOnlyField, DateTimeField, EnumField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { CalendarDateInput, EnumInput, QuickSearch, RefInput, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { StreetField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <EnumInput key="status" source="status" enumName="proactiveTaskStatus" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
];

const StreetCol = () => {
  const { isDistrict } = useWorkingStreet();
  return isDistrict ? <DataTable.Col source="streetId"><StreetField /></DataTable.Col> : null;
};

/** 完成 with the outcome, for an open task (its unit, the 城运中心 or a leader: the server decides). */
const DoneAction = () => {
  const record = useRecordContext<{ id: string; version: number; status: string }>();
  if (!useAccess().mayCall('Mutation.completeProactiveTask') || !record || record.status !== 'OPEN') return null;
  return <TaskDoneButton record={record} />;
};

const ProactiveTaskList = () => (
  <ResourceList filters={filters} sort={{ field: 'dueOn', order: 'ASC' }}>
    <DataTable.Col source="topic" />
    <DataTable.Col source="title"><ShortTextField source="title" /></DataTable.Col>
    <StreetCol />
    <DataTable.Col source="committeeName" />
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} /></DataTable.Col>
    <DataTable.Col source="dueOn"><DateOnlyField source="dueOn" /></DataTable.Col>
    <DataTable.Col source="status"><EnumField source="status" enumName="proactiveTaskStatus" chip /></DataTable.Col>
    <DataTable.Col source="overdue" disableSort><YesNoField source="overdue" highlight /></DataTable.Col>
    <DataTable.Col source="doneAt"><DateTimeField source="doneAt" /></DataTable.Col>
    <DataTable.Col label="" disableSort><DoneAction /></DataTable.Col>
  </ResourceList>
);

/** The writable fields (createProactiveTask / updateProactiveTask); the street is set on creation only. */
const ProactiveTaskForm = ({ creating = false }: { creating?: boolean }) => (
  <SimpleForm toolbar={<FormToolbar />}>
    <Row>
      {creating ? <RefInput source="streetId" reference="Street" validate={required()} /> : null}
      <TextInput source="topic" validate={required()} />
      <TextInput source="committeeName" />
      <UnitInput source="unitId" validate={required()} />
      <CalendarDateInput source="dueOn" validate={required()} />
    </Row>
    <TextInput source="title" validate={required()} multiline fullWidth />
  </SimpleForm>
);

const ProactiveTaskShow = () => {
  // A unit's handler may not read the accounts: no 创建人 / 办结人 rather than an error mark.
  const readsUsers = useAccess().can('User', 'show');
  return (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="topic" /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" link={false} /></Labeled>
        <Labeled><TextField source="committeeName" emptyText="—" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" /></Labeled>
        <Labeled><DateOnlyField source="dueOn" /></Labeled>
        <Labeled><EnumField source="status" enumName="proactiveTaskStatus" chip /></Labeled>
        <Labeled><YesNoField source="overdue" highlight /></Labeled>
        {readsUsers ? <Labeled><ReferenceField source="createdById" reference="User" link={false} emptyText="—" /></Labeled> : null}
        <Labeled><DateTimeField source="createdAt" /></Labeled>
        {readsUsers ? <Labeled><ReferenceField source="doneById" reference="User" link={false} emptyText="—" /></Labeled> : null}
        <Labeled><DateTimeField source="doneAt" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="title" /></Labeled>
      <Labeled><ParagraphField source="outcome" /></Labeled>
      <DoneAction />
    </SimpleShowLayout>
  </ResourceShow>
  );
};

export default {
  list: ProactiveTaskList,
  show: ProactiveTaskShow,
  edit: () => <ResourceEdit><ProactiveTaskForm /></ResourceEdit>,
  create: () => <ResourceCreate><ProactiveTaskForm creating /></ResourceCreate>,
} satisfies ResourceViews;
