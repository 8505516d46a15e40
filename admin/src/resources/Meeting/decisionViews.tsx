// 会议议定事项 across meetings: the 城运中心's overview of what is open, overdue first (the meeting's page edits them).
import { DataTable, FunctionField, Labeled, ReferenceField, SelectInput, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { Chip } from '@mui/material';
import { DateOnlyField, DateTimeField, ParagraphField } from '../../common/fields';
import { QuickSearch } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { DecisionDoneButton } from './DecisionDone';

const statusChoices = ['OPEN', 'DONE'].map((id) => ({ id, name: `meetings.status.${id}` }));

const StatusField = () => {
  const r = useRecordContext<{ status: string; overdue: boolean }>();
  const translate = useTranslate();
  if (!r) return null;
  return <Chip size="small" label={translate(r.overdue ? 'meetings.overdue' : `meetings.status.${r.status}`)} color={r.status === 'DONE' ? 'success' : r.overdue ? 'error' : 'default'} />;
};

const filters = [<QuickSearch key="q" alwaysOn />, <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />];

const DecisionList = () => (
  <ResourceList filters={filters} filterDefaultValues={{ status: 'OPEN' }} sort={{ field: 'dueOn', order: 'ASC' }}>
    <DataTable.Col source="text" />
    <DataTable.Col source="meetingId"><ReferenceField source="meetingId" reference="Meeting" link="edit" /></DataTable.Col>
    <DataTable.Col source="ownerUnitId"><ReferenceField source="ownerUnitId" reference="Unit" link={false} emptyText="—" /></DataTable.Col>
    <DataTable.Col source="dueOn"><DateOnlyField source="dueOn" /></DataTable.Col>
    <DataTable.Col source="status"><StatusField /></DataTable.Col>
  </ResourceList>
);

const DecisionShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <Labeled><TextField source="text" /></Labeled>
      <FieldGrid>
        <Labeled><ReferenceField source="meetingId" reference="Meeting" link="edit" /></Labeled>
        <Labeled><ReferenceField source="ownerUnitId" reference="Unit" link={false} emptyText="—" /></Labeled>
        <Labeled><DateOnlyField source="dueOn" /></Labeled>
        <Labeled source="status"><StatusField /></Labeled>
        <Labeled><DateTimeField source="doneAt" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="doneNote" /></Labeled>
      <FunctionField render={(r: { id: string; status: string }) => (r.status === 'OPEN' ? <DecisionDoneButton id={String(r.id)} /> : null)} />
    </SimpleShowLayout>
  </ResourceShow>
);

export default { list: DecisionList, show: DecisionShow } satisfies ResourceViews;
