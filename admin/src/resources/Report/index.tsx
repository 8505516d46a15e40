// 报表存档 as a resource: the archive's rows with their downloads. The richer page (generate, preview, the printed
// view) is /reports-archive (reports/documents/ArchivePage.tsx); each row links to its printed view there.
import DescriptionIcon from '@mui/icons-material/Description';
import GridOnIcon from '@mui/icons-material/GridOn';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import type { MouseEvent } from 'react';
import { Box, Button, Typography } from '@mui/material';
import { DataTable, Labeled, NumberField, ReferenceField, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { DateTimeField, EnumField, YesNoField } from '../../common/fields';
import { EnumInput, RefInput } from '../../common/inputs';
import { FieldGrid } from '../../common/layout';
import { ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

interface ReportRecord { id: string; docxUrl?: string; xlsxUrl?: string; createdBy?: { name?: string } | null }

const filters = [
  <EnumInput key="kind" source="kind" enumName="reportKind" alwaysOn />,
  <RefInput key="streetId" source="streetId" reference="Street" alwaysOn />,
];

/** The street, or 全区 for a district-wide report (the nested street carries only its id: read it by reference). */
const StreetName = () => {
  const r = useRecordContext<ReportRecord & { streetId?: string | null }>();
  const translate = useTranslate();
  if (!r) return null;
  if (!r.streetId) return <Typography component="span" variant="body2">{translate('reportDocs.archive.district', { _: '—' })}</Typography>;
  return <ReferenceField source="streetId" reference="Street" link={false} />;
};

/** Who generated it, or "scheduled" when a job did. */
const AuthorName = () => {
  const r = useRecordContext<ReportRecord>();
  const translate = useTranslate();
  if (!r) return null;
  return <Typography component="span" variant="body2">{r.createdBy?.name ?? translate('reportDocs.archive.scheduled', { _: '—' })}</Typography>;
};

const Downloads = () => {
  const r = useRecordContext<ReportRecord>();
  if (!r) return null;
  return (
    <Box sx={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
      {r.docxUrl ? <Button size="small" href={r.docxUrl} download startIcon={<DescriptionIcon />}>.docx</Button> : null}
      {r.xlsxUrl ? <Button size="small" href={r.xlsxUrl} download startIcon={<GridOnIcon />}>.xlsx</Button> : null}
    </Box>
  );
};

const ViewLink = () => {
  const r = useRecordContext<ReportRecord>();
  const translate = useTranslate();
  if (!r) return null;
  return (
    <Button size="small" component={Link} to={`/reports-archive/${r.id}`} onClick={(e: MouseEvent) => e.stopPropagation()} startIcon={<OpenInNewIcon />}>
      {translate('reportDocs.archive.view', { _: 'View' })}
    </Button>
  );
};

const ArchiveLink = () => {
  const translate = useTranslate();
  return <Button component={Link} to="/reports-archive" size="small">{translate('resources.Report.name', { smart_count: 2 })}</Button>;
};

const ReportList = () => (
  <ResourceList filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
    <DataTable.Col source="kind"><EnumField source="kind" enumName="reportKind" /></DataTable.Col>
    <DataTable.Col source="period" />
    <DataTable.Col source="streetId" disableSort><StreetName /></DataTable.Col>
    <DataTable.Col source="version" />
    <DataTable.Col source="createdBy" disableSort><AuthorName /></DataTable.Col>
    <DataTable.Col source="createdAt"><DateTimeField source="createdAt" /></DataTable.Col>
    <DataTable.Col source="docxUrl" disableSort><Downloads /></DataTable.Col>
    <DataTable.Col source="content" disableSort><ViewLink /></DataTable.Col>
  </ResourceList>
);

const ReportShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled source="kind"><EnumField source="kind" enumName="reportKind" /></Labeled>
        <Labeled source="period"><TextField source="period" /></Labeled>
        <Labeled source="streetId"><StreetName /></Labeled>
        <Labeled source="version"><NumberField source="version" /></Labeled>
        <Labeled source="createdBy"><AuthorName /></Labeled>
        <Labeled source="createdAt"><DateTimeField source="createdAt" /></Labeled>
        <Labeled source="scheduled"><YesNoField source="scheduled" /></Labeled>
        <Labeled source="sha256"><TextField source="sha256" /></Labeled>
      </FieldGrid>
      <Labeled source="docxUrl"><Downloads /></Labeled>
      <Labeled source="content"><ViewLink /></Labeled>
      <ArchiveLink />
    </SimpleShowLayout>
  </ResourceShow>
);

export default { list: ReportList, show: ReportShow } satisfies ResourceViews;
