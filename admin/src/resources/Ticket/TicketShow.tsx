// A ticket's page (issue #15): its number, state, deadline and unit with the workflow buttons on top; below, the
// key facts (概要) and, beside them, the history (办理记录) — both without a click. Panels a clerk opens now and
// then (timestamps in full, outcome, flags, returns and audits, repeats) sit in tabs under the facts.
// The page waits for the full record: a row of the list (which the list's query leaves in react-admin's cache)
// has neither the history nor Ticket.allowedActions, so showing it first made the buttons appear a second late.
import { useState, type ReactNode } from 'react';
import { Box, Card, LinearProgress, Skeleton, Tab, Tabs, Typography } from '@mui/material';
import {
  DataTable, Labeled, NumberField, Pagination, ReferenceField, ReferenceManyField, TextField, useRecordContext, useTranslate,
} from 'react-admin';
import { useLocation } from 'react-router-dom';
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
import { useTicketText } from './TicketBulkActions';

const Grid = FieldGrid;

const TicketTitle = () => {
  const record = useRecordContext<{ number?: string }>();
  const translate = useTranslate();
  return <span>{translate('resources.Ticket.name', { smart_count: 1 })} {record?.number ?? ''}</span>;
};

/** 领导派单/督办单 (a printable form, §5b) for a ticket a leader dispatched, supervised or escalated. */
const LeaderFormButton = () => {
  const r = useRecordContext<{ id: string; streetId?: string; channel?: string; leaderName?: string | null; leaderInstruction?: string | null; escalated?: boolean; reopenKind?: string | null }>();
  if (!r || !(r.channel === 'LEADER_DISPATCH' || r.leaderName || r.leaderInstruction || r.escalated || r.reopenKind === 'LEADER_SUPERVISION')) return null;
  return <GenerateFormButton kind="LEADER_ORDER_FORM" period={`ticket:${r.id}`} streetId={r.streetId} label="reportDocs.button.leader_order_form" />;
};

/** Number, state, deadline and unit, then the steps the user may take now. */
const Header = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ px: 2, pt: 2, pb: 1.5, borderBottom: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField source="number" variant="h6" sx={{ fontVariantNumeric: 'tabular-nums' }} />
        <EnumField source="status" enumName="ticketStatus" chip />
        <DueBadge />
        <Box sx={{ color: 'text.secondary' }} data-testid="ticket-unit">
          {translate('rexian.punct.colon', { label: translate('resources.Ticket.fields.unitId') })}<ReferenceField source="unitId" reference="Unit" emptyText="—" />
        </Box>
        <Box sx={{ ml: 'auto' }}><LeaderFormButton /></Box>
      </Box>
      <TicketActions />
    </Box>
  );
};

const PanelTitle = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{children}</Typography>
);

/** 概要: what a clerk needs to act — the matter, the citizen, the deadlines. */
const Summary = () => {
  const t = useTicketText();
  return (
    <Box data-testid="ticket-summary">
      <PanelTitle>{t('show.summary')}</PanelTitle>
      <Grid>
        <Labeled><EnumField source="category" enumName="category" /></Labeled>
        <Labeled><EnumField source="channel" enumName="channel" /></Labeled>
        <Labeled><TextField source="topic" emptyText="—" /></Labeled>
        <Labeled><YesNoField source="urgent" highlight /></Labeled>
        <Labeled><DateTimeField source="receivedAt" /></Labeled>
        <Labeled><DateTimeField source="firstContactDue" /></Labeled>
        <Labeled><DateTimeField source="firstContactAt" /></Labeled>
        <Labeled><DateTimeField source="completionDue" /></Labeled>
        <Labeled><TextField source="citizenName" emptyText="—" /></Labeled>
        <Labeled><TextField source="citizenPhone" emptyText="—" /></Labeled>
        <Labeled><TextField source="committeeName" emptyText="—" /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" emptyText="—" link={false} /></Labeled>
      </Grid>
      <Box sx={{ mt: 1 }}><Labeled><TextField source="address" emptyText="—" /></Labeled></Box>
      <RevealPersonalData />
      <Box sx={{ mt: 1 }}><Labeled label={t('show.content')}><ParagraphField source="content" /></Labeled></Box>
      <ImportNotes />
    </Box>
  );
};

const ResourceName = ({ name }: { name: string }) => {
  const translate = useTranslate();
  return <>{translate(`resources.${name}.name`, { smart_count: 2 })}</>;
};

/** Tabs kept in the page's state; a sub-path of the old tabbed page (…/show/repeat) still opens its panel. */
function usePanelTabs(keys: string[]) {
  const { pathname } = useLocation();
  const last = pathname.split('/').pop() ?? '';
  return useState(keys.includes(last) ? last : keys[0]!);
}

const MORE = ['progress', 'outcome', 'flags', 'supervision', 'repeat'] as const;

