// Per-request DataLoaders, scoped to the caller: a handler's ticket loader never returns another unit's row.
import DataLoader from 'dataloader';
import type { Context } from './context';
import { rowScope } from './auth/scope';

type Row = Record<string, unknown> & { id: number };

export interface Loaders {
  /** Rows of a table by id, after the caller's row scope. Missing or hidden ids load as null. */
  byId(table: string): DataLoader<number, Row | null>;
  /** Child rows of a table by a foreign key (e.g. a ticket's callbacks), after the caller's row scope. */
  children(table: string, foreignKey: string): DataLoader<number, Row[]>;
  /** Records "this caller read this personal field" — batched into one insert per tick. */
  personalDataRead: DataLoader<string, true>;
}

export function createLoaders(ctx: Context): Loaders {
  const cache = new Map<string, DataLoader<number, any>>();
  const memo = <V>(key: string, make: () => DataLoader<number, V>) => {
    let l = cache.get(key);
    if (!l) cache.set(key, (l = make()));
    return l as DataLoader<number, V>;
  };
  return {
    byId: (table) =>
      memo(`id:${table}`, () =>
        new DataLoader<number, Row | null>(
          async (ids) => {
            const q = rowScope(ctx, table, (ctx.db as any).selectFrom(table).selectAll().where('id', 'in', [...ids]));
            const rows = (await q.execute()) as Row[];
            const byId = new Map(rows.map((r) => [r.id, r]));
            return ids.map((id) => byId.get(id) ?? null);
          },
          { maxBatchSize: 500 },
        ),
      ),
    children: (table, fk) =>
      memo(`fk:${table}.${fk}`, () =>
        new DataLoader<number, Row[]>(
          async (ids) => {
            const q = rowScope(ctx, table, (ctx.db as any).selectFrom(table).selectAll().where(fk, 'in', [...ids]).orderBy('id'));
            const rows = (await q.execute()) as Row[];
            const groups = new Map<number, Row[]>();
            for (const r of rows) {
              const k = r[fk] as number;
              if (!groups.has(k)) groups.set(k, []);
              groups.get(k)!.push(r);
            }
            return ids.map((id) => groups.get(id) ?? []);
          },
          { maxBatchSize: 500 },
        ),
      ),
    personalDataRead: new DataLoader<string, true>(async (keys) => {
      const rows = keys.map((k) => {
        const [ticketId, field] = k.split(':');
        return { userId: ctx.user?.userId ?? null, ticketId: Number(ticketId), field: field!, reason: null };
      });
      await ctx.db.insertInto('personalDataAccess').values(rows).execute();
      return keys.map(() => true as const);
    }),
  };
}
