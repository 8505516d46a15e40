import { DataTable, ReferenceField, TextField, useTranslate } from 'react-admin';
import { Box, Tooltip } from '@mui/material';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import { DateTimeField, EnumField } from '../../common/fields';
import { BoolFilter, DayFromFilter, DayToFilter, EnumInput, QuickSearch, RefInput, UnitInput } from '../../common/inputs';
import { ResourceList } from '../../common/views';
import { DueBadge, FirstContactDueField } from '../../common/DueBadge';
import { StreetField } from '../../common/streetColumn';
import { useWorkingStreet } from '../../common/workingStreet';
import { TicketBulkActions } from './TicketBulkActions';
import { StatusesFilter } from './StatusesFilter';
import { CategoryTopicField, COMPACT_CELLS, EllipsisUnitField, useCompactTicketList } from './compactList';

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
  // Where the full set of columns is wider than the window (1280×720, English, a district account's 街镇 column),
  // the list keeps to the window: 类型 joins 诉求主题, the badge column becomes 办结时限 (its tooltip has the time),
  // the unit (and street) names end in "…" with the whole name in their title, and cells are narrower.
  const compact = useCompactTicketList(isDistrict);
  return (
  <ResourceList filters={filters} sort={{ field: 'receivedAt', order: 'DESC' }}
    dataTableProps={{ bulkActionButtons: <TicketBulkActions />, sx: compact ? COMPACT_CELLS : undefined }}>
    <DataTable.Col source="number">
      <TextField source="number" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500, whiteSpace: 'nowrap' }} />
    </DataTable.Col>
    <DataTable.Col source="receivedAt"><DateTimeField source="receivedAt" /></DataTable.Col>
    {compact ? null : <DataTable.Col source="category"><EnumField source="category" enumName="category" /></DataTable.Col>}
    <DataTable.Col source="topic" disableSort>
      {compact ? <CategoryTopicField /> : <TextField source="topic" emptyText="—" sx={{ whiteSpace: 'nowrap' }} />}
    </DataTable.Col>
    {/* A district account's list spans streets: whose ticket each is. */}
    {isDistrict ? <DataTable.Col source="streetId" label="rexian.street.column">{compact ? <EllipsisUnitField street /> : <StreetField />}</DataTable.Col> : null}
    <DataTable.Col source="unitId">
      {compact ? <EllipsisUnitField /> : <ReferenceField source="unitId" reference="Unit" link={false} emptyText="—" sx={{ whiteSpace: 'nowrap' }} />}
    </DataTable.Col>
    <DataTable.Col source="status"><EnumField source="status" enumName="ticketStatus" chip /></DataTable.Col>
    <DataTable.Col source="firstContactDue"><FirstContactDueField /></DataTable.Col>
    {compact ? (
      <DataTable.Col source="completionDue" label={<DueHeader field="completionDue" />}><DueBadge /></DataTable.Col>
    ) : (
      [
        <DataTable.Col key="completionDue" source="completionDue"><DateTimeField source="completionDue" /></DataTable.Col>,
        <DataTable.Col key="due" source="due" label={<DueHeader />} disableSort><DueBadge /></DataTable.Col>,
      ]
    )}
  </ResourceList>
  );
};

/** The deadline column's header explains its colours. */
const DueHeader = ({ field = 'due' }: { field?: 'due' | 'completionDue' }) => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('rexian.due.legend')}>
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
        {translate(`resources.Ticket.fields.${field}`)}
        <InfoOutlined sx={{ fontSize: 16, color: 'text.secondary' }} />
      </Box>
    </Tooltip>
  );
};
