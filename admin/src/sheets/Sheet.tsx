// The one spreadsheet component of the registers, wrapping react-datasheet-grid (setup.md): typed columns that
// hold the text a clerk types or pastes from Excel/WPS, names resolved to ids with unresolved cells marked,
// undo/redo until saved, a visible dirty state, the all-or-nothing batch save (saveSheet) with errors on their
// cells and conflicts shown with the current values, .xlsx export, filter and sort.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import RedoIcon from '@mui/icons-material/Redo';
import SaveIcon from '@mui/icons-material/Save';
import AddIcon from '@mui/icons-material/Add';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import DownloadIcon from '@mui/icons-material/Download';
import RefreshIcon from '@mui/icons-material/Refresh';
import KeyboardIcon from '@mui/icons-material/KeyboardOutlined';
import { useTranslate } from 'react-admin';
import { useUnsavedWork } from '../common/workingStreet';
import { formatDateTime } from '../common/time';
import { createAddRowsComponent, DynamicDataSheetGrid, keyColumn, textColumn, type CellProps, type Column, type ContextMenuComponentProps, type DataSheetGridRef } from 'react-datasheet-grid';
import 'react-datasheet-grid/dist/style.css';
import {
  isBlank, newKey, optionIndex, parseCell, sameCells, toGridRow,
  type CellError, type GridRow, type Option, type SheetColumn,
} from './cells';
import { MAX_SHEET_ROWS, saveSheet, type SheetResult } from './api';
import { applyPaste, fillBlock, fillDown, fitWidths, parseClipboard, planPaste, widen, type Block } from './excel';
import { dropStaleGuard, LeaveGuard } from './leave';

export type { SheetColumn, Option };

export interface SheetProps {
  /** Used in test ids and the export's file name. */
  name: string;
  /** The API resource saved by saveSheet. */
  resource: string;
  columns: SheetColumn[];
  /** Stored rows (id, version and the columns' fields). */
  rows: Record<string, unknown>[] | null;
  /** Cross-field rules on a row's parsed values: field → message. */
  rowRule?: (values: Record<string, unknown>) => Record<string, string> | undefined;
  /** Cell texts of a new row. */
  defaults?: Record<string, string>;
  /** Asks the page to load the rows again (after "discard" or when a conflict needs fresh data). */
  onReload: () => void;
  onSaved?: () => void;
  toolbar?: ReactNode;
  height?: number;
  /** The street the sheet works in: the save refuses units, tickets and rows of any other. */
  streetId?: string | null;
  /** Told when the sheet gets or loses unsaved edits (a page switching tabs asks first). */
  onDirtyChange?: (dirty: boolean) => void;
}

type ServerMarks = Map<string, Record<string, string>>; // row key → field ('_row' for the row) → message
type Conflict = { key: string; id: string; current: Record<string, unknown> | null; changedBy: string | null; changedAt: string | null };

/** How long typing must pause before unknown names/numbers are looked up. */
const LOOKUP_PAUSE_MS = 250;

const HEAD_FONT_PX = 14;
const CELL_FONT_PX = 14;
/** Rows of the grid and its header. */
const ROW_PX = 28;
const HEAD_PX = 32;
/** The least height of the grid (a small window scrolls the page instead). */
const MIN_GRID_PX = 300;

const CSS = `
.rx-sheet .dsg-cell.rx-error { background: #fdecea; box-shadow: inset 0 0 0 2px #d32f2f; }
.rx-sheet .dsg-cell.rx-dirty { background: #fff8e1; }
.rx-sheet .dsg-row.rx-conflict .dsg-cell { background: #fff3e0; }
.rx-sheet .dsg-row.rx-conflict .dsg-cell-gutter { background: #ef6c00; color: #fff; }
.rx-sheet .dsg-row.rx-new .dsg-cell-gutter { background: #e3f2fd; }
.rx-sheet .dsg-cell.rx-readonly { background: #f5f5f5; color: #616161; }
.rx-sheet .dsg-cell.rx-flag { background: #fdecea; color: #b71c1c; font-weight: 600; }
.rx-sheet .dsg-row.rx-conflict .dsg-cell.rx-conflict-cell { background: #ffe0b2; box-shadow: inset 0 0 0 2px #ef6c00; }
.rx-sheet .rx-current { position: absolute; right: 2px; bottom: 1px; max-width: calc(100% - 4px); overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  font-size: 11px; line-height: 13px; padding: 0 3px; border-radius: 2px; background: #ef6c00; color: #fff; pointer-events: none; }
.rx-sheet { --dsg-header-text-color: #37474f; --dsg-header-active-text-color: #0d47a1; }
.rx-sheet .dsg-cell-header { font-weight: 600; background: #eef2f7; }
.rx-sheet .dsg-cell-header.dsg-cell-header-active { background: #dbe7f5; }
/* Headers and cells in the fonts the column widths are measured in (fitWidths): a header on one line, a cell's text
   whole. */
.rx-sheet .rx-head { cursor: pointer; user-select: none; width: 100%; padding: 0 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  font-size: ${HEAD_FONT_PX}px; font-weight: 600; }
.rx-sheet .dsg-cell-header-container { padding: 0 4px; white-space: nowrap; }
.rx-sheet .dsg-cell .dsg-input { font-size: ${CELL_FONT_PX}px; font-family: inherit; padding: 0 8px; text-overflow: ellipsis; }
/* Cells that suggest names (a datalist) show no dropdown arrow until edited: Chrome keeps room for it, and it cut
   「优秀案例」 in a column wide enough for the text. */
.rx-sheet .dsg-input:not(:focus)::-webkit-calendar-picker-indicator { display: none !important; }
.rx-sheet .dsg-context-menu { font-size: 14px; }
.rx-sheet .dsg-add-row { padding: 3px 8px; }
.rx-sheet .dsg-add-row-btn, .rx-sheet .dsg-add-row-input { padding: 3px 8px; }
/* The sheet is as wide as the page gives it, never as wide as its columns: without inline-size containment the grid's
   own width (it fills its box, then measures it) could push the page wider than the window after a resize or a
   scroll, and the grid stopped scrolling sideways. */
.rx-sheet { contain: inline-size; min-width: 0; }
/* The first column is frozen beside the row numbers, as in Excel (Freeze First Column): the grid always renders it
   second (patches/react-datasheet-grid), and it is moved right by as much as the grid is scrolled (--rx-scroll-left,
   set on scroll) so the other cells pass under it. A transform changes no layout: position: sticky in a flex row
   grew the grid's scroll width on the first scroll, and the page with it. */
.rx-sheet .dsg-row > .dsg-cell:nth-child(2) { transform: translateX(var(--rx-scroll-left, 0px)); z-index: 20;
  box-shadow: 1px 1px var(--dsg-border-color), 3px 0 3px -1px rgba(0,0,0,0.12); }
.rx-sheet .dsg-row-header > .dsg-cell:nth-child(2) { z-index: 35; }
`;

