// The tickets behind an indicator, as a leader reads them at the meeting: those that did not count first, sortable
// by any column, 50 to a page, and downloadable as .xlsx (exceljs, loaded only when asked). For 满意率 the columns
// are the callback (time and result) instead of a deadline, since a late closure does not lower satisfaction.
import { useMemo, useState } from 'react';
import { Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, TableSortLabel } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { Link, useTranslate } from 'react-admin';
import type { Indicator } from './api';
import { dateTime, DASH } from './format';

export interface ExplainItem {
  inNumerator: boolean;
  score: number;
  reason: string;
  ticket: {
    id: string; number: string; receivedAt: string; firstContactDue: string | null; firstContactAt: string | null; completionDue: string | null;
    closedAt: string | null; unit: { name: string } | null; callbacks?: { calledAt: string; result: string }[];
  };
}

type Column = 'number' | 'unit' | 'received' | 'due' | 'done' | 'callbackAt' | 'callbackResult' | 'status' | 'reason';
const PAGE_SIZES = [50, 100, 200];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The callback that decides 满意率: the latest one. */
const lastCallback = (t: ExplainItem['ticket']) =>
  (t.callbacks ?? []).reduce<{ calledAt: string; result: string } | null>((a, c) => (!a || c.calledAt > a.calledAt ? c : a), null);

/** The due time and the time that met it (or not), as each indicator judges a ticket. */
function dueAndDone(indicator: Indicator, t: ExplainItem['ticket']): [string | null, string | null] {
  if (indicator === 'FIRST_CONTACT') return [t.firstContactDue, t.firstContactAt];
  return [t.completionDue, t.closedAt];
}

