// 会议 (domain.md §5b): the register of meetings — 城运周例会, 月度例会, 党工委专题汇报, 专题, 领导小组 (its 点评, and the
// 一事一议 of an escalation) — with the agenda drafted from the figures and the decisions edited inline.
import { useState } from 'react';
import { Button, Tooltip } from '@mui/material';
import { DataTable, Labeled, ReferenceArrayField, ReferenceField, SelectInput, SimpleForm, SimpleShowLayout, SingleFieldList, ChipField, TextField, TextInput, required, useNotify, useTranslate, useRecordContext, FunctionField } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { DateOnlyField, ParagraphField } from '../../common/fields';
import { CalendarDateInput, QuickSearch, RefArrayInput, RefInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWorkingStreet } from '../../common/workingStreet';
import { query } from '../../reports/api';
import type { ResourceViews } from '../types';
import { MeetingDecisions } from './Decisions';
import { HeldRecords } from './HeldRecords';
import { errorText } from './DecisionDone';

export const MEETING_KINDS = ['WEEKLY', 'MONTHLY', 'PARTY_COMMITTEE', 'SPECIAL', 'LEADING_GROUP'] as const;
const kindChoices = MEETING_KINDS.map((id) => ({ id, name: `meetings.kind.${id}` }));

const KindField = () => {
  const record = useRecordContext<{ kind: string }>();
  const translate = useTranslate();
  return record ? <span>{translate(`meetings.kind.${record.kind}`)}</span> : null;
};

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
  <CalendarDateInput key="from" source="heldOn_gte" label="rexian.filter.date_from" />,
  <CalendarDateInput key="to" source="heldOn_lte" label="rexian.filter.date_to" />,
];

const MeetingList = () => {
  const { isDistrict } = useWorkingStreet();
  return (
    <ResourceList filters={filters} sort={{ field: 'heldOn', order: 'DESC' }}>
      <DataTable.Col source="heldOn"><DateOnlyField source="heldOn" /></DataTable.Col>
      <DataTable.Col source="kind"><KindField /></DataTable.Col>
      {isDistrict ? <DataTable.Col source="streetId"><ReferenceField source="streetId" reference="Street" link={false} /></DataTable.Col> : null}
      <DataTable.Col source="chair" />
      <DataTable.Col source="attendees" />
    </ResourceList>
  );
};

/** Fills the agenda from meetingAgendaDraft (the period's figures and the decisions still open). */
const AgendaDraftButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { getValues, setValue } = useFormContext();
  const [busy, setBusy] = useState(false);
  const draft = async () => {
    const { kind, streetId, heldOn } = getValues();
    if (!kind || !streetId || !heldOn) return notify('meetings.draftNeeds', { type: 'warning' });
    setBusy(true);
    try {
      const d = await query<{ meetingAgendaDraft: string[] }>(`query($k: MeetingKind!, $s: ID!, $d: Date!) { meetingAgendaDraft(kind: $k, streetId: $s, date: $d) }`, { k: kind, s: streetId, d: heldOn });
      setValue('agenda', d.meetingAgendaDraft.join('\n'), { shouldDirty: true });
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={translate('meetings.draftHint')}>
      <span><Button size="small" variant="outlined" onClick={draft} disabled={busy} data-testid="agenda-draft">{translate('meetings.draft')}</Button></span>
    </Tooltip>
  );
};

const MeetingForm = ({ create = false }: { create?: boolean }) => {
  const { streetId } = useWorkingStreet();
  return (
    <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges defaultValues={create ? { streetId: streetId ?? undefined } : undefined}>
      <Row>
        <RefInput source="streetId" reference="Street" validate={required()} disabled={!create} />
        <SelectInput source="kind" choices={kindChoices} validate={required()} />
        <CalendarDateInput source="heldOn" validate={required()} />
      </Row>
      <Row>
        <TextInput source="chair" />
        <TextInput source="attendees" sx={{ minWidth: 420 }} />
      </Row>
      <AgendaDraftButton />
      <TextInput source="agenda" multiline minRows={4} fullWidth />
      <TextInput source="minutes" multiline minRows={3} fullWidth />
      <RefArrayInput source="ticketIds" reference="Ticket" fullWidth />
    </SimpleForm>
  );
};

const MeetingShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled source="heldOn"><DateOnlyField source="heldOn" /></Labeled>
        <Labeled source="kind"><KindField /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" /></Labeled>
        <Labeled><TextField source="chair" emptyText="—" /></Labeled>
        <Labeled><TextField source="attendees" emptyText="—" /></Labeled>
      </FieldGrid>
      <Labeled><FunctionField source="agenda" render={(r: { agenda?: string | null }) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.agenda || '—'}</span>} /></Labeled>
      <Labeled><ParagraphField source="minutes" /></Labeled>
      <ReferenceArrayField source="ticketIds" reference="Ticket">
        <SingleFieldList linkType="show"><ChipField source="number" size="small" /></SingleFieldList>
      </ReferenceArrayField>
      <MeetingDecisions editable={false} />
      <HeldRecords />
    </SimpleShowLayout>
  </ResourceShow>
);

const MeetingEdit = () => (
  <ResourceEdit redirect="edit">
    <MeetingForm />
    <MeetingDecisions editable />
  </ResourceEdit>
);

export default {
  list: MeetingList,
  show: MeetingShow,
  edit: MeetingEdit,
  // After creating, the meeting opens for editing: its decisions are added there.
  create: () => <ResourceCreate redirect="edit"><MeetingForm create /></ResourceCreate>,
} satisfies ResourceViews;
