// Abuse limits beyond graphql-armor's (depth, aliases, tokens): a cost that multiplies by page size, a cap on
// batch inputs, string lengths (stringLimits.ts) and NUL bytes. Who may introspect is security/introspection.ts's.
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import { isJsonContainer, oversizedString } from './stringLimits';

export const MAX_BATCH_ROWS = 500;
export const DEFAULT_MAX_COST = 25_000;
/** Assumed size of a nested list without a page size (a ticket's events, callbacks). */
const NESTED_LIST_GUESS = 20;
const DEFAULT_PAGE = 25;

const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });

function argValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE: return variables[node.name.value];
    case Kind.INT: return Number(node.value);
    case Kind.LIST: return node.values.map((v) => argValue(v, variables));
    case Kind.OBJECT: return Object.fromEntries(node.fields.map((f) => [f.name.value, argValue(f.value, variables)]));
    case Kind.NULL: return null;
    default: return 'value' in node ? node.value : undefined;
  }
}

/**
 * Cost of an operation: every field costs 1, and a list field multiplies what is selected under it by its page size
 * (`perPage`, or the number of `filter.ids`, or 25 by default); nested lists without a page size count as 20 rows.
 */
export function operationCost(document: DocumentNode, operationName: string | null | undefined, schema: import('graphql').GraphQLSchema, variables: Record<string, unknown> = {}): number {
  const op = getOperationAST(document, operationName);
  if (!op) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = op.operation === 'mutation' ? schema.getMutationType() : op.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, type: GraphQLNamedType | null | undefined, depth: number): number => {
    if (depth > 20) return 1e9; // cycles through fragments are already invalid; be safe anyway
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (f && !seen.has(f.name.value)) {
          seen.add(f.name.value);
          total += walk(f.selectionSet, schema.getType(f.typeCondition.name.value), depth + 1);
          seen.delete(f.name.value);
        }
        continue;
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type, depth + 1);
        continue;
      }
      total += 1;
      if (!sel.selectionSet) continue;
      const def = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[sel.name.value] : undefined;
      let multiplier = 1;
      if (def && isListType(getNullableType(def.type))) {
        const args = new Map(sel.arguments?.map((a) => [a.name.value, argValue(a.value, variables)]));
        const perPage = args.get('perPage');
        const ids = (args.get('filter') as { ids?: unknown } | null | undefined)?.ids;
        if (typeof perPage === 'number') multiplier = Math.max(1, perPage);
        else if (Array.isArray(ids)) multiplier = Math.max(1, ids.length);
        else multiplier = def.args.some((a) => a.name === 'perPage') ? DEFAULT_PAGE : NESTED_LIST_GUESS;
      }
      total += multiplier * walk(sel.selectionSet, def ? getNamedType(def.type) : undefined, depth + 1);
    }
    return total;
  };
  return walk(op.selectionSet, root, 0);
}

/** The longest array anywhere in the variables (batch saves, id lists). */
function longestArray(value: unknown, depth = 0): number {
  if (depth > 10 || !isJsonContainer(value)) return 0;
  if (Array.isArray(value)) return Math.max(value.length, ...value.slice(0, MAX_BATCH_ROWS + 1).map((v) => longestArray(v, depth + 1)));
  return Math.max(0, ...Object.values(value as object).map((v) => longestArray(v, depth + 1)));
}

/** PostgreSQL text cannot hold U+0000: refused here as bad input rather than failing deep in a query. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 10 || !isJsonContainer(value)) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/**
 * What a parsed document alone decides, kept with it (yoga hands every request with the same query text the same
 * document): whether it writes a NUL, and the string-length and cost checks of each of its operations that has no
 * variables (a list page's query is sent again and again with its arguments written in it).
 */
interface DocumentChecks {
  hasNul: boolean;
  withoutVariables: Map<string, { oversized: GraphQLError | undefined; cost: number }>;
}
const checksByDocument = new WeakMap<DocumentNode, DocumentChecks>();
function documentChecksOf(document: DocumentNode): DocumentChecks {
  let checks = checksByDocument.get(document);
  if (!checks) {
    let hasNul = false;
    visit(document, { StringValue: (node) => void (hasNul ||= node.value.includes('\u0000')) });
    checksByDocument.set(document, (checks = { hasNul, withoutVariables: new Map() }));
  }
  return checks;
}

/** The string-length and cost checks of the operation, from the document's own when it takes no variables. */
function operationChecks(document: DocumentNode, operationName: string | null | undefined, schema: GraphQLSchema, variables: Record<string, unknown>) {
  const run = () => ({ oversized: oversizedString(document, operationName, schema, variables), cost: operationCost(document, operationName, schema, variables) });
  const op = getOperationAST(document, operationName);
  if (!op || op.variableDefinitions?.length || Object.keys(variables).length) return run();
  const kept = documentChecksOf(document).withoutVariables;
  let checked = kept.get(operationName ?? '');
  if (!checked) kept.set(operationName ?? '', (checked = run()));
  return checked;
}

export function useAbuseLimits(opts: { production: boolean; maxCost?: number }): Plugin<Context> {
  const maxCost = opts.maxCost ?? DEFAULT_MAX_COST;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const refuse = (error: GraphQLError) => setResultAndStopExecution({ errors: [error] });
      if (hasNul(variables) || documentChecksOf(args.document).hasNul) return refuse(badInput('输入中含有不允许的控制字符 (U+0000)'));
      // Every string argument, variable and nested value within its length cap (security/stringLimits.ts).
      const { oversized, cost } = operationChecks(args.document, args.operationName, args.schema, variables);
      if (oversized) return refuse(oversized);
      if (longestArray(variables) > MAX_BATCH_ROWS) return refuse(badInput(`一次最多提交 ${MAX_BATCH_ROWS} 行`, { maxRows: MAX_BATCH_ROWS }));
      // Who may run which operation (an API_READER: no mutation but login/logout) is the gate's (auth/gate.ts).
      if (cost > maxCost) return refuse(badInput(`查询过于复杂（估算代价 ${cost}，上限 ${maxCost}）：请减少每页条数或嵌套字段`, { cost, maxCost }));
    },
  };
}