/** The panels a clerk opens now and then. */
const MorePanels = () => {
  const translate = useTranslate();
  const [tab, setTab] = usePanelTabs([...MORE]);
  const label: Record<(typeof MORE)[number], string> = {
    progress: translate('rexian.section.progress'), outcome: translate('rexian.section.outcome'), flags: translate('rexian.section.flags'),
    supervision: translate('rexian.section.supervision'), repeat: translate('work.repeat.tab'),
  };
  return (
    <Box>
      <Tabs value={tab} onChange={(_e, v: string) => setTab(v)} variant="scrollable" scrollButtons="auto" sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40, '& .MuiTab-root': { minHeight: 40 } }}>
        {MORE.map((k) => <Tab key={k} value={k} label={label[k]} />)}
      </Tabs>
      <Box sx={{ pt: 2 }} role="tabpanel">
        {tab === 'progress' ? (
          <Grid>
            <Labeled><DateTimeField source="dispatchedAt" /></Labeled>
            <Labeled><DateTimeField source="acceptedAt" /></Labeled>
            <Labeled><DateTimeField source="submittedAt" /></Labeled>
            <Labeled><DateTimeField source="closedAt" /></Labeled>
            <Labeled><YesNoField source="extensionApproved" /></Labeled>
            <Labeled><NumberField source="redoCount" emptyText="0" /></Labeled>
            <Labeled><TextField source="redoReason" emptyText="—" /></Labeled>
            <Labeled><DateTimeField source="reopenedAt" /></Labeled>
            <Labeled><EnumField source="reopenKind" enumName="reopenKind" /></Labeled>
          </Grid>
        ) : tab === 'outcome' ? (
          <>
            <Grid>
              <Labeled><EnumField source="factFinding" enumName="factFinding" /></Labeled>
              <Labeled><YesNoField source="unfoundedAccepted" /></Labeled>
              <Labeled><EnumField source="resolution" enumName="resolution" chip /></Labeled>
            </Grid>
            <Labeled><ParagraphField source="factBasis" /></Labeled>
            <Labeled><ParagraphField source="demand" /></Labeled>
            <Labeled><ParagraphField source="siteVisit" /></Labeled>
            <Labeled><ParagraphField source="replyText" /></Labeled>
          </>
        ) : tab === 'flags' ? (
          <Grid>
            <Labeled><YesNoField source="difficult" highlight /></Labeled>
            <Labeled><YesNoField source="concentrated" highlight /></Labeled>
            <Labeled><YesNoField source="callbackReview" /></Labeled>
            <Labeled><YesNoField source="reassigned" /></Labeled>
            <Labeled><YesNoField source="escalated" highlight /></Labeled>
            <Labeled><TextField source="leaderName" emptyText="—" /></Labeled>
            <Labeled><ReferenceField source="repeatOfId" reference="Ticket" emptyText="—" /></Labeled>
          </Grid>
        ) : tab === 'supervision' ? (
          <>
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
          </>
        ) : (
          <RepeatPanel />
        )}
      </Box>
    </Box>
  );
};

/** 办理记录 (the append-only history) beside the facts; the callbacks one click away in the same panel. */
const HistoryPanel = () => {
  const translate = useTranslate();
  const record = useRecordContext<{ callbacks?: unknown[] }>();
  const [tab, setTab] = usePanelTabs(['events', 'callbacks']);
  const n = record?.callbacks?.length ?? 0;
  return (
    <Box data-testid="ticket-history-panel">
      <Tabs value={tab} onChange={(_e, v: string) => setTab(v)} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40, '& .MuiTab-root': { minHeight: 40 } }}>
        <Tab value="events" label={translate('rexian.section.events')} />
        <Tab value="callbacks" label={n ? translate('rexian.punct.paren', { text: translate('rexian.section.callbacks'), inner: n }) : translate('rexian.section.callbacks')} />
      </Tabs>
      <Box sx={{ pt: 1 }} role="tabpanel">
        {tab === 'events' ? (
          <TicketEvents />
        ) : (
          <ReferenceManyField reference="Callback" target="ticketId" sort={{ field: 'calledAt', order: 'DESC' }} perPage={10} pagination={<Pagination />}>
            <DataTable bulkActionButtons={false} rowClick="show" size="small">
              <DataTable.Col source="calledAt"><DateTimeField source="calledAt" /></DataTable.Col>
              <DataTable.Col source="result"><EnumField source="result" enumName="callbackResult" chip /></DataTable.Col>
              <DataTable.Col source="caller" />
              <DataTable.Col source="note"><ShortTextField source="note" /></DataTable.Col>
            </DataTable>
          </ReferenceManyField>
        )}
      </Box>
    </Box>
  );
};

/** Until the full record is here, a placeholder of the page's shape (nothing that moves when it arrives). */
const Loading = () => (
  <Box data-testid="ticket-loading">
    <LinearProgress />
    <Box sx={{ p: 2, display: 'flex', gap: 2 }}>
      <Skeleton variant="text" width={160} height={36} />
      <Skeleton variant="rounded" width={72} height={24} sx={{ mt: 0.75 }} />
    </Box>
    <Box sx={{ px: 2, display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 7fr) minmax(340px, 5fr)' }, gap: 3 }}>
      <Skeleton variant="rounded" height={260} />
      <Skeleton variant="rounded" height={260} />
    </Box>
  </Box>
);

const Body = () => {
  const record = useRecordContext<{ allowedActions?: string[] }>();
  // A list row (see the top): wait for the record with its history and the steps allowed.
  if (!record || !Array.isArray(record.allowedActions)) return <Loading />;
  return (
    <>
      <Header />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 7fr) minmax(340px, 5fr)' }, alignItems: 'start' }}>
        <Box sx={{ p: 2, minWidth: 0 }}>
          <Summary />
          <Box sx={{ mt: 3 }}><MorePanels /></Box>
        </Box>
        <Card variant="outlined" sx={{ m: 2, ml: { lg: 0 }, p: 1.5, pt: 0.5, minWidth: 0, bgcolor: 'grey.50' }}>
          <HistoryPanel />
        </Card>
      </Box>
    </>
  );
};

export const TicketShow = () => (
  <ResourceShow title={<TicketTitle />}>
    <Body />
  </ResourceShow>
);
