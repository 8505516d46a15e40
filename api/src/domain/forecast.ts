// The season forecast (未诉先办, domain.md §5 "Before the season"): for a coming month, what the street's tickets of
// the same month last year were, per (topic, 居委), with the change over the year before and the units that
// handled them, and which key periods (夏令热线, 进博会…) cover the month for the topic. Pure: the counts come
// from repos/forecast.ts.

/** One count row: tickets of a topic and 居委 that a unit handled in the target month one and two years back. */
export interface ForecastCount {
  topic: string;
  committeeName: string | null;
  /** The 居委 as a unit, when the tickets name one (or a residential unit handled them). */
  committeeUnitId: number | null;
  /** The handling unit (null: not dispatched). */
  unitId: number | null;
  lastYear: number;
  yearBefore: number;
}

export interface KeyPeriodSpec {
  name: string;
  /** 'MM-DD'; a period may run over the new year (fromMd > toMd). */
  fromMd: string;
  toMd: string;
  topics: readonly string[];
  active?: boolean;
}

export interface ForecastRow {
  topic: string;
  committeeName: string | null;
  /** Who a proactive task goes to: the 居委 unit, else the unit that handled most of last year's tickets. */
  unitId: number | null;
  lastYear: number;
  yearBefore: number;
  /** lastYear − yearBefore. */
  change: number;
  /** Handling units of last year's tickets, most tickets first. */
  handlingUnitIds: number[];
  keyPeriods: string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Does the key period cover any day of month 'YYYY-MM'? */
export function periodOverlapsMonth(p: Pick<KeyPeriodSpec, 'fromMd' | 'toMd'>, month: string): boolean {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`invalid month '${month}', expected YYYY-MM`);
  const first = `${m[2]}-01`;
  const last = `${m[2]}-31`; // string comparison: no MM-DD beyond the 31st
  return p.fromMd <= p.toMd ? p.fromMd <= last && p.toMd >= first : p.toMd >= first || p.fromMd <= last;
}

/** The month `years` years before 'YYYY-MM'. */
export function monthYearsBack(month: string, years: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`invalid month '${month}', expected YYYY-MM`);
  return `${String(Number(m[1]) - years).padStart(4, '0')}-${m[2]}`;
}

/**
 * The forecast list: rows per (topic, 居委) with last year's tickets, most first (then the larger rise, then
 * topic); only pairs that had tickets last year. `parents` maps a sub-topic to its parent (烧烤 → 餐饮油烟), so
 * a key period naming the parent covers the sub-topic too.
 */
export function forecastRows(counts: readonly ForecastCount[], periods: readonly KeyPeriodSpec[], month: string, parents: ReadonlyMap<string, string> = new Map()): ForecastRow[] {
  const inMonth = periods.filter((p) => p.active !== false && periodOverlapsMonth(p, month));
  const groups = new Map<string, { row: ForecastRow; committeeUnitId: number | null; units: Map<number, number> }>();
  for (const c of counts) {
    const key = `${c.topic}\u0001${c.committeeName ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      const row: ForecastRow = { topic: c.topic, committeeName: c.committeeName, unitId: null, lastYear: 0, yearBefore: 0, change: 0, handlingUnitIds: [], keyPeriods: [] };
      groups.set(key, (g = { row, committeeUnitId: null, units: new Map() }));
    }
    g.row.lastYear += c.lastYear;
    g.row.yearBefore += c.yearBefore;
    g.committeeUnitId ??= c.committeeUnitId;
    if (c.unitId != null && c.lastYear > 0) g.units.set(c.unitId, (g.units.get(c.unitId) ?? 0) + c.lastYear);
  }
  const rows: ForecastRow[] = [];
  for (const g of groups.values()) {
    const r = g.row;
    if (r.lastYear <= 0) continue;
    r.change = r.lastYear - r.yearBefore;
    r.handlingUnitIds = [...g.units].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
    r.unitId = g.committeeUnitId ?? r.handlingUnitIds[0] ?? null;
    const parent = parents.get(r.topic);
    r.keyPeriods = inMonth.filter((p) => p.topics.includes(r.topic) || (parent !== undefined && p.topics.includes(parent))).map((p) => p.name);
    rows.push(r);
  }
  return rows.sort((a, b) => b.lastYear - a.lastYear || b.change - a.change || a.topic.localeCompare(b.topic, 'zh') || (a.committeeName ?? '').localeCompare(b.committeeName ?? '', 'zh'));
}
