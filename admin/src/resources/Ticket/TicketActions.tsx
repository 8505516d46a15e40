// The ticket's workflow steps as buttons: exactly the ones the API says this user may take now
// (Ticket.allowedActions), each in a small dialog asking only what the step needs.
import { useState, type ReactNode } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import {
  Form, HttpError, RadioButtonGroupInput, SelectInput, TextInput, required, useDataProvider, useGetOne, useNotify,
  useRecordContext, useRefresh, useTranslate, type RaRecord,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { EnumInput, ShanghaiDateTimeInput, UnitInput } from '../../common/inputs';
import { choices } from '../../common/enums';
import { Row } from '../../common/layout';
import { runMutation } from '../../dataProvider/mutate';
import { CHECK_COUNT, ChecksInput, SubmittedClosure, UndecidedHint, undecidedChecks } from '../ClosureAudit';
import { announceWorkChanged } from '../../work/useMyWork';

type Ticket = RaRecord & { dutyLeaderMay?: boolean; channel?: string; version?: number; allowedActions?: string[]; factFinding?: string; resolution?: string; demand?: string; factBasis?: string; siteVisit?: string; replyText?: string };
type Values = Record<string, any>;

/** A register row the step acts on (the open return request, the pending extension, the open leader order). */
interface Target { resource: string; arg: string; pick: (rows: Values[]) => Values | undefined }

interface Step {
  /** The dialog's fields; the ticket is given for what depends on it (its street's units). */
  inputs?: (t: Ticket) => ReactNode;
  defaults?: (t: Ticket) => Values;
  target?: Target;
  /** Form values → mutation variables (beyond id, ticketId and version, which are always offered). */
  variables?: (v: Values) => Values;
  /** Shown in red: steps that undo or refuse something. */
  caution?: boolean;
  /** Errors across fields (e.g. a failed check needs its note), keyed by field path. */
  validate?: (v: Values) => Record<string, string>;
  /** While this gives a reason, the confirm button is disabled and the reason shown beside it (e.g. undecided checks). */
  blocked?: (v: Values) => ReactNode | null;
  /** Shown on the left of a wide dialog: what the step judges (the submitted closure for the audit). */
  beside?: (t: Ticket) => ReactNode;
}

const nowIso = () => new Date().toISOString();
const NO_RECORD = {} as RaRecord;
const approveChoices = [
  { id: true, name: 'rexian.workflow.approve' },
  { id: false, name: 'rexian.workflow.reject' },
];
// A radio's value comes back from the DOM as 'true'/'false': parse it back into the Boolean the API takes.
export const parseBoolean = (v: unknown) => (v === '' || v == null ? null : v === true || v === 'true');
const ApproveInput = () => <RadioButtonGroupInput source="approve" label="rexian.workflow.decision" choices={approveChoices} validate={required()} parse={parseBoolean} />;

/** The 纪检 filing is recorded by 纪检 itself (recordDisciplineFiling); the 主要领导's approval waits for it (domain.md §8). */
const FilingRefInput = () => {
  const approve = useWatch({ name: 'approve' }) as boolean | undefined;
  const translate = useTranslate();
  return approve ? <Typography variant="body2" color="text.secondary">{translate('rexian.workflow.filingByDiscipline')}</Typography> : null;
};

/** 'a.0.b' error keys → the nested object react-hook-form expects from a form-level validate. */
function nest(flat: Record<string, string>): Values {
  const out: Values = {};
  for (const [path, message] of Object.entries(flat)) {
    const parts = path.split('.');
    let o: Values = out;
    parts.slice(0, -1).forEach((p) => (o = o[p] ??= {}));
    o[parts[parts.length - 1]!] = message;
  }
  return out;
}

/** The unit to reassign to matters only when the return is approved. */
/** The ticket's street, for its unit pickers; unknown (a row from a list without it) falls back to the working street. */
const streetOf = (t: Ticket) => (t.streetId == null ? undefined : String(t.streetId));

const ReassignInput = ({ streetId }: { streetId?: string }) => {
  const approve = useWatch({ name: 'approve' }) as boolean | undefined;
  return approve ? <UnitInput source="toUnitId" streetId={streetId} label="resources.ReturnRequest.fields.toUnitId" validate={required()} /> : null;
};

const note = (label = 'rexian.workflow.note', requiredNote = false) => (
  <TextInput source="note" label={label} multiline minRows={2} fullWidth validate={requiredNote ? required() : undefined} />
);

export const STEPS: Record<string, Step> = {
  dispatchTicket: {
    // Only the ticket's own street's units: every street has its 城管中队, and a ticket never leaves its street.
    inputs: (t) => (
      <>
        <UnitInput source="unitId" streetId={streetOf(t)} validate={required()} />
        {/* The duty leader of the week dispatches with a written instruction (批示, domain.md §8). */}
        {t.dutyLeaderMay ? <TextInput source="instruction" label="rexian.workflow.instruction" multiline minRows={2} fullWidth validate={required()} /> : null}
      </>
    ),
    defaults: (t) => ({ unitId: t.unitId }),
  },
  acceptTicket: {},
  recordFirstContact: {
    inputs: () => (
      <>
        <ShanghaiDateTimeInput source="at" label="resources.Ticket.fields.firstContactAt" validate={required()} />
        {note()}
      </>
    ),
    defaults: () => ({ at: nowIso() }),
  },
  submitClosure: {
    inputs: (t) => (
      <>
        <Row>
          <EnumInput source="factFinding" enumName="factFinding" validate={required()} />
          <EnumInput source="resolution" enumName="resolution" validate={required()} />
        </Row>
        <TextInput source="factBasis" multiline minRows={2} fullWidth validate={required()} />
        <TextInput source="demand" multiline minRows={2} fullWidth validate={required()} />
        <TextInput source="siteVisit" multiline minRows={2} fullWidth />
        <TextInput source="replyText" multiline minRows={3} fullWidth validate={required()} />
        {/* Leader dispatch tickets close only with a written completion note (domain.md §5). */}
        {t.channel === 'LEADER_DISPATCH' ? <TextInput source="completionNote" label="rexian.workflow.completionNote" multiline minRows={2} fullWidth validate={required()} /> : null}
      </>
    ),
    defaults: (t) => ({
      factFinding: t.factFinding, resolution: t.resolution, factBasis: t.factBasis, demand: t.demand, siteVisit: t.siteVisit, replyText: t.replyText,
    }),
  },
  auditClosure: {
    inputs: () => (
      <>
        <ChecksInput />
        {note('resources.ClosureAudit.fields.note')}
      </>
    ),
    // Every check starts undecided: the auditor chooses each one (no preset 通过 to click through).
    defaults: () => ({ checks: Array.from({ length: CHECK_COUNT }, () => ({ pass: null, note: '' })) }),
    variables: (v) => ({
      checks: Array.from({ length: CHECK_COUNT }, (_, i) => ({ pass: v.checks?.[i]?.pass === true, note: v.checks?.[i]?.note?.trim() || null })),
    }),
    blocked: (v) => (undecidedChecks(v.checks).length ? <UndecidedHint checks={v.checks} /> : null),
    beside: (t) => <SubmittedClosure ticket={t} />,
    validate: (v) => {
      const errors: Record<string, string> = {};
      for (let i = 0; i < CHECK_COUNT; i++) {
        const c = v.checks?.[i];
        if (c?.pass === false && !c?.note?.trim()) errors[`checks.${i}.note`] = 'work.audit.failNeedsNote';
      }
      return errors;
    },
  },
  reopenTicket: {
    inputs: () => (
      <>
        {/* 领导督办 has its own step (下达领导督办单). */}
        <SelectInput source="kind" label="resources.Ticket.fields.reopenKind" validate={required()}
          choices={choices('reopenKind').filter((c) => c.id !== 'LEADER_SUPERVISION')} />
        {note('rexian.workflow.reason', true)}
      </>
    ),
    caution: true,
  },
  requestReturn: {
    inputs: () => <TextInput source="reason" label="resources.ReturnRequest.fields.reason" multiline minRows={3} fullWidth validate={required()} />,
    caution: true,
  },
  decideReturn: {
    inputs: (t) => (
      <>
        <ApproveInput />
        <ReassignInput streetId={streetOf(t)} />
        {note('resources.ReturnRequest.fields.decisionNote')}
      </>
    ),
    target: { resource: 'ReturnRequest', arg: 'returnRequestId', pick: (rows) => rows.find((r) => r.status === 'PENDING') },
  },
  approveReturnAsMainLeader: {
    inputs: () => (
      <>
        <ApproveInput />
        <FilingRefInput />
        {note('resources.ReturnRequest.fields.mainLeaderNote')}
      </>
    ),
    target: { resource: 'ReturnRequest', arg: 'returnRequestId', pick: (rows) => rows.find((r) => r.status === 'AWAITING_MAIN_LEADER') },
  },
  recordDisciplineFiling: {
    inputs: () => (
      <>
        <TextInput source="disciplineFilingRef" label="resources.ReturnRequest.fields.disciplineFilingRef" validate={required()} />
        {note('resources.ReturnRequest.fields.mainLeaderNote')}
      </>
    ),
    target: { resource: 'ReturnRequest', arg: 'returnRequestId', pick: (rows) => rows.find((r) => r.status === 'AWAITING_MAIN_LEADER') },
  },
  requestExtension: {
    inputs: () => <TextInput source="reason" label="resources.ExtensionRequest.fields.reason" multiline minRows={3} fullWidth validate={required()} />,
  },
  decideExtension: {
    inputs: () => (
      <>
        <ApproveInput />
        {note('resources.ExtensionRequest.fields.decisionNote')}
      </>
    ),
    target: { resource: 'ExtensionRequest', arg: 'extensionRequestId', pick: (rows) => rows.find((r) => r.status === 'PENDING') },
  },
  recordCallback: {
    inputs: () => (
      <>
        <Row>
          <ShanghaiDateTimeInput source="calledAt" label="resources.Callback.fields.calledAt" validate={required()} />
          <EnumInput source="result" enumName="callbackResult" label="resources.Callback.fields.result" validate={required()} />
        </Row>
        {note('resources.Callback.fields.note')}
      </>
    ),
    defaults: () => ({ calledAt: nowIso() }),
  },
  issueLeaderOrder: {
    inputs: () => (
      <>
        <TextInput source="leaderName" label="resources.LeaderOrder.fields.leaderName" validate={required()} />
        <TextInput source="reason" label="resources.LeaderOrder.fields.reason" multiline minRows={2} fullWidth validate={required()} />
      </>
    ),
    caution: true,
  },
  completeLeaderOrder: {
    inputs: () => <TextInput source="completionNote" label="resources.LeaderOrder.fields.completionNote" multiline minRows={3} fullWidth validate={required()} />,
    target: { resource: 'LeaderOrder', arg: 'id', pick: (rows) => rows.find((r) => !r.completedAt) },
  },
};

export const StepDialog = ({ action, ticket, onClose }: { action: string; ticket: Pick<Ticket, 'id' | 'version'> & Partial<Ticket>; onClose: () => void }) => {
  const step = STEPS[action]!;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const vars: Values = { id: ticket.id, ticketId: ticket.id, version: ticket.version, ...values, ...(step.variables?.(values) ?? {}) };
      if (step.target) {
        const { data } = await dataProvider.getList(step.target.resource, {
          filter: { ticketId: ticket.id }, pagination: { page: 1, perPage: 100 }, sort: { field: 'id', order: 'DESC' },
        });
        const row = step.target.pick(data);
        if (!row) throw new HttpError('rexian.workflow.stale', 409);
        vars[step.target.arg] = row.id;
      }
      await runMutation(action, vars);
      notify('rexian.workflow.done', { type: 'success', messageArgs: { action: translate(`rexian.workflow.action.${action}`) } });
      announceWorkChanged();
      onClose();
      refresh();
      return undefined;
    } catch (e) {
      const err = e as HttpError;
      const fieldErrors = err.body?.errors as Record<string, unknown> | undefined;
      notify(err.message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: err.message } });
      return fieldErrors; // shown on the dialog's fields
    } finally {
      setBusy(false);
    }
  };

  const wide = Boolean(step.beside);
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth={wide ? 'lg' : action === 'submitClosure' ? 'md' : 'sm'}>
      {/* record={NO_RECORD}: the dialog's form holds the step's own fields, not a copy of the ticket. */}
      <Form record={NO_RECORD} defaultValues={step.defaults?.(ticket as Ticket) ?? {}} onSubmit={submit} validate={step.validate ? (v) => nest(step.validate!(v)) : undefined}>
        <DialogTitle>{translate(`rexian.workflow.action.${action}`)}</DialogTitle>
        {/* The form sits between the paper and its content, so the content scrolls itself: the buttons stay in view at 720 px. */}
        <DialogContent sx={{ maxHeight: 'calc(100vh - 190px)', overflowY: 'auto',
          ...(wide ? { display: 'grid', gridTemplateColumns: 'minmax(280px, 5fr) 7fr', columnGap: 3, alignItems: 'start' } : {}) }}>
          {wide ? (
            <Box sx={{ position: 'sticky', top: 0, maxHeight: '70vh', overflowY: 'auto', bgcolor: 'grey.50', border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
              <BesideTicket ticket={ticket} render={step.beside!} />
            </Box>
          ) : null}
          <Box>
            {step.inputs ? step.inputs(ticket as Ticket) : <Typography>{translate('rexian.workflow.confirm', { action: translate(`rexian.workflow.action.${action}`) })}</Typography>}
          </Box>
        </DialogContent>
        <DialogActions>
          <ConfirmButton busy={busy} caution={step.caution} blocked={step.blocked} cancel={<Button onClick={onClose} disabled={busy}>{translate('ra.action.cancel')}</Button>} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};

/** The ticket as the step needs it beside the form: the row given, or the full ticket when a list gave only its id. */
const BesideTicket = ({ ticket, render }: { ticket: Partial<Ticket>; render: (t: Ticket) => ReactNode }) => {
  const complete = 'replyText' in ticket;
  const { data } = useGetOne<Ticket>('Ticket', { id: ticket.id! }, { enabled: !complete });
  const t = complete ? ticket : data;
  return t ? <>{render(t as Ticket)}</> : null;
};

const ConfirmButton = ({ busy, caution, blocked, cancel }: { busy: boolean; caution?: boolean; blocked?: (v: Values) => ReactNode | null; cancel: ReactNode }) => {
  const translate = useTranslate();
  const values = useWatch() as Values;
  const reason = blocked ? blocked(values ?? {}) : null;
  return (
    <>
      {reason ? <Box data-blocked-reason sx={{ mr: 'auto', pl: 2 }}>{reason}</Box> : null}
      {cancel}
      <Button type="submit" variant="contained" color={caution ? 'warning' : 'primary'} disabled={busy || Boolean(reason)}>
        {translate('ra.action.confirm')}
      </Button>
    </>
  );
};

/** Buttons for Ticket.allowedActions, in the order the API gives them (the workflow's order). */
export const TicketActions = () => {
  const ticket = useRecordContext<Ticket>();
  const translate = useTranslate();
  const [open, setOpen] = useState<string | null>(null);
  const actions = (ticket?.allowedActions ?? []).filter((a) => a in STEPS);
  if (!ticket || actions.length === 0) return null;
  // The normal next step stands out; steps that undo or refuse something never do.
  const main = actions.find((a) => !STEPS[a]!.caution);
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', pt: 1.5 }} data-testid="ticket-actions">
      {actions.map((a) => (
        <Button key={a} size="small" variant={a === main ? 'contained' : 'outlined'} color={STEPS[a]!.caution ? 'warning' : 'primary'} onClick={() => setOpen(a)}>
          {translate(`rexian.workflow.action.${a}`)}
        </Button>
      ))}
      {open ? <StepDialog action={open} ticket={ticket} onClose={() => setOpen(null)} /> : null}
    </Box>
  );
};
