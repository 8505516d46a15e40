import { DataTable, ReferenceField, SelectArrayInput, TextField, useTranslate } from 'react-admin';
import { Box, Tooltip } from '@mui/material';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import { DateTimeField, EnumField } from '../../common/fields';
import { BoolFilter, DayFromFilter, DayToFilter, EnumInput, QuickSearch, RefInput, UnitInput } from '../../common/inputs';
import { ResourceList } from '../../common/views';
import { DueBadge, FirstContactDueField } from '../../common/DueBadge';
import { StreetField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';
import { choices } from '../../common/enums';
import { TicketBulkActions, useTicketText } from './TicketBulkActions';

/** Every state but 已办结: the 「全部未办结」 choice stands for them all. */
export const OPEN_STATUSES = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURN_PENDING'];
const OPEN = '__OPEN__';
const STATUS_CHOICES = [{ id: OPEN, name: OPEN }, ...choices('ticketStatus')];

/** The filter's value is the list of states sent to the API; the open ones together show as one 「全部未办结」 chip. */
const formatStatuses = (v: unknown): string[] => {
  const list = Array.isArray(v) ? (v as string[]) : [];
  return OPEN_STATUSES.every((s) => list.includes(s)) ? [OPEN, ...list.filter((s) => !OPEN_STATUSES.includes(s))] : list;
};
const parseStatuses = (v: unknown): string[] | undefined => {
  const list = Array.isArray(v) ? (v as string[]) : [];
  const out = list.includes(OPEN) ? [...OPEN_STATUSES, ...list.filter((s) => s !== OPEN && !OPEN_STATUSES.includes(s))] : list;
  return out.length ? out : undefined;
};

/** 状态 (multiple): any of the chosen states, or 「全部未办结」. */
const StatusesFilter = (props: { source: string; alwaysOn?: boolean }) => {
  const t = useTicketText();
  const translate = useTranslate();
  return (
    <SelectArrayInput
      {...props}
      label={t('filter.statuses')}
      choices={STATUS_CHOICES}
      translateChoice={false}
      optionText={(c: { id: string; name: string }) => (c.id === OPEN ? t('filter.openAll') : translate(c.name))}
      format={formatStatuses}
      parse={parseStatuses}
      sx={{ minWidth: 180, maxWidth: 360 }}
      data-testid="statuses-filter"
    />
  );
};

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <StatusesFilter key="statuses" source="statuses" alwaysOn />,
  <UnitInput key="unitId" source="unitId" alwaysOn />,
  <EnumInput key="category" source="category" enumName="category" alwaysOn />,
  <DayFromFilter key="from" source="receivedAt" label="rexian.filter.received_from" alwaysOn />,
  <DayToFilter key="to" source="receivedAt" label="rexian.filter.received_to" alwaysOn />,
  <BoolFilter key="overdue" source="overdue" label="work.filter.overdue" alwaysOn />,
  <BoolFilter key="hasWarning" source="hasWarning" label="work.filter.hasWarning" alwaysOn />,
  <EnumInput key="channel" source="channel" enumName="channel" />,
  <BoolFilter key="urgent" source="urgent" />,
  <BoolFilter key="difficult" source="difficult" />,
  <RefInput key="streetId" source="streetId" reference="Street" />,
  // The single-state filter older links (and bookmarks) carry.
  <EnumInput key="status" source="status" enumName="ticketStatus" />,
];

export const TicketList = () => {
  const { isDistrict } = useWorkingStreet();
  return (
  <ResourceList filters={filters} sort={{ field: 'receivedAt', order: 'DESC' }} dataTableProps={{ bulkActionButtons: <TicketBulkActions /> }}>
    <DataTable.Col source="number">
      <TextField source="number" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500 }} />
    </DataTable.Col>
    <DataTable.Col source="receivedAt"><DateTimeField source="receivedAt" /></DataTable.Col>
    <DataTable.Col source="category"><EnumField source="category" enumName="category" /></DataTable.Col>
    <DataTable.Col source="topic" disableSort>
      <TextField source="topic" emptyText="—" sx={{ whiteSpace: 'nowrap' }} />
    </DataTable.Col>
    {/* A district account's list spans streets: whose ticket each is. */}
    {isDistrict ? <DataTable.Col source="streetId" label="rexian.street.column"><StreetField /></DataTable.Col> : null}
    <DataTable.Col source="unitId">
      <ReferenceField source="unitId" reference="Unit" link={false} emptyText="—" sx={{ whiteSpace: 'nowrap' }} />
    </DataTable.Col>
    <DataTable.Col source="status"><EnumField source="status" enumName="ticketStatus" chip /></DataTable.Col>
    <DataTable.Col source="firstContactDue"><FirstContactDueField /></DataTable.Col>
    <DataTable.Col source="completionDue"><DateTimeField source="completionDue" /></DataTable.Col>
    <DataTable.Col source="due" label={<DueHeader />} disableSort>
      <DueBadge />
    </DataTable.Col>
  </ResourceList>
  );
};

/** The deadline column's header explains its colours. */
const DueHeader = () => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('rexian.due.legend')}>
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
        {translate('resources.Ticket.fields.due')}
        <InfoOutlined sx={{ fontSize: 16, color: 'text.secondary' }} />
      </Box>
    </Tooltip>
  );
};
