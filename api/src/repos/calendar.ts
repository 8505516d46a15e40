// The working-day calendar and the SLA table as stored (both editable by an administrator).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import { poolOf } from '../db/connection';
import { WorkCalendar } from '../domain/calendar';
import type { SlaRule } from '../domain/sla';

type Db = Kysely<Database> | Transaction<Database>;
export interface DueTimeConfig {
  calendar: WorkCalendar;
  rules: SlaRule[];
  /** Years with a statutory calendar (calendar_year); due times in other years are provisional. */
  calendarYears: ReadonlySet<number>;
}

// Cached per database for a minute: every ticket write needs it, and edits are rare (cleared on edit). The promise
// is cached, so the resolvers of a list asking at once share one read.
const cache = new WeakMap<object, { at: number; config: Promise<DueTimeConfig> }>();
const TTL_MS = 60_000;

export function loadDueTimeConfig(db: Db, cacheKey?: object): Promise<DueTimeConfig> {
  const key = poolOf(cacheKey ?? db); // a request's pinned connection shares its pool's entry
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.config;
  const config = readDueTimeConfig(db);
  cache.set(key, { at: Date.now(), config });
  config.catch(() => cache.delete(key)); // a failed read is not remembered
  return config;
}

/** A fresh read, bypassing the cache (a write that must see its own transaction). */
export async function readDueTimeConfig(db: Db): Promise<DueTimeConfig> {
  const [days, rules, years] = await Promise.all([
    db.selectFrom('workCalendar').select(['day', 'isWorkday', 'name']).execute(),
    db.selectFrom('slaRule').selectAll().orderBy('priority').execute(),
    db.selectFrom('calendarYear').select('year').execute(),
  ]);
  const config: DueTimeConfig = {
    calendar: new WorkCalendar(days.map((d) => ({ day: String(d.day), isWorkday: d.isWorkday, name: d.name }))),
    rules: rules.map((r) => ({
      kind: r.kind as SlaRule['kind'],
      category: r.category,
      firstContactHours: r.firstContactHours,
      firstContactWorkdays: r.firstContactWorkdays,
      completionWorkdays: r.completionWorkdays,
      priority: r.priority,
    })),
    calendarYears: new Set(years.map((y) => Number(y.year))),
  };
  return config;
}

export function clearDueTimeConfig(cacheKey: object) {
  cache.delete(poolOf(cacheKey));
}
