// Workflow mutations (acceptTicket, submitClosure, …) outside the CRUD convention. The document is built from the
// static schema, so only arguments the mutation declares are sent, with their declared types.
import type { IntrospectionInputTypeRef, IntrospectionObjectType } from 'graphql';
import { schema } from '../schema';
import { graphqlRequest } from './request';

const typeString = (t: IntrospectionInputTypeRef): string =>
  t.kind === 'NON_NULL' ? `${typeString(t.ofType)}!` : t.kind === 'LIST' ? `[${typeString(t.ofType)}]` : t.name;

export function mutationArgs(name: string) {
  const mutation = schema.types.find((t) => t.name === schema.mutationType?.name) as IntrospectionObjectType | undefined;
  return mutation?.fields.find((f) => f.name === name)?.args ?? [];
}

export async function runMutation(name: string, variables: Record<string, unknown>): Promise<unknown> {
  const args = mutationArgs(name).filter((a) => variables[a.name] !== undefined);
  const decl = args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const document = `mutation ${name}${decl ? `(${decl})` : ''} { ${name}${call ? `(${call})` : ''} { id } }`;
  const sent = Object.fromEntries(args.map((a) => [a.name, variables[a.name]]));
  const data = await graphqlRequest<Record<string, unknown> | null>(document, sent);
  return data?.[name];
}
