import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  DataTable, RadioButtonGroupInput, Labeled, ReferenceField, SimpleShowLayout, TextInput, useRecordContext, useTranslate,
} from 'react-admin';
import { DistrictStreetCol } from '../../common/streetColumn';
import { DateTimeField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, DayFromFilter, DayToFilter, RefInput } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

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

/** 八审八不准 in the audit dialog: each check 通过/不通过 with a note; a fail needs its note (the dialog checks). */
export const ChecksInput = () => {
  const translate = useTranslate();
  const checks = useWatch({ name: 'checks' }) as Check[] | undefined;
  const failed = (checks ?? []).filter((c) => c?.pass === false).length;
  const passFail = [
    { id: true, name: 'work.audit.pass' },
    { id: false, name: 'work.audit.fail' },
  ];
  return (
    <Box sx={{ width: '100%' }}>
      <Typography variant="body2" color={failed ? 'error' : 'text.secondary'} sx={{ mb: 1 }}>
        {translate('work.audit.hint')}
        {failed ? ` · ${translate('work.audit.fail')} ${failed}` : ` · ${translate('work.audit.allPass')}`}
      </Typography>
      {Array.from({ length: CHECK_COUNT }, (_, i) => {
        const fail = checks?.[i]?.pass === false;
        return (
          <Box key={i} data-check={i + 1}
            sx={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 1.2fr) auto minmax(200px, 1fr)', alignItems: 'center', columnGap: 2,
              borderTop: 1, borderColor: 'divider', py: 0.5, bgcolor: fail ? 'rgba(211, 47, 47, 0.06)' : undefined }}>
            <Typography variant="body2">{i + 1}. {translate(`rexian.check.c${i + 1}`)}</Typography>
            <RadioButtonGroupInput source={`checks.${i}.pass`} label={false} choices={passFail} helperText={false} row sx={{ m: 0 }} parse={(v: unknown) => v === true || v === 'true'} />
            <TextInput source={`checks.${i}.note`} label={fail ? 'work.audit.failNeedsNote' : 'resources.ClosureAudit.fields.note'} helperText={false} size="small" sx={{ m: 0 }} />
          </Box>
        );
      })}
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
