import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  DataTable, RadioButtonGroupInput, Labeled, ReferenceField, SimpleShowLayout, TextInput, useLocaleState, useRecordContext, useTranslate,
} from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateTimeField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, DayFromFilter, DayToFilter, RefInput } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';
import { auditText, langOf } from './auditMessages';

/** 八审八不准: eight checks, each pass/fail with a note. Audits are written by the ticket's 办结审核 step. */
export const CHECK_COUNT = 8;
interface Check { pass?: boolean | null; note?: string | null }

const filters = [
  <RefInput key="ticketId" source="ticketId" reference="Ticket" alwaysOn />,
  <BoolFilter key="passed" source="passed" alwaysOn />,
  <DayFromFilter key="from" source="auditedAt" label="rexian.filter.date_from" />,
  <DayToFilter key="to" source="auditedAt" label="rexian.filter.date_to" />,
];

const ClosureAuditList = () => (
  <ResourceList filters={filters} sort={{ field: 'auditedAt', order: 'DESC' }}>
    <DataTable.Col source="auditedAt"><DateTimeField source="auditedAt" /></DataTable.Col>
    <DistrictStreetCol via="ticket" />
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="submittedAt"><DateTimeField source="submittedAt" /></DataTable.Col>
    <DataTable.Col source="passed"><YesNoField source="passed" /></DataTable.Col>
    <DataTable.Col source="note" disableSort><ShortTextField source="note" /></DataTable.Col>
  </ResourceList>
);

/** The checks not yet decided (1-based), in order: the dialog submits only when there are none. */
export const undecidedChecks = (checks: Check[] | undefined) =>
  Array.from({ length: CHECK_COUNT }, (_, i) => i + 1).filter((n) => typeof checks?.[n - 1]?.pass !== 'boolean');

/** Beside the disabled confirm button: which checks still need 通过 or 不通过. */
export const UndecidedHint = ({ checks }: { checks: Check[] | undefined }) => {
  const [locale] = useLocaleState();
  const lang = langOf(locale);
  const undecided = undecidedChecks(checks);
  return (
    <Typography variant="body2" color="warning.dark" data-undecided={undecided.join(',')}>
      {auditText(lang, 'undecided', { items: undecided.join(auditText(lang, 'itemsSep')) })}
    </Typography>
  );
};

