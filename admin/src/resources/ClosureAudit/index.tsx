import Icon from '@mui/icons-material/FactCheck';
import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import {
  BooleanInput, DataTable, Labeled, ReferenceField, SimpleShowLayout, TextInput, useRecordContext, useTranslate,
} from 'react-admin';
import { DateTimeField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, DayFromFilter, DayToFilter, RefInput } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceModule } from '../types';

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
    <DataTable.Col source="ticketId"><ReferenceField source="ticketId" reference="Ticket" link={false} /></DataTable.Col>
    <DataTable.Col source="submittedAt"><DateTimeField source="submittedAt" /></DataTable.Col>
    <DataTable.Col source="passed"><YesNoField source="passed" /></DataTable.Col>
    <DataTable.Col source="note" disableSort><ShortTextField source="note" /></DataTable.Col>
  </ResourceList>
);

export const ChecksInput = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%' }}>
      {Array.from({ length: CHECK_COUNT }, (_, i) => (
        <Box key={i} sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <BooleanInput source={`checks.${i}.pass`} label={`${i + 1}. ${translate(`rexian.check.c${i + 1}`)}`} sx={{ minWidth: 320 }} helperText={false} />
          <TextInput source={`checks.${i}.note`} label="resources.ClosureAudit.fields.note" helperText={false} sx={{ flex: 1, minWidth: 240 }} />
        </Box>
      ))}
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
  icon: Icon,
  recordRepresentation: 'id',
} satisfies ResourceModule;
