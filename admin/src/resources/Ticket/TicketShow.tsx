import { Box, Typography } from '@mui/material';
import {
  DataTable, Labeled, NumberField, ReferenceField, ReferenceManyField, TabbedShowLayout, TextField, useRecordContext,
  useTranslate, Pagination,
} from 'react-admin';
import { DateTimeField, EnumField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { DueBadge } from '../../common/DueBadge';
import { FieldGrid } from '../../common/layout';
import { ResourceShow } from '../../common/views';
import { TicketEvents } from './TicketEvents';
import { TicketActions } from './TicketActions';
import { RepeatPanel } from './RepeatPanel';
import { RevealPersonalData } from './RevealPersonalData';
import { ImportNotes } from './ImportNotes';
import { GenerateFormButton } from '../../reports/documents/GenerateFormButton';

const Grid = FieldGrid;

const TicketTitle = () => {
  const record = useRecordContext<{ number?: string }>();
  const translate = useTranslate();
  return <span>{translate('resources.Ticket.name', { smart_count: 1 })} {record?.number ?? ''}</span>;
};

/** Status, deadline badge and the unit, always visible above the tabs. */
const Summary = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', gap: 3, alignItems: 'center', flexWrap: 'wrap', px: 2, pt: 2 }}>
      <TextField source="number" variant="h6" sx={{ fontVariantNumeric: 'tabular-nums' }} />
      <EnumField source="status" enumName="ticketStatus" chip />
      <DueBadge />
      <Box sx={{ color: 'text.secondary' }}>
        {translate('resources.Ticket.fields.unitId')}：<ReferenceField source="unitId" reference="Unit" emptyText="—" />
      </Box>
      <LeaderFormButton />
    </Box>
  );
};

/** 领导派单/督办单 (a printable form, §5b) for a ticket a leader dispatched, supervised or escalated. */
const LeaderFormButton = () => {
  const r = useRecordContext<{ id: string; streetId?: string; channel?: string; leaderName?: string | null; leaderInstruction?: string | null; escalated?: boolean; reopenKind?: string | null }>();
  if (!r || !(r.channel === 'LEADER_DISPATCH' || r.leaderName || r.leaderInstruction || r.escalated || r.reopenKind === 'LEADER_SUPERVISION')) return null;
  return <GenerateFormButton kind="LEADER_ORDER_FORM" period={`ticket:${r.id}`} streetId={r.streetId} label="reportDocs.button.leader_order_form" />;
};

