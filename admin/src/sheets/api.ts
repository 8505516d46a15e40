// GraphQL calls of the sheets: loading whole registers, the batch save and the register flags.
import { graphqlRequest } from '../dataProvider/request';

export const gqlQuery = <T>(document: string, variables: Record<string, unknown> = {}): Promise<T> => graphqlRequest<T>(document, variables);
export const gqlMutate = <T>(document: string, variables: Record<string, unknown> = {}): Promise<T> => graphqlRequest<T>(document, variables);

const PER_PAGE = 100; // the API's page limit (contract.md)
/** Registers the API's sheetRows opens whole in one request (schema/sheet.ts SHEET_RESOURCES). */
const WHOLE = new Set(['NegativeItem', 'NegativeRecord', 'NegativeQuota', 'Award', 'RoleAssignment', 'Unit', 'Street', 'Interview', 'Assistance']);
export const MAX_SHEET_LOAD = 5_000;

export interface SheetRows<T> { rows: T[]; total: number; ticketNumbers: Record<string, string> }

/**
 * A whole register in one request (at most MAX_SHEET_LOAD rows), with the numbers of the tickets it names; with a
 * street, only that street's rows (by the row's street or its unit's).
 */
export async function loadSheet<T = Record<string, unknown>>(resource: string, filter: Record<string, unknown> = {}, streetId?: string | null): Promise<SheetRows<T>> {
  const r = await gqlQuery<{ sheetRows: SheetRows<T> }>(
    `query($r: String!, $f: JSON, $s: ID) { sheetRows(resource: $r, filter: $f, streetId: $s) { rows total ticketNumbers } }`, { r: resource, f: filter, s: streetId ?? null },
  );
  return r.sheetRows;
}

/** Ticket numbers (工单编号) to tickets of the street; numbers not found (or not visible) are left out. */
export async function ticketsByNumber(numbers: string[], streetId?: string | null): Promise<Array<{ id: string; number: string }>> {
  return (await gqlQuery<{ ticketsByNumber: Array<{ id: string; number: string }> }>(
    `query($n: [String!]!, $s: ID) { ticketsByNumber(numbers: $n, streetId: $s) { id number } }`, { n: numbers, s: streetId ?? null },
  )).ticketsByNumber;
}

/** Every row of a register: one sheetRows request (of one street, when given), or all 100-row pages a few at a time for the others. */
export async function loadAll<T = Record<string, unknown>>(resource: string, fields: string[], filter: Record<string, unknown> = {}, plural = `${resource}s`, streetId?: string | null): Promise<T[]> {
  if (WHOLE.has(resource)) {
    const { rows, total } = await loadSheet<Record<string, unknown>>(resource, filter, streetId);
    if (total > rows.length) throw new Error(`「${resource}」共 ${total} 行，超过表格一次可打开的 ${MAX_SHEET_LOAD} 行，请先筛选`);
    return rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])) as T);
  }
  return loadAllPaged<T>(resource, fields, filter, plural);
}

/** Every row through the ra-data-graphql-simple list query, 100 rows a page. */
export async function loadAllPaged<T = Record<string, unknown>>(resource: string, fields: string[], filter: Record<string, unknown> = {}, plural = `${resource}s`): Promise<T[]> {
  const meta = await gqlQuery<Record<string, { count: number }>>(`query($f: ${resource}Filter) { _all${plural}Meta(filter: $f) { count } }`, { f: filter });
  const pages = Math.ceil(meta[`_all${plural}Meta`]!.count / PER_PAGE);
  const doc = `query($p: Int, $f: ${resource}Filter) { all${plural}(page: $p, perPage: ${PER_PAGE}, sortField: "id", sortOrder: "ASC", filter: $f) { ${fields.join(' ')} } }`;
  const out: T[][] = new Array(pages);
  let next = 0;
  const worker = async () => {
    while (next < pages) {
      const p = next++;
      out[p] = (await gqlQuery<Record<string, T[]>>(doc, { p, f: filter }))[`all${plural}`]!;
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, pages) }, worker));
  return out.flat();
}

export interface SheetResult {
  ok: boolean;
  created: number;
  updated: number;
  deleted: number;
  /** Of `created`, the rows that replaced a filing (its predecessor closed and moved to history). */
  replaced: number;
  rows: Record<string, unknown>[];
  errors: Array<{ row: number; field: string | null; message: string }>;
  conflicts: Array<{ row: number; id: string; current: Record<string, unknown> | null; changedBy: string | null; changedAt: string | null }>;
}

export const MAX_SHEET_ROWS = 500;

/** Saves a batch; with a street, every unit and ticket it names and every row it changes must be of that street. */
export async function saveSheet(resource: string, rows: Record<string, unknown>[], deletedIds: string[], streetId?: string | null): Promise<SheetResult> {
  const r = await gqlMutate<{ saveSheet: SheetResult }>(
    `mutation($r: String!, $rows: [JSON!]!, $d: [ID!], $s: ID) { saveSheet(resource: $r, rows: $rows, deletedIds: $d, streetId: $s) { ok created updated deleted replaced rows errors { row field message } conflicts { row id current changedBy changedAt } } }`,
    { r: resource, rows, d: deletedIds, s: streetId ?? null },
  );
  return r.saveSheet;
}