export const ExplainTable = (props: { indicator: Indicator; items: ExplainItem[]; showUnit: boolean; filename: string }) => {
  const translate = useTranslate();
  const { indicator, items, showUnit } = props;
  const isRate = indicator !== 'RECEIVED' && indicator !== 'CLOSED';
  const satisfaction = indicator === 'SATISFACTION';
  // Not-counted first (what the meeting asks about), then by time received.
  const [sort, setSort] = useState<{ col: Column; dir: 1 | -1 }>({ col: 'status', dir: 1 });
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(PAGE_SIZES[0]!);

  const columns: Column[] = [
    'number',
    ...(showUnit ? (['unit'] as const) : []),
    'received',
    ...(satisfaction ? (['done', 'callbackAt', 'callbackResult'] as const) : (['due', 'done'] as const)),
    ...(isRate ? (['status'] as const) : []),
    'reason',
  ];
  const label = (c: Column) =>
    translate(
      c === 'number' ? 'reports.explain.col_number'
        : c === 'unit' ? 'reports.common.unit'
          : c === 'received' ? 'reports.explain.col_received'
            : c === 'due' ? 'reports.explain.col_due'
              : c === 'done' ? (indicator === 'FIRST_CONTACT' ? 'reports.explain.col_contacted' : 'reports.explain.col_done')
                : c === 'callbackAt' ? 'reports.explain.col_callback_at'
                  : c === 'callbackResult' ? 'reports.explain.col_callback_result'
                    : c === 'status' ? 'reports.explain.col_status' : 'reports.explain.col_reason',
    );
  const result = (r: string | undefined) => (r ? translate(`rexian.enum.callbackResult.${r}`, { _: r }) : '');
  const value = (item: ExplainItem, c: Column): string => {
    const t = item.ticket;
    const [due, done] = dueAndDone(indicator, t);
    switch (c) {
      case 'number': return t.number;
      case 'unit': return t.unit?.name ?? '';
      case 'received': return t.receivedAt;
      case 'due': return due ?? '';
      case 'done': return done ?? '';
      case 'callbackAt': return lastCallback(t)?.calledAt ?? '';
      case 'callbackResult': return result(lastCallback(t)?.result);
      case 'status': return item.inNumerator ? '1' : '0';
      case 'reason': return item.reason;
    }
  };
  const sorted = useMemo(() => {
    const out = [...items];
    out.sort((a, b) => {
      const x = value(a, sort.col);
      const y = value(b, sort.col);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || (a.ticket.receivedAt < b.ticket.receivedAt ? -1 : a.ticket.receivedAt > b.ticket.receivedAt ? 1 : 0);
    });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, sort, indicator]);
  const shown = sorted.slice(page * perPage, (page + 1) * perPage);

  const text = (item: ExplainItem, c: Column): string => {
    const v = value(item, c);
    if (c === 'received' || c === 'due' || c === 'done' || c === 'callbackAt') return v ? dateTime(v) : DASH;
    if (c === 'status') return translate(item.inNumerator ? 'reports.explain.counted' : 'reports.explain.not_counted') + (satisfaction ? ` ${item.score}` : '');
    return v || DASH;
  };

  const download = async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(translate(`reports.indicator.${indicator}`).slice(0, 31));
    ws.columns = columns.map((c) => ({ width: c === 'reason' ? 60 : c === 'number' ? 18 : 18 }));
    ws.addRow(columns.map(label)).font = { bold: true };
    for (const item of sorted) ws.addRow(columns.map((c) => text(item, c)));
    ws.getColumn(1).numFmt = '@'; // 工单编号 stays text
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const url = URL.createObjectURL(new Blob([await wb.xlsx.writeBuffer()], { type: XLSX_TYPE }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${props.filename}.xlsx`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <Stack direction="row" sx={{ justifyContent: 'flex-end', mb: 1 }}>
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download()} data-testid="explain-export">{translate('reports.explain.export')}</Button>
      </Stack>
      <Table size="small" data-testid="explain-table">
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c} sortDirection={sort.col === c ? (sort.dir === 1 ? 'asc' : 'desc') : false} sx={{ whiteSpace: 'nowrap' }}>
                <TableSortLabel active={sort.col === c} direction={sort.col === c && sort.dir === -1 ? 'desc' : 'asc'} data-testid={`explain-sort-${c}`}
                  onClick={() => { setSort((s) => ({ col: c, dir: s.col === c ? (-s.dir as 1 | -1) : 1 })); setPage(0); }}>
                  {label(c)}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((item) => {
            const miss = isRate && !item.inNumerator;
            return (
              <TableRow key={item.ticket.id} data-miss={miss ? '1' : undefined} sx={miss ? { bgcolor: 'rgba(211, 47, 47, 0.08)' } : undefined}>
                {columns.map((c) => {
                  if (c === 'number') return <TableCell key={c}><Link to={`/Ticket/${item.ticket.id}/show`}>{item.ticket.number}</Link></TableCell>;
                  if (c === 'status') {
                    return (
                      <TableCell key={c}>
                        <Chip size="small" variant="outlined" color={item.inNumerator ? 'success' : 'error'} label={text(item, c)} />
                      </TableCell>
                    );
                  }
                  // The time that decided the miss is the one in red: the contact or closure time, or for 满意率 the callback's result.
                  const decisive = miss && (satisfaction ? c === 'callbackResult' : c === 'done');
                  const isTime = c === 'received' || c === 'due' || c === 'done' || c === 'callbackAt';
                  return (
                    <TableCell key={c} sx={{ whiteSpace: isTime ? 'nowrap' : undefined, color: decisive ? 'error.main' : undefined, fontWeight: decisive ? 600 : undefined }}>
                      {text(item, c)}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {items.length > PAGE_SIZES[0]! ? (
        <TablePagination
          component="div" count={items.length} page={page} rowsPerPage={perPage} rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setPerPage(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage={translate('reports.explain.per_page')}
          labelDisplayedRows={({ from, to, count }) => translate('reports.explain.displayed', { from, to, count })}
          data-testid="explain-pages"
        />
      ) : null}
    </>
  );
};
