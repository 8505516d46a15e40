// The one place roles are enforced for whole operations: before execution, every root field the request selects
// (through fragments and aliases, minus those @skip/@include leave out) is checked against auth/operations.ts.
// Anonymous callers get UNAUTHENTICATED for anything not public; a role the table does not grant gets FORBIDDEN with
// `reason: 'ROLE'` (row-level refusals inside resolvers carry no reason) — and nothing runs, so nothing is written.
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type FieldNode, type SelectionSetNode, type DirectiveNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import { unauthenticated } from '../errors';
import { operationAccess, principalMayCall } from './operations';

const ROOT_TYPE = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

function included(directives: readonly DirectiveNode[] | undefined, variables: Record<string, unknown>): boolean {
  for (const d of directives ?? []) {
    if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value = arg.value.kind === Kind.BOOLEAN ? arg.value.value : arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] === true : false;
    if (d.name.value === 'skip' ? value : !value) return false;
  }
  return true;
}

/** The root fields an operation will execute: [response key, field name, the field's node]. */
export function rootFields(document: DocumentNode, selectionSet: SelectionSetNode, variables: Record<string, unknown>): Array<[string, string, FieldNode]> {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const out: Array<[string, string, FieldNode]> = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (!included(s.directives, variables)) continue;
      if (s.kind === Kind.FIELD) out.push([s.alias?.value ?? s.name.value, s.name.value, s]);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return out;
}

export function useOperationGate(): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const op = getOperationAST(args.document, args.operationName);
      if (!op) return; // execution reports the missing operation itself
      const ctx = args.contextValue as unknown as Context;
      const type = ROOT_TYPE[op.operation];
      const errors: GraphQLError[] = [];
      for (const [key, name] of rootFields(args.document, op.selectionSet, (args.variableValues ?? {}) as Record<string, unknown>)) {
        if (name.startsWith('__')) continue; // __typename, introspection (limited by the abuse limits)
        const operation = `${type}.${name}`;
        const entry = operationAccess(operation);
        if (entry && 'public' in entry.rule && !ctx.user) continue;
        if (!ctx.user) return setResultAndStopExecution({ errors: [unauthenticated()] });
        if (principalMayCall(ctx.user, operation)) continue;
        // An API token (any role) may not sign in or out: login/logout are a person's session.
        const byToken = !!entry?.notForTokens && ctx.user.tokenId !== null;
        errors.push(
          new GraphQLError(byToken ? `接口令牌不能调用「${entry.label}」：请去掉 Authorization 请求头` : `没有「${entry?.label ?? name}」的权限`, {
            path: [key],
            extensions: { code: 'FORBIDDEN', reason: byToken ? 'TOKEN' : 'ROLE', operation },
          }),
        );
      }
      if (errors.length) setResultAndStopExecution({ data: null, errors });
    },
  };
}
