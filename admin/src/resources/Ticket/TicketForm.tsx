import type { ReactElement } from 'react';
import { AutocompleteInput, BooleanInput, Labeled, NumberField, SimpleForm, TabbedForm, TextField, TextInput, required, useGetList, useRecordContext } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { DateTimeField, EnumField, YesNoField } from '../../common/fields';
import { EnumInput, RefInput, ShanghaiDateTimeInput, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar } from '../../common/views';
import { writableFields } from '../../schema';
import { ownWritableFields } from '../../common/useWritable';
import { useWorkingStreet } from '../../common/workingStreet';

/** The topic taxonomy is data (设置 › 诉求主题); a new wording can still be typed in. */
const TopicInput = ({ disabled }: { disabled?: boolean }) => {
  const { data = [] } = useGetList<{ id: string; name: string }>('Topic', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
  });
  const current = useWatch({ name: 'topic' }) as string | null | undefined;
  const topicChoices = data.map((t) => ({ id: t.name, name: t.name }));
  if (current && !topicChoices.some((c) => c.id === current)) topicChoices.unshift({ id: current, name: current });
  return (
    <AutocompleteInput
      source="topic"
      choices={topicChoices}
      onCreate={(name?: string) => (name ? { id: name, name } : undefined)}
      createItemLabel="ra.action.create_item"
      disabled={disabled}
      sx={{ minWidth: 260 }}
    />
  );
};

/** The responsible unit is one of the ticket's own street (every street has its 城管中队). */
const TicketUnitInput = ({ disabled }: { disabled?: boolean }) => {
  const streetId = useWatch({ name: 'streetId' }) as string | number | null | undefined;
  return <UnitInput source="unitId" streetId={streetId ? String(streetId) : undefined} disabled={disabled} />;
};

/**
 * One form for create and edit. What the API lets a user write differs (status, due times and closure are set by
 * the workflow, never typed in): fields the mutation does not take are shown read-only, or left out on create.
 */
