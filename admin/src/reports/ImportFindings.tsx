// The errors or the data-quality notes of an import check, as a table (行号, 工单编号, 列, 说明) that downloads as
// .xlsx in the browser (exceljs, loaded only when asked), so a clerk can send the list to the city.
import { Alert, AlertTitle, Box, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslate } from 'react-admin';
import type { ImportError } from './api';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ImportFindings = (props: { kind: 'errors' | 'notes'; items: ImportError[]; filename: string }) => {
  const translate = useTranslate();
  const { kind, items, filename } = props;
  if (!items.length) return null;
  const rowLabel = (e: ImportError) =>
    e.row === 0 ? translate('reports.import.whole_file') : e.row === 1 ? translate('reports.import.header_row') : String(e.row);
  const headers = ['col_row', 'col_number', 'col_column', 'col_problem'].map((k) => translate(`reports.import.${k}`));

  const download = async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const sheet = translate(`reports.import.${kind}_sheet`);
    const ws = wb.addWorksheet(sheet.slice(0, 31));
    ws.columns = [{ width: 8 }, { width: 18 }, { width: 14 }, { width: 80 }];
    ws.addRow(headers).font = { bold: true };
    // 工单编号 stays text: a long number as a number cell would lose digits (the very problem of the city export).
    for (const e of items) ws.addRow([e.row >= 2 ? e.row : rowLabel(e), e.number ?? '', e.column ?? '', e.message]);
    ws.getColumn(2).numFmt = '@';
    const url = URL.createObjectURL(new Blob([await wb.xlsx.writeBuffer()], { type: XLSX_TYPE }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${filename.replace(/\.(xlsx|csv)$/i, '')}-${sheet}.xlsx`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <Box data-testid={`import-${kind}`}>
      <Alert
        severity={kind === 'errors' ? 'error' : 'warning'}
        sx={{ mb: 1 }}
        action={
          <Button color="inherit" size="small" startIcon={<DownloadIcon />} onClick={() => void download()} data-testid={`download-${kind}`}>
            {translate('reports.import.download')}
          </Button>
        }
      >
        <AlertTitle sx={{ mb: 0 }}>{translate(`reports.import.${kind}_title`, { count: items.length })}</AlertTitle>
      </Alert>
      <Box sx={{ maxHeight: 420, overflow: 'auto' }}>
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 80 }}>{headers[0]}</TableCell>
              <TableCell sx={{ width: 160 }}>{headers[1]}</TableCell>
              <TableCell sx={{ width: 140 }}>{headers[2]}</TableCell>
              <TableCell>{headers[3]}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((e, i) => (
              <TableRow key={`${e.row}-${e.column}-${i}`}>
                <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{rowLabel(e)}</TableCell>
                <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{e.number ?? '—'}</TableCell>
                <TableCell>{e.column ?? '—'}</TableCell>
                <TableCell>{e.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};