/** 八审八不准 in the audit dialog: each check starts undecided; 通过/不通过 with a note; a fail needs its note (the dialog checks). */
export const ChecksInput = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lang = langOf(locale);
  const checks = useWatch({ name: 'checks' }) as Check[] | undefined;
  const failed = (checks ?? []).filter((c) => c?.pass === false).length;
  const undecided = undecidedChecks(checks);
  const passFail = [
    { id: true, name: 'work.audit.pass' },
    { id: false, name: 'work.audit.fail' },
  ];
  return (
    <Box sx={{ width: '100%' }}>
      <Typography variant="body2" color="text.secondary">{translate('work.audit.hint')}</Typography>
      <Typography variant="body2" data-audit-status sx={{ mb: 1, fontWeight: 500, color: undecided.length ? 'warning.dark' : failed ? 'error.main' : 'success.main' }}>
        {undecided.length
          ? auditText(lang, 'progress', { done: String(CHECK_COUNT - undecided.length), total: String(CHECK_COUNT) })
          : failed ? `${auditText(lang, 'decided')} · ${translate('work.audit.fail')} ${failed}` : `${auditText(lang, 'decided')} · ${translate('work.audit.allPass')}`}
      </Typography>
      {Array.from({ length: CHECK_COUNT }, (_, i) => {
        const pass = checks?.[i]?.pass;
        const fail = pass === false;
        return (
          <Box key={i} data-check={i + 1}
            sx={{ display: 'grid', gridTemplateColumns: 'minmax(200px, 1.3fr) auto', alignItems: 'center', columnGap: 1.5,
              borderTop: 1, borderColor: 'divider', py: 0.5, bgcolor: fail ? 'rgba(211, 47, 47, 0.06)' : typeof pass !== 'boolean' ? 'rgba(237, 108, 2, 0.05)' : undefined }}>
            <Typography variant="body2">{i + 1}. {translate(`rexian.check.c${i + 1}`)}</Typography>
            <RadioButtonGroupInput source={`checks.${i}.pass`} label={false} choices={passFail} helperText={false} row sx={{ m: 0 }}
              parse={(v: unknown) => (v === '' || v == null ? null : v === true || v === 'true')} />
            {fail || checks?.[i]?.note ? (
              <TextInput source={`checks.${i}.note`} label={fail ? auditText(lang, 'failReason') : 'resources.ClosureAudit.fields.note'} helperText={false} size="small"
                sx={{ m: 0, mb: 0.5, gridColumn: '1 / -1' }} fullWidth />
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
};

/** Beside the checks: the closure the auditor is judging, as the unit submitted it (not covered by the dialog). */
export const SubmittedClosure = ({ ticket }: { ticket: Record<string, any> }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lang = langOf(locale);
  const field = (source: string, label = `resources.Ticket.fields.${source}`) => (
    <Box key={source} sx={{ mb: 1.5 }}>
      <Typography variant="caption" color="text.secondary" component="div">{translate(label)}</Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {ticket[source] ? ticket[source] : <Box component="span" sx={{ color: 'text.disabled' }}>{auditText(lang, 'empty')}</Box>}
      </Typography>
    </Box>
  );
  const enumText = (source: string, enumName: string) => (ticket[source] ? translate(`rexian.enum.${enumName}.${ticket[source]}`, { _: ticket[source] }) : '—');
  return (
    <Box data-submitted-closure>
      <Typography variant="subtitle2">{auditText(lang, 'submitted')}</Typography>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1.5 }}>{auditText(lang, 'submittedHint')}</Typography>
      <Box sx={{ display: 'flex', gap: 3, mb: 1.5 }}>
        <Box>
          <Typography variant="caption" color="text.secondary" component="div">{translate('resources.Ticket.fields.factFinding')}</Typography>
          <Typography variant="body2">{enumText('factFinding', 'factFinding')}</Typography>
        </Box>
        <Box>
          <Typography variant="caption" color="text.secondary" component="div">{translate('resources.Ticket.fields.resolution')}</Typography>
          <Typography variant="body2">{enumText('resolution', 'resolution')}</Typography>
        </Box>
      </Box>
      {field('content')}
      {field('factBasis')}
      {field('demand')}
      {field('siteVisit')}
      {field('replyText')}
      {ticket.completionNote ? field('completionNote', 'rexian.workflow.completionNote') : null}
    </Box>
  );
};

const ChecksField = () => {
  const record = useRecordContext<{ checks?: Check[] }>();
  const translate = useTranslate();
  const checks = record?.checks ?? [];
  return (
    <Table size="small" sx={{ maxWidth: 900 }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: '50%' }}>{translate('resources.ClosureAudit.fields.checks')}</TableCell>
          <TableCell>{translate('resources.ClosureAudit.fields.passed')}</TableCell>
          <TableCell>{translate('resources.ClosureAudit.fields.note')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {Array.from({ length: CHECK_COUNT }, (_, i) => {
          const c = checks[i];
          return (
            <TableRow key={i}>
              <TableCell>{i + 1}. {translate(`rexian.check.c${i + 1}`)}</TableCell>
              <TableCell>
                {c == null ? '—' : (
                  <Chip size="small" color={c.pass ? 'success' : 'error'} label={translate(c.pass ? 'rexian.check.pass' : 'rexian.check.fail')} />
                )}
              </TableCell>
              <TableCell>{c?.note || ''}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};

const ClosureAuditShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><ReferenceField source="ticketId" reference="Ticket" /></Labeled>
        <Labeled><DateTimeField source="submittedAt" /></Labeled>
        <Labeled><DateTimeField source="auditedAt" /></Labeled>
        <Labeled><YesNoField source="passed" /></Labeled>
      </FieldGrid>
      <ChecksField />
      <Labeled><ParagraphField source="note" /></Labeled>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: ClosureAuditList,
  show: ClosureAuditShow,
} satisfies ResourceViews;
