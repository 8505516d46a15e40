// Compiled statements kept by shape (issue #12): building and compiling a ticket page's select with Kysely (28
// columns, four related-row subqueries, the camel-case plugin's pass over the tree) cost about 0.4 ms of the
// server's 2.5 ms per page, each time the same text. A read whose text is fixed by a few inputs (the table, the
// columns and relations selected, the caller's row scope) is compiled once with placeholders for the values that
// change per request (an id, a limit), and later requests only put their values in.
//
// The key is the caller's promise: it must hold everything the built text depends on. Values not named as slots are
// compiled into the kept statement as they were the first time — they have to be part of the key.
import { createQueryId, type CompiledQuery } from 'kysely';

const SLOT = Symbol('statement slot');
interface Slot {
  readonly [SLOT]: number;
}

/** A placeholder for the `index`-th per-request value, passed to the builder wherever that value goes. */
function slot(index: number): Slot {
  return { [SLOT]: index };
}
const isSlot = (v: unknown): v is Slot => typeof v === 'object' && v !== null && SLOT in v;

interface Kept {
  compiled: CompiledQuery;
  /** [parameter position, value index] for each slot in the compiled parameters. */
  slots: Array<[number, number]>;
}

/** Shapes kept (bounded: forgotten wholesale when full, like db/prepared.ts's names; a server has dozens). */
const MAX_KEPT = 2_000;
const kept = new Map<string, Kept>();

/** Statements compiled and statements reused since start (tests). */
export const statementCacheStats = { compiled: 0, reused: 0 };

/**
 * The statement `build` makes for `values`, compiled once per `key`: `build` gets placeholders (`slot(i)` for
 * `values[i]`) and must put each value only as a bound parameter (a `where`, `limit`, `offset` value), never into
 * the SQL text or a JavaScript decision.
 */
export function keptStatement(key: string, values: readonly unknown[], build: (slots: readonly unknown[]) => { compile(): CompiledQuery }): CompiledQuery {
  let k = kept.get(key);
  if (!k) {
    const compiled = build(values.map((_, i) => slot(i))).compile();
    const slots: Array<[number, number]> = [];
    compiled.parameters.forEach((p, position) => {
      if (isSlot(p)) slots.push([position, p[SLOT]]);
    });
    // A value that went anywhere but a parameter would be compiled in as "[object Object]": refuse to keep that.
    const used = new Set(slots.map(([, i]) => i));
    if (values.some((_, i) => !used.has(i))) throw new Error(`statement ${key}: a value is not a bound parameter`);
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, (k = { compiled, slots }));
    statementCacheStats.compiled++;
  } else statementCacheStats.reused++;
  const parameters = k.compiled.parameters.slice();
  for (const [position, index] of k.slots) parameters[position] = values[index];
  return { ...k.compiled, parameters, queryId: createQueryId() };
}

/** Forgets every kept statement (tests). */
export function forgetKeptStatements() {
  kept.clear();
}
