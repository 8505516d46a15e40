// The static introspection schema (written by `pnpm schema:print`): production can turn introspection off.
import type { IntrospectionQuery, IntrospectionSchema, IntrospectionObjectType } from 'graphql';
import introspection from './introspection.json';

const raw = introspection as unknown as IntrospectionQuery | { data: IntrospectionQuery };
export const schema: IntrospectionSchema = 'data' in raw ? raw.data.__schema : raw.__schema;

const rootFields = (name: string | undefined) =>
  new Set(
    (schema.types.find((t) => t.name === name) as IntrospectionObjectType | undefined)?.fields.map((f) => f.name) ?? [],
  );
const queries = rootFields(schema.queryType?.name);
const mutations = rootFields(schema.mutationType?.name ?? undefined);

// ra-data-graphql-simple pluralises with `pluralize`; these are the names it derives for our resources.
const PLURALS: Record<string, string> = {};
export const pluralOf = (name: string) => PLURALS[name] ?? `${name}s`;

/** Which of the ra-data-graphql-simple operations the API offers for a resource. A create or update that takes
 * no field (e.g. closure audits, written only by their workflow) does not count. */
export function operationsOf(resource: string) {
  const fieldArgs = (op: string) => [...argsOf(op)].filter((a) => a !== 'id' && a !== 'version').length;
  return {
    list: queries.has(`all${pluralOf(resource)}`),
    one: queries.has(resource),
    create: mutations.has(`create${resource}`) && fieldArgs(`create${resource}`) > 0,
    update: mutations.has(`update${resource}`) && fieldArgs(`update${resource}`) > 0,
    delete: mutations.has(`delete${resource}`),
  };
}

/** The fields a create or update of the resource accepts: the others are shown read-only. */
export function writableFields(resource: string, mode: 'create' | 'edit'): Set<string> {
  return argsOf(`${mode === 'create' ? 'create' : 'update'}${resource}`);
}

/** The arguments an operation takes, e.g. whether `updateUser` accepts `password`. */
export function argsOf(operation: string): Set<string> {
  for (const t of [schema.queryType?.name, schema.mutationType?.name]) {
    const f = (schema.types.find((x) => x.name === t) as IntrospectionObjectType | undefined)?.fields.find((x) => x.name === operation);
    if (f) return new Set(f.args.map((a) => a.name));
  }
  return new Set();
}

const SCALAR_KINDS = new Set(['SCALAR', 'ENUM']);
/** The fields of a type that are scalars, enums or lists of them: what a list page needs (no nested records). */
export function scalarFieldsOf(type: string): string[] {
  const t = schema.types.find((x) => x.name === type) as IntrospectionObjectType | undefined;
  const finalKind = (ref: any): string => (ref.ofType ? finalKind(ref.ofType) : ref.kind);
  return (t?.fields ?? []).filter((f) => SCALAR_KINDS.has(finalKind(f.type)) && !f.name.startsWith('_')).map((f) => f.name);
}
