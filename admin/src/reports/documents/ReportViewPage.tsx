// A report shown as its printed page: an archived version (/reports-archive/:id, Report.content) or a preview
// computed now without archiving (/reports-view?kind=…&streetId=…&period=…, reportContent). 打印 prints the page
// alone (report-page.css hides the app around it).
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { query } from '../api';
import { dateTime } from '../format';
import { ReportDocumentView, type ReportDocument } from './ReportDocumentView';

interface Archived { id: string; version: number; createdAt: string; docxUrl: string; xlsxUrl: string; content: ReportDocument }

export const ReportViewPage = () => {
  const translate = useTranslate();
  const { id } = useParams();
  const [search] = useSearchParams();
  const [doc, setDoc] = useState<ReportDocument | null>(null);
  const [meta, setMeta] = useState<Archived | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kind = search.get('kind');
  const period = search.get('period');
  const streetId = search.get('streetId');
  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    const load = id
      ? query<{ Report: Archived | null }>(`query($id: ID!) { Report(id: $id) { id version createdAt docxUrl xlsxUrl content } }`, { id }).then((d) => {
          if (!d.Report) throw new Error(translate('reportDocs.view.not_found'));
          if (live) setMeta(d.Report);
          return d.Report.content;
        })
      : query<{ reportContent: ReportDocument }>(`query($kind: ReportKind!, $streetId: ID, $period: String!) { reportContent(kind: $kind, streetId: $streetId, period: $period) }`, { kind, streetId, period }).then((d) => d.reportContent);
    load.then((c) => live && setDoc(typeof c === 'string' ? JSON.parse(c) : c)).catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [id, kind, period, streetId, translate]);
  return (
    <Box className="report-view-root" sx={{ bgcolor: 'grey.200', minHeight: '100%', p: { xs: 0, md: 2 } }}>
      <Title title={doc?.title ?? translate('reportDocs.archive.title')} />
      <Stack direction="row" className="report-toolbar" sx={{ gap: 1, alignItems: 'center', maxWidth: '210mm', mx: 'auto', flexWrap: 'wrap' }}>
        <Button component={Link} to="/reports-archive" startIcon={<ArrowBackIcon />}>{translate('reportDocs.view.back')}</Button>
        <Box sx={{ flex: 1 }} />
        {meta ? <Typography variant="body2" color="text.secondary">{translate('reportDocs.view.version', { version: meta.version, at: dateTime(meta.createdAt) })}</Typography> : null}
        {!id && doc ? <Typography variant="body2" color="text.secondary">{translate('reportDocs.view.preview_note')}</Typography> : null}
        {meta ? <Button size="small" href={meta.docxUrl} download>.docx</Button> : null}
        {meta ? <Button size="small" href={meta.xlsxUrl} download>.xlsx</Button> : null}
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} disabled={!doc}>{translate('reportDocs.view.print')}</Button>
      </Stack>
      {error ? <Alert severity="error" className="no-print" sx={{ maxWidth: '210mm', mx: 'auto', mt: 2 }}>{error}</Alert> : null}
      {!doc && !error ? <Typography className="no-print" sx={{ textAlign: 'center', p: 4 }} color="text.secondary">{translate('reportDocs.view.loading')}</Typography> : null}
      {doc ? <ReportDocumentView doc={doc} /> : null}
    </Box>
  );
};
