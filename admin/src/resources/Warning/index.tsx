import { useState, type MouseEvent } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField as MuiTextField, Tooltip } from '@mui/material';
import {
  BooleanInput, DataTable, Labeled, NumberField, ReferenceField, SimpleForm, SimpleShowLayout, TextInput, useNotify, useRecordContext, useRefresh,
  useTranslate, useUpdate, } from 'react-admin';
import { useAccess } from '../../access';
import { announceWorkChanged } from '../../work/useMyWork';
import { DateOnlyField, DateTimeField, EnumField, ParagraphField, ShortTextField, YesNoField } from '../../common/fields';
import { BoolFilter, CalendarDateInput, EnumInput, UnitInput } from '../../common/inputs';
import { FieldGrid, Row } from '../../common/layout';
import { FormToolbar, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { useWritable } from '../../common/useWritable';
import type { ResourceViews } from '../types';
import { StreetField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';
import { GenerateFormButton } from '../../reports/documents/GenerateFormButton';

const filters = [
  <EnumInput key="status" source="status" enumName="warningStatus" alwaysOn />,
  <EnumInput key="level" source="level" enumName="warningLevel" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <CalendarDateInput key="from" source="date_gte" label="rexian.filter.date_from" alwaysOn />,
  <CalendarDateInput key="to" source="date_lte" label="rexian.filter.date_to" alwaysOn />,
  <BoolFilter key="specialStudy" source="specialStudy" />,
];

const WarningList = () => {
  const { isDistrict } = useWorkingStreet();
  return (
    <ResourceList filters={filters} sort={{ field: 'date', order: 'DESC' }}>
      <DataTable.Col source="date"><DateOnlyField source="date" /></DataTable.Col>
      <DataTable.Col source="level"><EnumField source="level" enumName="warningLevel" chip /></DataTable.Col>
      <DataTable.Col source="count" />
      <DataTable.Col source="masterTicketId"><ReferenceField source="masterTicketId" reference="Ticket" link={false} /></DataTable.Col>
      {isDistrict ? <DataTable.Col source="streetId" label="rexian.street.column"><StreetField /></DataTable.Col> : null}
      <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} emptyText="—" /></DataTable.Col>
      <DataTable.Col source="status"><EnumField source="status" enumName="warningStatus" chip /></DataTable.Col>
      <DataTable.Col source="specialStudy"><YesNoField source="specialStudy" highlight /></DataTable.Col>
      <DataTable.Col source="note" disableSort><ShortTextField source="note" max={20} /></DataTable.Col>
      <DataTable.Col label="" disableSort><WarningRowActions /></DataTable.Col>
    </ResourceList>
  );
};

/** 签收 and 关闭 right on the board, each with the follow-up note (跟进情况) it is taken with. */
const WarningRowActions = () => {
  const record = useRecordContext<{ id: string; status?: string; note?: string | null }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  const can = useWritable();
  const [open, setOpen] = useState<'ACKNOWLEDGED' | 'CLOSED' | null>(null);
  const [note, setNote] = useState('');
  const access = useAccess();
  if (!record || !can('status') || !access.can('Warning', 'edit')) return null;
  const start = (status: 'ACKNOWLEDGED' | 'CLOSED') => (e: MouseEvent) => {
    e.stopPropagation();
    setNote(record.note ?? '');
    setOpen(status);
  };
  const save = () =>
    update(
      'Warning',
      { id: record.id, data: { ...record, status: open, note: note.trim() || null }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('work.warning.done', { type: 'success' });
          setOpen(null);
          announceWorkChanged();
          refresh();
        },
        onError: (e) => notify((e as Error).message || 'ra.notification.http_error', { type: 'error' }),
      },
    );
  return (
    <Box sx={{ display: 'flex', gap: 1, whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
      {record.status === 'OPEN' ? <Button size="small" variant="contained" onClick={start('ACKNOWLEDGED')}>{translate('work.warning.acknowledge')}</Button> : null}
      {record.status !== 'CLOSED' ? (
        <Tooltip title={translate('work.warning.closeHint')}>
          <Button size="small" variant="outlined" onClick={start('CLOSED')}>{translate('work.warning.close')}</Button>
        </Tooltip>
      ) : null}
      <Dialog open={!!open} onClose={() => setOpen(null)} fullWidth maxWidth="sm">
        <DialogTitle>{open ? translate(open === 'CLOSED' ? 'work.warning.close' : 'work.warning.acknowledge') : ''}</DialogTitle>
        <DialogContent>
          <MuiTextField label={translate('work.warning.followUp')} value={note} onChange={(e) => setNote(e.target.value)} multiline minRows={3} fullWidth sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={isPending} onClick={save}>{translate('ra.action.confirm')}</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
};

/** Warnings are raised by the system (domain.md §5); people acknowledge, close and annotate them. */
const WarningForm = () => {
  const can = useWritable();
  return (
    <SimpleForm toolbar={<FormToolbar deletable={false} />}>
      <FieldGrid>
        <Labeled><DateOnlyField source="date" /></Labeled>
        <Labeled><EnumField source="level" enumName="warningLevel" chip /></Labeled>
        <Labeled><NumberField source="count" /></Labeled>
        <Labeled><ReferenceField source="masterTicketId" reference="Ticket" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" emptyText="—" /></Labeled>
      </FieldGrid>
      <Row>
        <EnumInput source="status" enumName="warningStatus" radio disabled={!can('status')} />
        {can('specialStudy') ? <BooleanInput source="specialStudy" sx={{ alignSelf: 'center' }} /> : null}
      </Row>
      <TextInput source="note" multiline minRows={2} fullWidth disabled={!can('note')} />
    </SimpleForm>
  );
};

const WarningShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><DateOnlyField source="date" /></Labeled>
        <Labeled><EnumField source="level" enumName="warningLevel" chip /></Labeled>
        <Labeled><NumberField source="count" /></Labeled>
        <Labeled><ReferenceField source="masterTicketId" reference="Ticket" /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" emptyText="—" /></Labeled>
        <Labeled><ReferenceField source="streetId" reference="Street" /></Labeled>
        <Labeled><EnumField source="status" enumName="warningStatus" chip /></Labeled>
        <Labeled><YesNoField source="specialStudy" highlight /></Labeled>
        <Labeled><DateTimeField source="acknowledgedAt" /></Labeled>
        <Labeled><DateTimeField source="closedAt" /></Labeled>
      </FieldGrid>
      <Labeled><ParagraphField source="note" /></Labeled>
      <WarningDocButtons />
    </SimpleShowLayout>
  </ResourceShow>
);

/** 预警单 of this warning, and a 专报 of its repeat group over the eight weeks up to the warning's day (§5b). */
const WarningDocButtons = () => {
  const r = useRecordContext<{ id: string; streetId?: string; masterTicketId?: string; date?: string }>();
  if (!r) return null;
  const day = String(r.date ?? '').slice(0, 10);
  const from = day ? new Date(Date.parse(`${day}T00:00:00Z`) - 55 * 86_400_000).toISOString().slice(0, 10) : '';
  return (
    <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
      <GenerateFormButton kind="WARNING_FORM" period={`warning:${r.id}`} streetId={r.streetId} label="reportDocs.button.warning_form" />
      {r.masterTicketId && day ? <GenerateFormButton kind="HOTSPOT" period={`group:${r.masterTicketId}@${from}/${day}`} streetId={r.streetId} label="reportDocs.button.hotspot" /> : null}
    </Box>
  );
};

export default {
  list: WarningList,
  show: WarningShow,
  edit: () => <ResourceEdit><WarningForm /></ResourceEdit>,
} satisfies ResourceViews;
