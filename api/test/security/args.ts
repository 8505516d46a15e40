// Type-valid requests for any root field of the live schema, so a call reaches the gate and the resolver
// (shared by access.test.ts and operations.test.ts).
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

/** A type-valid literal for an argument; `id` is the value of every ID and String (default "1"). */
export function literal(type: GraphQLInputType, id = '1'): string {
  if (isNonNullType(type)) return literal(type.ofType, id);
  if (isListType(type)) return `[${literal(type.ofType, id)}]`;
  const named = getNamedType(type)!;
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, id)}`).join(', ')} }`;
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'Int': return '1';
      case 'Float': return '1.5';
      case 'Boolean': return 'true';
      case 'Date': return '"2023-06-21"';
      case 'DateTime': return '"2023-06-21T01:00:00Z"';
      case 'JSON': return '{}';
      case 'File': return 'null';
      default: return JSON.stringify(id);
    }
  }
  return 'null';
}

export function selection(field: GraphQLField<unknown, unknown>): string {
  const t = getNamedType(field.type);
  return isScalarType(t) || isEnumType(t) ? '' : ' { __typename }';
}

/** `name(args) { __typename }` with every required argument but files. */
export function fieldCall(field: GraphQLField<unknown, unknown>, opts: { alias?: string; id?: string } = {}): string {
  const args = field.args.filter((a) => isNonNullType(a.type) && getNamedType(a.type)!.name !== 'File');
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type, opts.id)}`).join(', ')})` : '';
  return `${opts.alias ? `${opts.alias}: ` : ''}${field.name}${argText}${selection(field)}`;
}

export function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  return `${kind} { ${fieldCall(field)} }`;
}

export const hasFileArg = (field: GraphQLField<unknown, unknown>) => field.args.some((a) => getNamedType(a.type)!.name === 'File');
