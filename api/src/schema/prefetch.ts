// A record's relations read in the record's own statement (issue #12): the street and unit a ticket page or a list
// asks for, and a ticket's events and callbacks, come back as JSON columns of its row (repos/crud.ts Relation)
// instead of one more round trip per level. Only the columns the sub-selection reads are built; a sub-selection whose
// reads are not all declared (or a column of unknown type) falls back to the per-request loaders, as before.
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Context } from '../context';
import { rowScope } from '../auth/scope';
import type { Relation } from '../repos/crud';
import { resources, type ResourceSpec, type Row } from './resource';
import { columnsRead, readsOf } from './resource-read';

/** Rows hanging off a record (a ticket's events), declared by the field that lists them (ResourceSpec.children). */
export interface ChildList {
  table: string;
  foreignKey: string;
  /** The resource its rows are, or, for a plain object type, what each of its fields reads and which columns are instants. */
  resource?: string;
  reads?: Record<string, string[] | undefined>;
  dateTimes?: readonly string[];
}

/** Each column's kind on a resource's rows: instants are revived from JSON, other kinds read alike from JSON and from a row. */
function columnKinds(spec: ResourceSpec): Map<string, 'instant' | 'plain'> {
  const kinds = new Map<string, 'instant' | 'plain'>([['id', 'plain']]);
  if (spec.versioned ?? true) kinds.set('version', 'plain');
  if (spec.touch ?? true) kinds.set('updatedAt', 'instant');
  for (const f of spec.fields) {
    // A list of instants would need reviving item by item: left to the loaders (no such field today).
    if (f.type === 'DateTime' && f.list) kinds.delete(f.column ?? f.name);
    else kinds.set(f.column ?? f.name, f.type === 'DateTime' ? 'instant' : 'plain');
  }
  return kinds;
}

interface Shape {
  table: string;
  reads: Map<string, string[] | undefined>;
  kinds: Map<string, 'instant' | 'plain'>;
}

const shapes = new WeakMap<object, Shape | undefined>();
function shapeOfResource(spec: ResourceSpec): Shape {
  let shape = shapes.get(spec);
  if (!shape) shapes.set(spec, (shape = { table: spec.table, reads: readsOf(spec), kinds: columnKinds(spec) }));
  return shape;
}

function shapeOfChild(c: ChildList): Shape | undefined {
  if (!shapes.has(c)) shapes.set(c, childShape(c));
  return shapes.get(c);
}

function childShape(c: ChildList): Shape | undefined {
  if (c.resource) {
    const spec = resources.get(c.resource);
    return spec && shapeOfResource(spec);
  }
  const reads = new Map(Object.entries(c.reads ?? {}));
  reads.set('__typename', []);
  const kinds = new Map<string, 'instant' | 'plain'>();
  for (const cols of reads.values()) for (const col of cols ?? []) kinds.set(col, 'plain');
  kinds.set('id', 'plain');
  for (const col of c.dateTimes ?? []) kinds.set(col, 'instant');
  return { table: c.table, reads, kinds };
}

/** A relation to read with the record, and how to turn its JSON back into rows like the loaders'. */
export interface Prefetch {
  field: string;
  relation: Relation;
  instants: readonly string[];
}

const PREFETCHED = Symbol('prefetched');
type Prefetched = Record<string, Row | Row[] | null>;

/** The field nodes selected under `set` by name (fragments included; aliases and directives do not matter here). */
function fieldsByName(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out = new Map<string, FieldNode[]>()) {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) {
      const list = out.get(s.name.value) ?? [];
      list.push(s);
      out.set(s.name.value, list);
    } else if (s.kind === Kind.INLINE_FRAGMENT) fieldsByName(s.selectionSet, info, out);
    else {
      const fragment = info.fragments[s.name.value];
      if (fragment) fieldsByName(fragment.selectionSet, info, out);
    }
  }
  return out;
}

/** The result column: camel case, so that it survives the camel-case plugin both ways. */
const aliasOf = (field: string) => `rexianRel${field[0]!.toUpperCase()}${field.slice(1)}`;

/** JSON object keys are parameters of jsonb_build_object (100 arguments at most: 50 columns). */
const MAX_COLUMNS = 50;

/**
 * The relations of `spec`'s rows that the selection of `info` asks for and that can come with the rows: references
 * (`unit { … }`) and declared child lists (`events { … }`), each within the caller's row scope.
 */
export function prefetchesFor(ctx: Context, spec: ResourceSpec, info: GraphQLResolveInfo): Prefetch[] {
  const selected = new Map<string, FieldNode[]>();
  for (const node of info.fieldNodes) fieldsByName(node.selectionSet, info, selected);
  const out: Prefetch[] = [];
  const add = (field: string, shape: Shape | undefined, on: Relation['on']) => {
    const nodes = selected.get(field);
    if (!nodes || !shape) return;
    const columns = columnsRead(shape.reads, nodes, info.fragments);
    if (!columns || columns.length > MAX_COLUMNS || columns.some((c) => !shape.kinds.has(c))) return;
    out.push({
      field,
      relation: { alias: aliasOf(field), table: shape.table, columns, on, restrict: (q) => rowScope(ctx, shape.table, q) },
      instants: columns.filter((c) => shape.kinds.get(c) === 'instant'),
    });
  };
  for (const f of spec.fields) {
    if (!f.ref || f.list) continue;
    const target = resources.get(f.ref.type);
    add(f.ref.field, target && target.table === f.ref.table ? shapeOfResource(target) : undefined, { column: f.column ?? f.name });
  }
  for (const [field, child] of Object.entries(spec.children ?? {})) add(field, shapeOfChild(child), { foreignKey: child.foreignKey });
  return out;
}

/** Moves the relations read with `row` from their JSON columns to where the relation fields find them. */
export function keepPrefetched<R extends Row | undefined>(row: R, prefetches: readonly Prefetch[]): R {
  if (!row || !prefetches.length) return row;
  const kept: Prefetched = {};
  for (const p of prefetches) {
    if (!(p.relation.alias in row)) continue;
    const value = row[p.relation.alias] as Row | Row[] | null;
    delete row[p.relation.alias];
    const fix = (r: Row) => {
      for (const c of p.instants) if (typeof r[c] === 'string') r[c] = new Date(r[c]);
      return r;
    };
    kept[p.field] = value == null ? ('column' in p.relation.on ? null : []) : Array.isArray(value) ? value.map(fix) : fix(value);
  }
  Object.defineProperty(row, PREFETCHED, { value: kept, enumerable: false });
  return row;
}

/** The relation `field` of `row` if it was read with the row (null: none, or out of the caller's scope), else `load()`'s. */
export function prefetchedOr<T extends Row | Row[] | null>(row: Row, field: string, load: () => Promise<T>): T | Promise<T> {
  const kept = (row as { [PREFETCHED]?: Prefetched })[PREFETCHED];
  return kept && field in kept ? (kept[field] as T) : load();
}