export const TicketShow = () => (
  <ResourceShow title={<TicketTitle />}>
    <Summary />
    <TicketActions />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="rexian.section.citizen">
        <Grid>
          <Labeled><EnumField source="category" enumName="category" /></Labeled>
          <Labeled><EnumField source="channel" enumName="channel" /></Labeled>
          <Labeled><TextField source="topic" emptyText="—" /></Labeled>
          <Labeled><YesNoField source="urgent" highlight /></Labeled>
          <Labeled><TextField source="citizenName" emptyText="—" /></Labeled>
          <Labeled><TextField source="citizenPhone" emptyText="—" /></Labeled>
          <Labeled><TextField source="committeeName" emptyText="—" /></Labeled>
          <Labeled><ReferenceField source="streetId" reference="Street" emptyText="—" /></Labeled>
        </Grid>
        <Labeled><TextField source="address" emptyText="—" /></Labeled>
        <RevealPersonalData />
        <Labeled><ParagraphField source="content" /></Labeled>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="rexian.section.progress" path="progress">
        <Grid>
          <Labeled><DateTimeField source="receivedAt" /></Labeled>
          <Labeled><DateTimeField source="dispatchedAt" /></Labeled>
          <Labeled><DateTimeField source="acceptedAt" /></Labeled>
          <Labeled><DateTimeField source="firstContactAt" /></Labeled>
          <Labeled><DateTimeField source="firstContactDue" /></Labeled>
          <Labeled><DateTimeField source="completionDue" /></Labeled>
          <Labeled><DateTimeField source="submittedAt" /></Labeled>
          <Labeled><DateTimeField source="closedAt" /></Labeled>
          <Labeled><YesNoField source="extensionApproved" /></Labeled>
          <Labeled><NumberField source="redoCount" emptyText="0" /></Labeled>
          <Labeled><TextField source="redoReason" emptyText="—" /></Labeled>
          <Labeled><DateTimeField source="reopenedAt" /></Labeled>
          <Labeled><EnumField source="reopenKind" enumName="reopenKind" /></Labeled>
        </Grid>
        <ImportNotes />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="rexian.section.outcome" path="outcome">
        <Grid>
          <Labeled><EnumField source="factFinding" enumName="factFinding" /></Labeled>
          <Labeled><YesNoField source="unfoundedAccepted" /></Labeled>
          <Labeled><EnumField source="resolution" enumName="resolution" chip /></Labeled>
        </Grid>
        <Labeled><ParagraphField source="factBasis" /></Labeled>
        <Labeled><ParagraphField source="demand" /></Labeled>
        <Labeled><ParagraphField source="siteVisit" /></Labeled>
        <Labeled><ParagraphField source="replyText" /></Labeled>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="rexian.section.flags" path="flags">
        <Grid>
          <Labeled><YesNoField source="difficult" highlight /></Labeled>
          <Labeled><YesNoField source="concentrated" highlight /></Labeled>
          <Labeled><YesNoField source="callbackReview" /></Labeled>
          <Labeled><YesNoField source="reassigned" /></Labeled>
          <Labeled><YesNoField source="escalated" highlight /></Labeled>
          <Labeled><TextField source="leaderName" emptyText="—" /></Labeled>
          <Labeled><ReferenceField source="repeatOfId" reference="Ticket" emptyText="—" /></Labeled>
        </Grid>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="rexian.section.callbacks" path="callbacks">
        <ReferenceManyField reference="Callback" target="ticketId" sort={{ field: 'calledAt', order: 'DESC' }} perPage={10} pagination={<Pagination />}>
          <DataTable bulkActionButtons={false} rowClick="show" size="small">
            <DataTable.Col source="calledAt"><DateTimeField source="calledAt" /></DataTable.Col>
            <DataTable.Col source="result"><EnumField source="result" enumName="callbackResult" chip /></DataTable.Col>
            <DataTable.Col source="caller" />
            <DataTable.Col source="note"><ShortTextField source="note" /></DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="rexian.section.supervision" path="supervision">
        <Typography variant="subtitle2"><ResourceName name="ReturnRequest" /></Typography>
        <ReferenceManyField reference="ReturnRequest" target="ticketId" sort={{ field: 'requestedAt', order: 'DESC' }} perPage={10}>
          <DataTable bulkActionButtons={false} rowClick="show" size="small">
            <DataTable.Col source="requestedAt"><DateTimeField source="requestedAt" /></DataTable.Col>
            <DataTable.Col source="fromUnitId"><ReferenceField source="fromUnitId" reference="Unit" link={false} /></DataTable.Col>
            <DataTable.Col source="status"><EnumField source="status" enumName="returnStatus" chip /></DataTable.Col>
            <DataTable.Col source="reason"><ShortTextField source="reason" /></DataTable.Col>
          </DataTable>
        </ReferenceManyField>
        <Typography variant="subtitle2" sx={{ mt: 2 }}><ResourceName name="ClosureAudit" /></Typography>
        <ReferenceManyField reference="ClosureAudit" target="ticketId" sort={{ field: 'auditedAt', order: 'DESC' }} perPage={10}>
          <DataTable bulkActionButtons={false} rowClick="show" size="small">
            <DataTable.Col source="auditedAt"><DateTimeField source="auditedAt" /></DataTable.Col>
            <DataTable.Col source="passed"><YesNoField source="passed" /></DataTable.Col>
            <DataTable.Col source="note"><ShortTextField source="note" /></DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="work.repeat.tab" path="repeat">
        <RepeatPanel />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="rexian.section.events" path="events">
        <TicketEvents />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </ResourceShow>
);

const ResourceName = ({ name }: { name: string }) => {
  const translate = useTranslate();
  return <>{translate(`resources.${name}.name`, { smart_count: 2 })}</>;
};