/** Text widths in the sheet's fonts, measured on a canvas in the page's font family (CJK fallback included). */
function measurer(el: Element | null): { measure?: (text: string) => number; measureHead?: (text: string) => number } {
  const family = getComputedStyle(el ?? document.body).fontFamily;
  const at = (font: string) => {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return undefined;
    ctx.font = font;
    return (text: string) => ctx.measureText(text).width;
  };
  return { measure: at(`${CELL_FONT_PX}px ${family}`), measureHead: at(`600 ${HEAD_FONT_PX}px ${family}`) };
}

/** A text cell that suggests the column's options (units by name, enumerations by label). */
const PickerCell = memo((props: CellProps<string | null, { listId: string }>) => {
  const Text = textColumn.component!;
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.querySelector('input')?.setAttribute('list', props.columnData.listId);
  });
  return (
    <div ref={ref} style={{ display: 'contents' }}>
      <Text {...(props as CellProps<string | null, any>)} />
    </div>
  );
});

/**
 * A cell of a conflicting row shows, under what the clerk typed, the value someone else saved meanwhile. Wraps the
 * keyed column's component, which gets the whole row (the inner one only gets its cell's value).
 */
const ConflictAware = memo((props: CellProps<GridRow, { Inner: NonNullable<Column<GridRow, any, any>['component']>; inner: unknown; field: string; currents: Map<string, GridRow>; label: string; empty: string }>) => {
  const { Inner, inner, field, currents, label, empty } = props.columnData;
  const current = currents.get(props.rowData._key);
  const differs = current && (current[field] ?? '') !== (props.rowData[field] ?? '');
  return (
    <>
      <Inner {...(props as any)} columnData={inner} />
      {differs ? <span className="rx-current" data-testid="sheet-current-value">{label}{current[field] ?? empty}</span> : null}
    </>
  );
});

type MenuItem = ContextMenuComponentProps['items'][number];
/** The keys beside the menu's items, as in Excel's. */
const KEYS: Partial<Record<MenuItem['type'], string>> = { COPY: 'Ctrl+C', CUT: 'Ctrl+X', PASTE: 'Ctrl+V' };

/** The grid's right-click menu in the app's language; 粘贴 goes through the sheet's own paste (it asks before overwriting). */
function contextMenu(label: (item: MenuItem) => string, paste: () => void) {
  return function SheetContextMenu({ clientX, clientY, items, close }: ContextMenuComponentProps) {
    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => {
      const outside = (e: MouseEvent) => { if (!ref.current?.contains(e.target as Node)) close(); };
      document.addEventListener('mousedown', outside);
      return () => document.removeEventListener('mousedown', outside);
    }, [close]);
    return (
      <div className="dsg-context-menu" style={{ left: clientX, top: clientY }} ref={ref} data-testid="sheet-context-menu">
        {items.map((item) => (
          <div key={item.type} className="dsg-context-menu-item" onClick={item.type === 'PASTE' ? () => { close(); paste(); } : item.action}
            style={{ display: 'flex', gap: 24, justifyContent: 'space-between' }}>
            <span>{label(item)}</span>
            {KEYS[item.type] ? <span style={{ color: '#9e9e9e' }}>{KEYS[item.type]}</span> : null}
          </div>
        ))}
      </div>
    );
  };
}

/**
 * Scrolls the grid right of its frozen first column when the active cell's column lies (partly) under it. Read from
 * the column's header cell (the active cell's outline is drawn a render late) and from where the frozen column ends in
 * the layout (the grid's left, the gutter's and the column's widths: its moved box follows the scroll a frame late).
 */
function clearOfFrozen(root: HTMLElement | null, field: string) {
  const box = root?.querySelector<HTMLElement>('.dsg-container');
  const head = root?.querySelector(`[data-testid="sheet-head-${field}"]`)?.closest('.dsg-cell');
  const gutter = root?.querySelector<HTMLElement>('.dsg-row-header > .dsg-cell:nth-child(1)');
  const frozen = root?.querySelector<HTMLElement>('.dsg-row-header > .dsg-cell:nth-child(2)');
  if (!box || !head || !gutter || !frozen || head === frozen) return;
  const frozenRight = box.getBoundingClientRect().left + box.clientLeft + gutter.offsetWidth + frozen.offsetWidth;
  const gap = frozenRight - head.getBoundingClientRect().left;
  if (gap > 1) box.scrollLeft = Math.max(0, box.scrollLeft - Math.ceil(gap));
}

/** The grid is editing a cell when one of its inputs has the focus (otherwise the focus stays on the page). */
const editingIn = (el: HTMLElement | null) => {
  const a = document.activeElement as HTMLElement | null;
  return !!a && !!el && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA') && !!el.querySelector('.dsg-container')?.contains(a);
};