export const TicketForm = ({ isCreate = false }: { isCreate?: boolean }) => {
  const w = writableFields('Ticket', isCreate ? 'create' : 'edit');
  const own = ownWritableFields(useRecordContext());
  const can = (f: string) => w.has(f) && (isCreate || !own || own.has(f));
  const working = useWorkingStreet();
  const dt = (f: string, extra?: { validate?: ReturnType<typeof required> }) =>
    can(f) ? <ShanghaiDateTimeInput key={f} source={f} {...extra} /> : isCreate ? null : <Labeled key={f}><DateTimeField source={f} /></Labeled>;
  const flag = (f: string) => (can(f) ? <BooleanInput key={f} source={f} /> : isCreate ? null : <Labeled key={f}><YesNoField source={f} /></Labeled>);
  return (
    <TabbedForm toolbar={<FormToolbar deletable={false} />} warnWhenUnsavedChanges>
      <TabbedForm.Tab label="rexian.section.citizen">
        <Row>
          <TextInput source="number" validate={required()} disabled={!can('number')} />
          <EnumInput source="category" enumName="category" validate={required()} disabled={!can('category')} />
          <EnumInput source="channel" enumName="channel" defaultValue="HOTLINE" disabled={!can('channel')} />
          <BooleanInput source="urgent" defaultValue={false} sx={{ alignSelf: 'center' }} disabled={!can('urgent')} />
        </Row>
        <Row>
          <TopicInput disabled={!can('topic')} />
          <RefInput source="streetId" reference="Street" validate={required()} disabled={!can('streetId')} defaultValue={isCreate ? working.streetId ?? undefined : undefined} />
          <TicketUnitInput disabled={!can('unitId')} />
          <TextInput source="committeeName" disabled={!can('committeeName')} />
        </Row>
        <Row>
          <TextInput source="citizenName" disabled={!can('citizenName')} />
          <TextInput source="citizenPhone" helperText="rexian.helper.phone_masked" disabled={!can('citizenPhone')} />
        </Row>
        <TextInput source="address" fullWidth disabled={!can('address')} />
        <TextInput source="content" multiline minRows={3} fullWidth disabled={!can('content')} />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="rexian.section.progress" path="progress">
        {isCreate ? null : (
          <FieldGrid>
            <Labeled><EnumField source="status" enumName="ticketStatus" chip /></Labeled>
            {dt('firstContactDue')}
            {dt('completionDue')}
            {flag('extensionApproved')}
            {dt('submittedAt')}
            {dt('closedAt')}
            <Labeled><NumberField source="redoCount" emptyText="0" /></Labeled>
          </FieldGrid>
        )}
        <Row>
          {dt('receivedAt', { validate: required() })}
          {dt('dispatchedAt')}
          {dt('acceptedAt')}
          {dt('firstContactAt')}
        </Row>
      </TabbedForm.Tab>
      <TabbedForm.Tab label="rexian.section.outcome" path="outcome">
        <Row>
          <EnumInput source="factFinding" enumName="factFinding" disabled={!can('factFinding')} />
          <BooleanInput source="unfoundedAccepted" sx={{ alignSelf: 'center' }} disabled={!can('unfoundedAccepted')} />
          <EnumInput source="resolution" enumName="resolution" disabled={!can('resolution')} />
        </Row>
        <TextInput source="factBasis" multiline minRows={2} fullWidth disabled={!can('factBasis')} />
        <TextInput source="demand" multiline minRows={2} fullWidth disabled={!can('demand')} />
        <TextInput source="siteVisit" multiline minRows={2} fullWidth disabled={!can('siteVisit')} />
        <TextInput source="replyText" multiline minRows={3} fullWidth disabled={!can('replyText')} />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="rexian.section.flags" path="flags">
        <Row>
          {flag('difficult')}
          {flag('concentrated')}
          {flag('callbackReview')}
          {flag('reassigned')}
          {flag('escalated')}
        </Row>
        <Row>
          <TextInput source="leaderName" disabled={!can('leaderName')} />
          <RefInput source="repeatOfId" reference="Ticket" disabled={!can('repeatOfId')} />
        </Row>
      </TabbedForm.Tab>
    </TabbedForm>
  );
};

/** The handling a unit handler fills in, in the order it is done; the rest of the ticket is on its page. */
const HANDLING_INPUTS: Record<string, ReactElement> = {
  firstContactAt: <ShanghaiDateTimeInput key="firstContactAt" source="firstContactAt" />,
  demand: <TextInput key="demand" source="demand" multiline minRows={2} fullWidth />,
  siteVisit: <TextInput key="siteVisit" source="siteVisit" multiline minRows={2} fullWidth />,
  factFinding: <EnumInput key="factFinding" source="factFinding" enumName="factFinding" />,
  factBasis: <TextInput key="factBasis" source="factBasis" multiline minRows={2} fullWidth />,
  resolution: <EnumInput key="resolution" source="resolution" enumName="resolution" />,
  replyText: <TextInput key="replyText" source="replyText" multiline minRows={3} fullWidth />,
};

/**
 * The edit form of a caller who may change only some fields (the ticket's `writableFields`, from the API): a unit
 * handler sees only the inputs it may save, never a form the API would refuse.
 */
export const HandlerTicketForm = () => {
  const own = ownWritableFields(useRecordContext()) ?? new Set<string>();
  const w = writableFields('Ticket', 'edit');
  const shown = Object.keys(HANDLING_INPUTS).filter((f) => own.has(f) && w.has(f));
  const other = [...own].filter((f) => w.has(f) && !(f in HANDLING_INPUTS));
  return (
    <SimpleForm toolbar={<FormToolbar deletable={false} />} warnWhenUnsavedChanges>
      <Row>
        <Labeled><TextField source="number" /></Labeled>
        <Labeled><EnumField source="status" enumName="ticketStatus" chip /></Labeled>
      </Row>
      {shown.map((f) => HANDLING_INPUTS[f])}
      {other.map((f) => <TextInput key={f} source={f} fullWidth />)}
    </SimpleForm>
  );
};