export function Sheet({ name, resource, columns: baseColumns, rows: stored, rowRule, defaults, onReload, onSaved, toolbar, height, streetId, onDirtyChange }: SheetProps) {
  const translate = useTranslate();
  // Options found by lookup columns (tickets by number) join the page's options.
  const [found, setFound] = useState<Map<string, Option[]>>(new Map());
  const tried = useRef(new Map<string, Set<string>>());
  /** Texts being looked up now: marked as such rather than "not found" until the answer comes. */
  const pending = useRef(new Set<string>());
  const [lookups, setLookups] = useState(0);
  const columns = useMemo(
    () => (found.size ? baseColumns.map((c) => (found.has(c.field) ? { ...c, options: [...(c.options ?? []), ...found.get(c.field)!] } : c)) : baseColumns),
    [baseColumns, found],
  );
  const columnsRef = useRef(columns);
  columnsRef.current = columns;
  const yesNo = useMemo(() => [translate('sheets.yes'), translate('sheets.no')] as [string, string], [translate]);
  const [rows, setRowsState] = useState<GridRow[]>([]);
  const [past, setPast] = useState<GridRow[][]>([]);
  const [future, setFuture] = useState<GridRow[][]>([]);
  /** Rows as last loaded or saved, by id: what "dirty" compares with. */
  const [originals, setOriginals] = useState<Map<string, GridRow>>(new Map());
  const [marks, setMarks] = useState<ServerMarks>(new Map());
  const [generalErrors, setGeneralErrors] = useState<string[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ field: string; dir: 1 | -1 } | null>(null);
  const [activeCell, setActiveCell] = useState<{ row: number; colId: string } | null>(null);
  const gridRef = useRef<DataSheetGridRef>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  // The frozen first column follows the grid's horizontal scroll (CSS above). Scroll does not bubble: listen in capture.
  useEffect(() => {
    const box = containerRef.current;
    if (!box) return;
    const onScroll = (e: Event) => {
      const el = e.target as HTMLElement;
      if (el.classList?.contains('dsg-container')) box.style.setProperty('--rx-scroll-left', `${el.scrollLeft}px`);
    };
    box.addEventListener('scroll', onScroll, true);
    return () => box.removeEventListener('scroll', onScroll, true);
  }, []);
  const gridBoxRef = useRef<HTMLDivElement>(null);
  /** Everything of the sheet above the grid (toolbar, notices, errors): its height changes move the grid. */
  const headRef = useRef<HTMLDivElement>(null);
  /** Column widths fitted to the loaded rows (not to every keystroke: the grid's columns must stay the same object). */
  const [widths, setWidths] = useState<Map<string, number>>(new Map());
  /** A multi-line paste that would write over filled rows waits here for the clerk's choice. */
  const [pasteAsk, setPasteAsk] = useState<{ at: { row: number; field: string }; data: string[][]; overwrites: number[] } | null>(null);
  /** A row just added, once drawn: scrolled into sight (添加行), or the cursor put on it (Tab past the last cell). */
  const [focusRow, setFocusRow] = useState<{ row: number; cursor: boolean } | null>(null);
  /** The last block of several cells selected: Ctrl+Enter fills it with what was typed in its first cell. */
  const lastBlock = useRef<Block | null>(null);
  const [gridHeight, setGridHeight] = useState(height ?? 560);

  const editable = useMemo(() => columns.filter((c) => !c.readOnly), [columns]);
  const indexes = useMemo(() => new Map(columns.map((c) => [c.field, c.options ? optionIndex(c.options) : undefined])), [columns]);

  // Loading (or reloading) replaces everything, history included.
  useEffect(() => {
    if (!stored) return;
    const loaded = stored.map((r) => toGridRow(columnsRef.current, r, newKey(), yesNo));
    setRowsState(loaded);
    setWidths(fitWidths(baseColumns, loaded, measurer(containerRef.current)));
    setOriginals(new Map(loaded.map((r) => [r._id!, r])));
    setPast([]);
    setFuture([]);
    setMarks(new Map());
    setConflicts([]);
    setGeneralErrors([]);
  }, [stored, baseColumns, yesNo]);

  const setRows = useCallback((next: GridRow[]) => {
    setRowsState((prev) => {
      setPast((p) => [...p.slice(-199), prev]);
      setFuture([]);
      return next;
    });
  }, []);

  const undo = useCallback(() => {
    setPast((p) => {
      if (!p.length) return p;
      const prev = p[p.length - 1]!;
      setRowsState((cur) => {
        setFuture((f) => [cur, ...f]);
        return prev;
      });
      return p.slice(0, -1);
    });
  }, []);
  const redo = useCallback(() => {
    setFuture((f) => {
      if (!f.length) return f;
      const next = f[0]!;
      setRowsState((cur) => {
        setPast((p) => [...p, cur]);
        return next;
      });
      return f.slice(1);
    });
  }, []);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere in the sheet, before the grid or an input sees them.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const inSheet = containerRef.current?.contains(document.activeElement) || document.activeElement === document.body;
      if (!inSheet) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') redo();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [undo, redo]);

  // Client-side checks, cached per row object (an unchanged row keeps its object).
  const cache = useMemo(() => ({ current: new WeakMap<GridRow, { values: Record<string, unknown>; errors: Record<string, CellError> }>() }), [columns, rowRule]);
  const check = useCallback(
    (row: GridRow) => {
      let hit = cache.current.get(row);
      if (hit) return hit;
      const values: Record<string, unknown> = {};
      const errors: Record<string, CellError> = {};
      if (!isBlank(columns, row)) {
        for (const c of editable) {
          const p = parseCell(c, row[c.field], indexes.get(c.field));
          values[c.field] = p.value;
          const text = String(row[c.field] ?? '').trim();
          // Not looked up yet (the lookup waits for typing to pause) or being looked up: not "unknown" yet.
          const lookingUp = c.lookup && p.error?.key === 'sheets.error.unknown' && (pending.current.has(`${c.field}|${text}`) || !tried.current.get(c.field)?.has(text));
          if (p.error) errors[c.field] = lookingUp ? { ...p.error, key: 'sheets.error.lookingUp' } : p.error;
        }
        for (const [field, message] of Object.entries(rowRule?.(values) ?? {})) errors[field] ??= { key: 'sheets.error.general', params: { message } };
      }
      hit = { values, errors };
      cache.current.set(row, hit);
      return hit;
    },
    [columns, editable, indexes, rowRule, cache],
  );

  const rowState = useCallback(
    (row: GridRow): 'new' | 'edited' | 'clean' | 'blank' => {
      if (!row._id) return isBlank(columns, row) ? 'blank' : 'new';
      const o = originals.get(row._id);
      return o && sameCells(columns, o, row) && o._version === row._version ? 'clean' : 'edited';
    },
    [columns, originals],
  );

  const presentIds = useMemo(() => new Set(rows.map((r) => r._id).filter(Boolean)), [rows]);
  const deletedIds = useMemo(() => [...originals.keys()].filter((id) => !presentIds.has(id)), [originals, presentIds]);
  const changedRows = useMemo(() => rows.filter((r) => { const s = rowState(r); return s === 'new' || s === 'edited'; }), [rows, rowState]);
  const dirtyCount = changedRows.length + deletedIds.length;
  const dirty = dirtyCount > 0;

  // Texts of lookup columns the options do not know yet are looked up in batches (a paste of 500 ticket numbers is
  // one request); saving waits until they are resolved. The lookup waits for typing to pause, so typing a number
  // does not send one request per keystroke.
  useEffect(() => {
    const timer = setTimeout(lookUp, LOOKUP_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [changedRows, columns, indexes]);
  function lookUp() {
    for (const c of columns) {
      if (!c.lookup) continue;
      const index = indexes.get(c.field);
      const seen = tried.current.get(c.field) ?? new Set<string>();
      tried.current.set(c.field, seen);
      const texts = [...new Set(changedRows.map((r) => String(r[c.field] ?? '').trim()).filter((t) => t && !index?.has(t.toLowerCase()) && !seen.has(t)))];
      if (!texts.length) continue;
      texts.forEach((t) => {
        seen.add(t);
        pending.current.add(`${c.field}|${t}`);
      });
      setLookups((n) => n + 1);
      const batches = Array.from({ length: Math.ceil(texts.length / MAX_SHEET_ROWS) }, (_, i) => texts.slice(i * MAX_SHEET_ROWS, (i + 1) * MAX_SHEET_ROWS));
      const settle = () => texts.forEach((t) => pending.current.delete(`${c.field}|${t}`));
      Promise.all(batches.map((b) => c.lookup!(b)))
        .then((lists) => {
          settle();
          // A new options list even when nothing was found: the cells are checked again, now as found or unknown.
          const options = lists.flat();
          setFound((m) => new Map(m).set(c.field, [...(m.get(c.field) ?? []), ...options]));
        })
        .catch((e: Error) => {
          settle();
          texts.forEach((t) => seen.delete(t)); // try again on the next edit
          setFound((m) => new Map(m));
          setNotice({ severity: 'error', text: e.message });
        })
        .finally(() => setLookups((n) => n - 1));
    }
  }

  // Leaving with unsaved edits: the sheet asks first (<LeaveGuard> while dirty: links, the menu and Back), and so does
  // the browser on reload or close.
  useUnsavedWork(dirty);
  useEffect(() => dropStaleGuard(), []);
  useEffect(() => {
    onDirtyChange?.(dirty);
    return () => onDirtyChange?.(false);
  }, [dirty, onDirtyChange]);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // The rows shown: filtered and sorted views of `rows`; edits are merged back by row key.
  const view = useMemo(() => {
    const q = filter.trim().toLowerCase();
    // A blank row stays in sight (one just added is there to be filled in).
    let v = q ? rows.filter((r) => isBlank(columns, r) || columns.some((c) => String(r[c.field] ?? '').toLowerCase().includes(q))) : rows;
    if (sort) {
      const col = columns.find((c) => c.field === sort.field);
      const numeric = col?.kind === 'number';
      v = [...v].sort((a, b) => {
        const x = a[sort.field];
        const y = b[sort.field];
        if (x == null || x === '') return y == null || y === '' ? 0 : 1;
        if (y == null || y === '') return -1;
        const d = numeric ? Number(x) - Number(y) : String(x).localeCompare(String(y), 'zh-CN');
        return d * sort.dir;
      });
    }
    return v;
  }, [rows, filter, sort, columns]);

  const onGridChange = useCallback(
    (next: GridRow[]) => {
      if (view === rows) return setRows(next);
      const shown = new Set(view.map((r) => r._key));
      const byKey = new Map(next.map((r) => [r._key, r]));
      const merged = rows.filter((r) => !shown.has(r._key) || byKey.has(r._key)).map((r) => byKey.get(r._key) ?? r);
      const known = new Set(rows.map((r) => r._key));
      setRows([...merged, ...next.filter((r) => !known.has(r._key))]);
    },
    [view, rows, setRows],
  );

  const conflictKeys = useMemo(() => new Set(conflicts.map((c) => c.key)), [conflicts]);
  const currents = useMemo(
    () => new Map(conflicts.filter((c) => c.current).map((c) => [c.key, toGridRow(columns, c.current!, c.key, yesNo)])),
    [conflicts, columns, yesNo],
  );

  // The grid's columns are built from the page's columns alone, so they stay the same object while the clerk types
  // and when looked-up tickets or server marks arrive (only a sort or a conflict gives new ones, and no cell remounts
  // then either): the grid is never drawn afresh under an open editor — redrawing it (a changing `key`) closed the
  // editor of the next cell ~0.1 s after a typed ticket number was checked.
  const gridColumns = useMemo((): Column<GridRow, any, string>[] => {
    return baseColumns.map((c) => {
      const listId = `rx-${name}-${c.field}`;
      const base = (c.kind === 'select' || c.kind === 'ref' || c.kind === 'bool') && !c.lookup
        ? { ...textColumn, component: PickerCell as any, columnData: { ...(textColumn.columnData as object), listId } }
        : c.kind === 'number'
          ? { ...textColumn, columnData: { ...(textColumn.columnData as object), alignRight: true } }
          : textColumn;
      const sorted = sort?.field === c.field ? (sort.dir === 1 ? ' ▲' : ' ▼') : '';
      const keyed = keyColumn(c.field as never, base as any) as Column<GridRow, any, string>;
      return {
        ...keyed,
        // Conflicts are rare (a refused save): the cells re-render with the other clerk's values, nothing remounts.
        component: ConflictAware as any,
        columnData: { Inner: keyed.component, inner: keyed.columnData, field: c.field, currents, label: translate('sheets.conflict.currentShort') as string, empty: translate('sheets.empty') as string },
        id: c.field,
        title: (
          <span
            className="rx-head"
            data-testid={`sheet-head-${c.field}`}
            title={translate('sheets.action.sort')}
            onClick={() => setSort((s) => (s?.field !== c.field ? { field: c.field, dir: 1 } : s.dir === 1 ? { field: c.field, dir: -1 } : null))}
          >
            {c.title}
            {c.required ? <span style={{ color: '#d32f2f' }}> *</span> : null}
            {sorted}
          </span>
        ),
        // Wide enough for the header on one line and the longest loaded text; the room left over is shared out.
        basis: widths.get(c.field) ?? c.width ?? 140,
        grow: 1,
        minWidth: widths.get(c.field) ?? Math.min(c.width ?? 100, 100),
        disabled: !!c.readOnly,
      } as Column<GridRow, any, string>;
    });
  }, [baseColumns, name, sort, translate, currents, widths]);

  // Highlights are the grid's class-name callbacks, new whenever what they read changes (checks after a lookup, server
  // marks, conflicts, a save): the grid re-renders its rows' class names, and the cells under them stay mounted.
  const byField = useMemo(() => new Map(columns.map((c) => [c.field, c])), [columns]);
  const cellClassName = useCallback(
    ({ rowData: data, columnId }: { rowData: unknown; rowIndex: number; columnId?: string }) => {
      const rowData = data as GridRow | undefined;
      const c = columnId ? byField.get(columnId) : undefined;
      if (!c || !rowData) return undefined;
      if (c.flag?.(rowData[c.field] as string | null | undefined)) return 'rx-flag';
      if (c.readOnly) return 'rx-readonly';
      const current = currents.get(rowData._key);
      if (current && (current[c.field] ?? '') !== (rowData[c.field] ?? '')) return 'rx-conflict-cell';
      if (check(rowData).errors[c.field] || marks.get(rowData._key)?.[c.field]) return 'rx-error';
      if (rowData._id) {
        const o = originals.get(rowData._id);
        if (o && (o[c.field] ?? '') !== (rowData[c.field] ?? '')) return 'rx-dirty';
      }
      return undefined;
    },
    [byField, currents, check, marks, originals],
  );
  const rowClassName = useCallback(
    ({ rowData }: { rowData: GridRow }) => (conflictKeys.has(rowData._key) ? 'rx-conflict' : rowData._id ? undefined : 'rx-new'),
    [conflictKeys],
  );

  const addRowsComponent = useMemo(() => createAddRowsComponent({ button: translate('sheets.action.addRow') as string, unit: translate('sheets.rowsUnit') as string }), [translate]);
  const createRow = useCallback((): GridRow => {
    const row: GridRow = { _key: newKey() };
    for (const c of columns) row[c.field] = defaults?.[c.field] ?? null;
    return row;
  }, [columns, defaults]);
  const duplicateRow = useCallback(({ rowData }: { rowData: GridRow }): GridRow => ({ ...rowData, _key: newKey(), _id: undefined, _version: undefined }), []);

  /** Rows of the grid's selection (or the active cell's row), in the current view. */
  const selectedKeys = () => {
    const g = gridRef.current;
    const sel = g?.selection ?? (g?.activeCell ? { min: g.activeCell, max: g.activeCell } : null);
    if (!sel) return [];
    return view.slice(sel.min.row, sel.max.row + 1).map((r) => r._key);
  };
  const duplicateSelected = () => {
    const keys = new Set(selectedKeys());
    if (!keys.size) return;
    const out: GridRow[] = [];
    for (const r of rows) {
      out.push(r);
      if (keys.has(r._key)) out.push(duplicateRow({ rowData: r }));
    }
    setRows(out);
  };
  const deleteSelected = () => {
    const keys = new Set(selectedKeys());
    if (keys.size) setRows(rows.filter((r) => !keys.has(r._key)));
  };

  // ---- Excel's habits: Ctrl+D fills down, Ctrl+Enter fills a block, Tab past the last cell adds a row, a paste
  // over filled rows asks first. The grid's own Ctrl+D (duplicate the row) and silent paste are kept from running.
  const fields = useMemo(() => baseColumns.map((c) => c.field), [baseColumns]);
  /** Columns widen (never narrow) to fit pasted or saved rows: a pasted 「浦塘办〔2023〕30号」 is not cut. */
  const refit = useCallback((some: GridRow[]) => {
    setWidths((w) => widen(w, fitWidths(baseColumns, some, measurer(containerRef.current))));
  }, [baseColumns]);
  const isEditable = useCallback((f: string) => !columns.find((c) => c.field === f)?.readOnly, [columns]);
  const blockOf = useCallback((sel: { min: { row: number; colId?: string }; max: { row: number; colId?: string } } | null): Block | null => {
    if (!sel) return null;
    const a = fields.indexOf(String(sel.min.colId));
    const b = fields.indexOf(String(sel.max.colId));
    if (a < 0 || b < 0) return null;
    return { fromRow: Math.min(sel.min.row, sel.max.row), toRow: Math.max(sel.min.row, sel.max.row), fields: fields.slice(Math.min(a, b), Math.max(a, b) + 1) };
  }, [fields]);
  const onSelectionChange = useCallback(({ selection }: { selection: { min: { row: number; colId?: string }; max: { row: number; colId?: string } } | null }) => {
    const block = blockOf(selection);
    if (block && (block.fromRow !== block.toRow || block.fields.length > 1)) lastBlock.current = block;
    // A single cell: a new place, unless it is the block's first cell being typed into (typing drops the selection).
    else setTimeout(() => { if (!editingIn(containerRef.current)) lastBlock.current = null; }, 0);
  }, [blockOf]);
  // 添加行: the new row is scrolled into sight (a click then puts the cursor there, as anywhere). Tab past the last
  // cell: the cursor goes on to the new row's first cell.
  const addRow = () => {
    setRows([...rows, createRow()]);
    setFocusRow({ row: view.length, cursor: false });
  };
  useEffect(() => {
    if (focusRow == null || view.length <= focusRow.row) return;
    const { row, cursor } = focusRow;
    setFocusRow(null);
    // A frame later, once the grid has drawn the new row.
    requestAnimationFrame(() => {
      if (cursor) return gridRef.current?.setActiveCell({ row, col: 0 }); // the grid scrolls to its active cell
      const box = containerRef.current?.querySelector<HTMLElement>('.dsg-container');
      const rowBottom = HEAD_PX + (row + 1) * ROW_PX;
      if (box && rowBottom > box.scrollTop + box.clientHeight) box.scrollTop = rowBottom - box.clientHeight + 2;
    });
  }, [focusRow, view.length]);
  const paste = useCallback((text: string) => {
    const active = gridRef.current?.activeCell;
    const data = parseClipboard(text);
    if (!active || !data.length) return;
    const at = { row: active.row, field: String(active.colId) };
    const { overwrites } = planPaste(view, at, fields, data);
    // One line is like typing into the cells; several lines over filled rows may be a mistake: ask.
    if (data.length > 1 && overwrites.length) setPasteAsk({ at, data, overwrites });
    else {
      const next = applyPaste(view, at, fields, data, 'overwrite', isEditable, createRow);
      onGridChange(next);
      refit(next.slice(at.row, at.row + data.length));
    }
  }, [view, fields, isEditable, createRow, onGridChange, refit]);
  const answerPaste = (mode: 'overwrite' | 'insert' | null) => {
    if (pasteAsk && mode) {
      const next = applyPaste(view, pasteAsk.at, fields, pasteAsk.data, mode, isEditable, createRow);
      onGridChange(next);
      refit(next.slice(pasteAsk.at.row, pasteAsk.at.row + pasteAsk.data.length));
    }
    // The click on the dialog left the grid (which then dropped its cursor): the cursor goes back where the paste was.
    if (pasteAsk) setTimeout(() => gridRef.current?.setActiveCell({ row: pasteAsk.at.row, col: pasteAsk.at.field }), 0);
    setPasteAsk(null);
  };
  const pasteFromMenu = useCallback(() => {
    navigator.clipboard?.readText?.().then(paste).catch(() => setNotice({ severity: 'info', text: translate('sheets.pasteKeys') }));
  }, [paste, translate]);
  useEffect(() => {
    const inSheet = () => !!gridRef.current?.activeCell && (containerRef.current?.contains(document.activeElement) || document.activeElement === document.body);
    const onKey = (e: KeyboardEvent) => {
      if (!inSheet() || e.isComposing) return;
      const g = gridRef.current!;
      const ctrl = e.ctrlKey || e.metaKey;
      const stop = () => { e.preventDefault(); e.stopPropagation(); };
      if (ctrl && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'd') {
        stop();
        if (editingIn(containerRef.current)) return;
        const next = fillDown(view, blockOf(g.selection as never)!, isEditable);
        if (next) onGridChange(next);
      } else if (ctrl && e.key === 'Enter') {
        const active = g.activeCell!;
        const block = lastBlock.current;
        const inside = block && active.row >= block.fromRow && active.row <= block.toRow && block.fields.includes(String(active.colId));
        if (!block || !inside) return;
        stop();
        const text = view[active.row]?.[String(active.colId)];
        onGridChange(fillBlock(view, block, text == null || text === '' ? null : String(text), isEditable));
        g.setSelection({ min: { row: block.fromRow, col: block.fields[0]! }, max: { row: block.toRow, col: block.fields[block.fields.length - 1]! } });
      } else if (e.key === 'Tab' && !e.shiftKey && !ctrl && g.activeCell!.row === view.length - 1 && String(g.activeCell!.colId) === fields[fields.length - 1]) {
        stop();
        setRows([...rows, createRow()]);
        setFocusRow({ row: view.length, cursor: true });
      }
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!inSheet()) return;
      const text = e.clipboardData?.getData('text/plain');
      if (!text) return;
      // Typing in a cell, a text goes into it; cells copied from Excel (tabs, lines) never belong in one cell: they
      // go into the grid from this cell on, as when the cell is not being edited (a second click starts editing).
      if (editingIn(containerRef.current) && !/[\t\r\n]/.test(text.replace(/[\r\n]+$/, ''))) return;
      e.preventDefault();
      e.stopPropagation();
      const g = gridRef.current!;
      if (editingIn(containerRef.current)) g.setActiveCell({ row: g.activeCell!.row, col: g.activeCell!.col });
      paste(text);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('paste', onPaste, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('paste', onPaste, true);
    };
  }, [view, rows, fields, blockOf, isEditable, onGridChange, paste, setRows, createRow]);

  const menuLabel = useCallback((item: MenuItem) => {
    const span = 'fromRow' in item ? { from: item.fromRow + 1, to: item.toRow + 1 } : {};
    return translate(`sheets.cmenu.${item.type}`, span) as string;
  }, [translate]);
  const ContextMenu = useMemo(() => contextMenu(menuLabel, pasteFromMenu), [menuLabel, pasteFromMenu]);

  // The grid fills the window below its top, as Excel's sheet fills its window (20 rows at 1440×900), and follows what
  // comes and goes above it (a notice, the error list, the page's own alerts): the page itself does not scroll.
  useLayoutEffect(() => {
    const fit = () => {
      const top = gridBoxRef.current?.getBoundingClientRect().top ?? 0;
      const scrolled = document.scrollingElement?.scrollTop ?? 0;
      // Below the grid: its 添加行 bar and the page's padding.
      const tail = (containerRef.current?.querySelector<HTMLElement>('.dsg-add-row')?.offsetHeight ?? 36) + 20;
      const next = Math.max(height ?? MIN_GRID_PX, Math.round(window.innerHeight - Math.max(top + scrolled, 0) - tail));
      setGridHeight((h) => (Math.abs(h - next) > 1 ? next : h));
    };
    fit();
    window.addEventListener('resize', fit);
    const observer = new ResizeObserver(fit);
    if (headRef.current) observer.observe(headRef.current);
    // The page around the sheet grows when an alert of its own appears above (a ResizeObserver sees no moves).
    const page = containerRef.current?.parentElement;
    if (page) observer.observe(page);
    return () => {
      window.removeEventListener('resize', fit);
      observer.disconnect();
    };
  }, [height, stored]);

  const messageOf = useCallback(
    (e: CellError) => translate(e.key, e.params) as string,
    [translate],
  );
  const rowNumber = (key: string) => rows.findIndex((r) => r._key === key) + 1;
  const titleOf = (field: string) => columns.find((c) => c.field === field)?.title ?? field;

  // Every cell the client cannot accept (unknown names, bad dates…), listed under the toolbar.
  const clientErrors = useMemo(() => {
    const out: Array<{ key: string; field: string; message: string }> = [];
    for (const r of rows) {
      const s = rowState(r);
      if (s !== 'new' && s !== 'edited') continue;
      for (const [field, e] of Object.entries(check(r).errors)) out.push({ key: r._key, field, message: messageOf(e) });
    }
    return out;
  }, [rows, rowState, check, messageOf]);

  const save = async () => {
    setNotice(null);
    setGeneralErrors([]);
    if (clientErrors.length) {
      setNotice({ severity: 'error', text: translate('sheets.error.blocked', { count: clientErrors.length }) });
      return;
    }
    const sending = changedRows;
    if (sending.length + deletedIds.length > MAX_SHEET_ROWS) {
      setNotice({ severity: 'error', text: translate('sheets.error.tooMany', { max: MAX_SHEET_ROWS, count: sending.length + deletedIds.length }) });
      return;
    }
    const payload = sending.map((r) => {
      const values: Record<string, unknown> = { ...check(r).values };
      if (r._id) {
        values.id = r._id;
        values.version = r._version;
      }
      return values;
    });
    setSaving(true);
    let result: SheetResult;
    try {
      result = await saveSheet(resource, payload, deletedIds, streetId);
    } catch (e) {
      setSaving(false);
      setNotice({ severity: 'error', text: (e as Error).message });
      return;
    }
    setSaving(false);
    if (!result.ok) {
      const m: ServerMarks = new Map();
      const general: string[] = [];
      for (const e of result.errors) {
        const row = sending[e.row - 1];
        if (!row) {
          general.push(e.message);
          continue;
        }
        const entry = m.get(row._key) ?? {};
        entry[e.field && columns.some((c) => c.field === e.field) ? e.field : '_row'] = e.message;
        m.set(row._key, entry);
      }
      setMarks(m);
      setGeneralErrors(general);
      setConflicts(
        result.conflicts.map((c) => ({
          key: c.row > 0 ? sending[c.row - 1]!._key : (rows.find((r) => r._id === c.id)?._key ?? `deleted-${c.id}`),
          id: c.id,
          current: c.current,
          changedBy: c.changedBy,
          changedAt: c.changedAt,
        })),
      );
      const count = result.errors.length;
      // Conflicts explain themselves in their own panel; a second banner would only repeat it.
      setNotice(count ? { severity: 'error', text: translate('sheets.error.server', { count }) } : null);
      return;
    }
    // Saved: the rows take their stored values (new ids, versions, defaults such as points).
    const byKey = new Map(sending.map((r, i) => [r._key, toGridRow(columns, result.rows[i]!, r._key, yesNo)]));
    const next = rows.map((r) => byKey.get(r._key) ?? r);
    const nextOriginals = new Map(originals);
    for (const id of deletedIds) nextOriginals.delete(id);
    for (const r of sending) if (r._id) nextOriginals.delete(r._id); // a replaced A/B filing has a new id
    for (const r of byKey.values()) nextOriginals.set(r._id!, r);
    const kept = next.filter((r) => !isBlank(columns, r) || r._id);
    // Blank rows go: a cursor left on one would point past the last row (the grid then reads a missing row).
    const active = gridRef.current?.activeCell;
    if (active && active.row >= kept.length) gridRef.current?.setActiveCell(kept.length ? { row: kept.length - 1, col: active.colId ?? 0 } : null);
    setRowsState(kept);
    refit([...byKey.values()]);
    setOriginals(nextOriginals);
    setPast([]);
    setFuture([]);
    setMarks(new Map());
    setConflicts([]);
    const savedText = translate('sheets.status.saved', { created: result.created, updated: result.updated, deleted: result.deleted }) as string;
    // A replaced filing leaves the sheet (it moves to the history) while its successor appears: say so, or the count
    // drops without a word.
    setNotice({ severity: 'success', text: result.replaced ? `${savedText}${translate('sheets.status.replaced', { count: result.replaced })}` : savedText });
    onSaved?.();
  };

  // Conflict resolution, row by row.
  const useCurrent = (c: Conflict) => {
    if (!c.current) {
      setRows(rows.filter((r) => r._key !== c.key));
      setOriginals((o) => { const n = new Map(o); n.delete(c.id); return n; });
    } else {
      const fresh = toGridRow(columns, c.current, c.key, yesNo);
      const exists = rows.some((r) => r._key === c.key);
      setRowsState(exists ? rows.map((r) => (r._key === c.key ? fresh : r)) : [...rows, fresh]);
      setOriginals((o) => new Map(o).set(c.id, fresh));
    }
    setConflicts((cs) => cs.filter((x) => x !== c));
    setMarks((m) => { const n = new Map(m); n.delete(c.key); return n; });
  };
  const keepMine = (c: Conflict) => {
    if (!c.current) return;
    const version = c.current.version as number;
    setRowsState(rows.map((r) => (r._key === c.key ? { ...r, _version: version } : r)));
    setConflicts((cs) => cs.filter((x) => x !== c));
  };

  const exportXlsx = async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.columns = columns.map((c) => ({ header: c.title, key: c.field, width: Math.max(10, Math.round((c.width ?? 140) / 8)) }));
    ws.getRow(1).font = { bold: true };
    for (const r of view) {
      if (isBlank(columns, r)) continue;
      ws.addRow(Object.fromEntries(columns.map((c) => {
        const text = r[c.field];
        const n = c.kind === 'number' && text != null && text !== '' ? Number(text) : NaN;
        return [c.field, Number.isFinite(n) ? n : (text ?? '')];
      })));
    }
    const buffer = await wb.xlsx.writeBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}-${new Date().toISOString().slice(0, 10)}.xlsx`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const onActiveCellChange = useCallback(
    ({ cell }: { cell: { row: number; col: number; colId?: string } | null }) => {
      setActiveCell(cell?.colId ? { row: cell.row, colId: cell.colId } : null);
      // The grid scrolls a cell into sight as if nothing were frozen: a cell reached by ← could stay under the frozen
      // first column. Once it has scrolled, the rest of the way.
      if (cell?.colId && cell.col > 0) requestAnimationFrame(() => clearOfFrozen(containerRef.current, cell.colId!));
    },
    [],
  );
  // The active cell's problem, read on every render: it follows the text being typed and the lookups' answers.
  const activeMessage = (() => {
    const row = activeCell ? view[activeCell.row] : undefined;
    if (!row || !activeCell) return null;
    const e = check(row).errors[activeCell.colId];
    return e ? messageOf(e) : (marks.get(row._key)?.[activeCell.colId] ?? marks.get(row._key)?._row ?? null);
  })();

  const errorList = [
    ...clientErrors.map((e) => translate('sheets.error.cell', { row: rowNumber(e.key), column: titleOf(e.field), message: e.message })),
    ...[...marks.entries()].flatMap(([key, fields]) =>
      Object.entries(fields).map(([field, message]) => translate('sheets.error.cell', { row: rowNumber(key), column: field === '_row' ? '—' : titleOf(field), message })),
    ),
    ...generalErrors,
  ];

  return (
    <Box className="rx-sheet" ref={containerRef} data-testid={`sheet-${name}`} data-dirty={dirty ? 'true' : 'false'}>
      <style>{CSS}</style>
      {columns.filter((c) => c.options && !c.lookup).map((c) => (
        <datalist key={c.field} id={`rx-${name}-${c.field}`}>
          {c.options!.map((o) => <option key={o.value} value={o.label} />)}
        </datalist>
      ))}
      {dirty ? <LeaveGuard /> : null}
      <Box ref={headRef}>
        {/* One row of small buttons, as Excel's ribbon: the grid below gets the height. */}
        <Stack direction="row" sx={{ mb: 0.75, flexWrap: 'wrap', alignItems: 'center', columnGap: 0.5, rowGap: 0.75 }}>
          <Button variant="contained" size="small" startIcon={<SaveIcon />} onClick={save} disabled={!dirty || saving || lookups > 0} data-testid="sheet-save" sx={{ mr: 0.5 }}>
            {translate(saving ? 'sheets.status.saving' : 'sheets.action.save')}
          </Button>
          <Tooltip title={`${translate('sheets.action.undo')} (Ctrl+Z)`}>
            <span><IconButton size="small" aria-label={translate('sheets.action.undo')} onClick={undo} disabled={!past.length}><UndoIcon fontSize="small" /></IconButton></span>
          </Tooltip>
          <Tooltip title={`${translate('sheets.action.redo')} (Ctrl+Shift+Z)`}>
            <span><IconButton size="small" aria-label={translate('sheets.action.redo')} onClick={redo} disabled={!future.length}><RedoIcon fontSize="small" /></IconButton></span>
          </Tooltip>
          <Button size="small" startIcon={<AddIcon />} onClick={addRow} data-testid="sheet-add">{translate('sheets.action.addRow')}</Button>
          <Button size="small" startIcon={<ContentCopyIcon />} onClick={duplicateSelected}>{translate('sheets.action.duplicate')}</Button>
          <Button size="small" startIcon={<DeleteIcon />} onClick={deleteSelected} color="error">{translate('sheets.action.delete')}</Button>
          <Button size="small" startIcon={<DownloadIcon />} onClick={exportXlsx} data-testid="sheet-export">{translate('sheets.action.export')}</Button>
          <Button size="small" startIcon={<RefreshIcon />} onClick={onReload} disabled={saving} data-testid="sheet-reload">{translate('sheets.action.reload')}</Button>
          <TextField size="small" label={translate('sheets.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} sx={{ width: 190, mx: 0.5 }} />
          {toolbar}
          <Tooltip title={<span style={{ fontSize: 13, lineHeight: 1.6 }}>{translate('sheets.hint')}</span>}>
            <IconButton size="small" aria-label={translate('sheets.keys')} data-testid="sheet-keys"><KeyboardIcon fontSize="small" /></IconButton>
          </Tooltip>
          {/* The active cell's problem, where the eye already is. */}
          <Box sx={{ flex: 1, minWidth: 40, px: 1, overflow: 'hidden' }}>
            {activeMessage ? <Typography variant="body2" color="error" noWrap title={activeMessage} data-testid="sheet-active-error">{activeMessage}</Typography> : null}
          </Box>
          {dirty ? (
            <Chip size="small" color="warning" label={translate('sheets.status.dirty', { count: dirtyCount })} data-testid="sheet-dirty" />
          ) : (
            <Chip size="small" color="success" variant="outlined" label={translate('sheets.status.clean')} />
          )}
          <Typography variant="body2" color="text.secondary" sx={{ ml: 1, whiteSpace: 'nowrap' }}>
            {view.length === rows.length ? translate('sheets.status.rows', { count: rows.length }) : translate('sheets.status.shown', { shown: view.length, count: rows.length })}
          </Typography>
        </Stack>
        {notice ? <Alert severity={notice.severity} sx={{ mb: 0.75, py: 0 }} data-testid="sheet-notice" onClose={() => setNotice(null)}>{notice.text}</Alert> : null}
        {errorList.length ? (
          <Alert severity="error" sx={{ mb: 1, maxHeight: 140, overflow: 'auto' }} data-testid="sheet-errors">
            {errorList.slice(0, 50).map((t, i) => <div key={i}>{t}</div>)}
            {errorList.length > 50 ? <div>…</div> : null}
          </Alert>
        ) : null}
        {conflicts.length ? (
          <Alert severity="warning" sx={{ mb: 1 }} data-testid="sheet-conflicts">
            <div>{translate('sheets.conflict.title', { count: conflicts.length })}</div>
            {conflicts.map((c) => {
              const mine = rows.find((r) => r._key === c.key);
              const theirs = c.current ? toGridRow(columns, c.current, c.key, yesNo) : null;
              const diff = theirs && mine ? columns.filter((col) => (mine[col.field] ?? '') !== (theirs[col.field] ?? '')) : [];
              return (
                <Box key={c.key} sx={{ mt: 1, p: 1, border: '1px solid #ffb74d', borderRadius: 1, bgcolor: '#fffaf3' }} data-testid="sheet-conflict">
                  <strong>{translate('sheets.conflict.row', { row: mine ? rowNumber(c.key) : '—' })}</strong>
                  {!theirs ? <span> — {translate('sheets.conflict.deleted')}</span> : null}
                  {c.changedBy || c.changedAt ? (
                    <span data-testid="sheet-conflict-who" style={{ marginLeft: 8, color: '#5d4037' }}>
                      {translate(theirs ? 'sheets.conflict.changedBy' : 'sheets.conflict.deletedBy', { who: c.changedBy ?? translate('sheets.conflict.someone'), at: formatDateTime(c.changedAt) })}
                    </span>
                  ) : null}
                  {diff.length ? (
                    <table style={{ borderCollapse: 'collapse', margin: '4px 0' }}>
                      <thead>
                        <tr>{['column', 'mine', 'current'].map((h) => <th key={h} style={{ textAlign: 'left', padding: '2px 12px 2px 0' }}>{translate(`sheets.conflict.${h}`)}</th>)}</tr>
                      </thead>
                      <tbody>
                        {diff.map((col) => (
                          <tr key={col.field}>
                            <td style={{ padding: '2px 12px 2px 0' }}>{col.title}</td>
                            <td style={{ padding: '2px 12px 2px 0' }}>{mine?.[col.field] ?? translate('sheets.empty')}</td>
                            <td style={{ padding: '2px 12px 2px 0', fontWeight: 600 }}>{theirs?.[col.field] ?? translate('sheets.empty')}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                  <Stack direction="row" spacing={1}>
                    <Button size="small" variant="outlined" onClick={() => useCurrent(c)}>{translate(theirs ? 'sheets.conflict.useCurrent' : 'sheets.conflict.remove')}</Button>
                    {theirs && mine ? <Button size="small" onClick={() => keepMine(c)}>{translate('sheets.conflict.keepMine')}</Button> : null}
                  </Stack>
                </Box>
              );
            })}
            {conflicts.length > 1 ? (
              <Button size="small" sx={{ mt: 1 }} onClick={() => conflicts.forEach(useCurrent)}>{translate('sheets.conflict.useAllCurrent')}</Button>
            ) : null}
          </Alert>
        ) : null}
      </Box>
      <Dialog open={!!pasteAsk} onClose={() => answerPaste(null)} data-testid="sheet-paste-ask">
        <DialogTitle>{translate('sheets.paste.title')}</DialogTitle>
        <DialogContent>
          {pasteAsk ? translate('sheets.paste.body', { lines: pasteAsk.data.length, count: pasteAsk.overwrites.length, from: pasteAsk.overwrites[0]! + 1, to: pasteAsk.overwrites[pasteAsk.overwrites.length - 1]! + 1 }) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => answerPaste(null)}>{translate('sheets.paste.cancel')}</Button>
          <Button onClick={() => answerPaste('insert')} data-testid="sheet-paste-insert">{translate('sheets.paste.insert')}</Button>
          <Button onClick={() => answerPaste('overwrite')} color="warning" variant="contained" data-testid="sheet-paste-overwrite">{translate('sheets.paste.overwrite')}</Button>
        </DialogActions>
      </Dialog>
      <div ref={gridBoxRef} />
      {stored ? (
        // The dynamic grid: the default export (StaticDataSheetGrid) reads columns, rowClassName and the callbacks once,
        // at mount; this one follows them, so every prop given here is memoised.
        <DynamicDataSheetGrid<GridRow>
          ref={gridRef}
          value={view}
          onChange={onGridChange}
          columns={gridColumns}
          rowKey="_key"
          createRow={createRow}
          duplicateRow={duplicateRow}
          height={gridHeight}
          rowHeight={ROW_PX}
          headerRowHeight={HEAD_PX}
          onActiveCellChange={onActiveCellChange}
          onSelectionChange={onSelectionChange as never}
          contextMenuComponent={ContextMenu}
          disableSmartDelete
          addRowsComponent={addRowsComponent as never}
          rowClassName={rowClassName}
          cellClassName={cellClassName}
        />
      ) : (
        <Typography color="text.secondary">{translate('sheets.status.loading')}</Typography>
      )}
    </Box>
  );
}
