// Length caps on every string a request carries — arguments written in the document, variables, their defaults,
// nested input objects, lists and JSON values (sheet rows, sheet filters) — checked by the abuse-limits plugin
// before anything executes. They are a backstop against oversized input (a 100,000-character search `q` kept a
// connection busy for 27 s); each field's own rule (FieldSpec.maxLength, the workflow's textArg) stays the exact,
// smaller limit with its own field error, so every cap here is at least as large as the largest such rule.
import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether a variable's value is JSON-shaped data to look inside: arrays and plain objects. An uploaded File (and any
 * buffer behind it) is not — walking its entries visited every byte of a 9 MB upload and stalled the server 4 s.
 */
export function isJsonContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Free-text search (`q`, any `*_like`): runs as ILIKE '%…%' on every searchable column of each row scanned. */
export const MAX_SEARCH_LENGTH = 100;
/** Any other string: names, codes, ids, months, enum values, sort fields (the longest field rule is 2,000). */
export const MAX_STRING_LENGTH = 2_000;
/** Long text (the fields below, and any string inside a JSON value): the longest field rule is 4,000. */
export const MAX_LONG_TEXT_LENGTH = 20_000;
/** Nesting beyond this is refused outright (no argument of the schema nests deeper than a sheet row's list). */
const MAX_DEPTH = 20;

/**
 * Fields and arguments that hold long text: 诉求内容, 答复内容, 认定依据, 诉求认定, 现场处置情况, 办结说明, notes, reasons,
 * 约谈/帮扶/点评/暗访 findings, 会议议程/纪要/议定事项. Every field whose own limit is 2,000 or more is here (a test checks the registers).
 */
export const LONG_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'content', 'replyText', 'factBasis', 'demand', 'siteVisit', 'completionNote', 'decisionNote', 'note', 'reason',
  'description', 'nomination', 'findings', 'rectification', 'followUp', 'bottlenecks', 'advice', 'outcome', 'decision',
  'summary', 'problems', 'leadingGroupComment', 'finding', 'agenda', 'minutes', 'text', 'doneNote',
]);

/** Where the JSON holds rows of a register rather than arbitrary data: its strings are checked as that register's. */
const JSON_ROWS = new Set(['rows', 'filter']);

export const isSearchField = (name: string) => name === 'q' || name.endsWith('_like');

/** The cap for a string under this argument or field name. */
export function stringLimit(name: string, inJson = false): number {
  if (isSearchField(name)) return MAX_SEARCH_LENGTH;
  if (LONG_TEXT_FIELDS.has(name) || inJson) return MAX_LONG_TEXT_LENGTH;
  return MAX_STRING_LENGTH;
}

const COMMON_LABELS: Record<string, string> = { q: '搜索', password: '密码', username: '用户名', resource: '台账', sortField: '排序字段', sortOrder: '排序方向' };

/** A register's field label (its object type's field description), or a known name, or the name itself. */
function labelOf(name: string, owner: GraphQLNamedType | null | undefined): string {
  if (isSearchField(name)) return '搜索';
  const described = owner && (isObjectType(owner) || isInterfaceType(owner)) ? owner.getFields()[name]?.description : undefined;
  if (described && described.length <= 20 && !/[，。；：,.;:]/.test(described)) return described;
  return COMMON_LABELS[name] ?? name;
}

interface Found { name: string; label: string; limit: number; length: number; row?: number }

/**
 * The first string of the operation over its cap, as a BAD_USER_INPUT naming the field (and the sheet row), or
 * undefined. Walks the arguments of the operation that runs, typed by the schema, with variables and defaults.
 */
export function oversizedString(document: DocumentNode, operationName: string | null | undefined, schema: GraphQLSchema, variables: Record<string, unknown> = {}): GraphQLError | undefined {
  const op = getOperationAST(document, operationName);
  if (!op) return undefined;
  const vars: Record<string, unknown> = {};
  for (const d of op.variableDefinitions ?? []) if (d.defaultValue) vars[d.variable.name.value] = valueFromASTUntyped(d.defaultValue);
  Object.assign(vars, variables);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const spread = new Set<string>();
  let found: Found | undefined;
  let tooDeep = false;

  /** `owner` names labels; `inJson` once below a JSON scalar; `row` is the 1-based index in a sheet's rows. */
  const check = (value: unknown, type: GraphQLInputType | undefined, name: string, owner: GraphQLNamedType | null | undefined, inJson: boolean, depth: number, row?: number): void => {
    if (found || tooDeep || value === null || value === undefined) return;
    if (depth > MAX_DEPTH) {
      tooDeep = true;
      return;
    }
    if (typeof value === 'string') {
      const limit = stringLimit(name, inJson);
      if (value.length > limit) found = { name, label: labelOf(name, owner), limit, length: value.length, row };
      return;
    }
    if (!isJsonContainer(value)) return; // numbers, booleans, and uploads (File), whose bytes are no text to check
    const named = type ? getNamedType(type) : undefined;
    const json = inJson || named?.name === 'JSON';
    if (Array.isArray(value)) {
      const rows = json && !inJson && name === 'rows';
      value.forEach((v, i) => check(v, type, name, owner, json, depth + 1, rows ? i + 1 : row));
      return;
    }
    const fields = named && isInputObjectType(named) ? named.getFields() : undefined;
    // XFilter's fields are register X's: label them from X.
    const inner = named && isInputObjectType(named) && named.name.endsWith('Filter') ? schema.getType(named.name.slice(0, -'Filter'.length)) ?? owner : owner;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k.length > MAX_STRING_LENGTH && !found) found = { name, label: labelOf(name, owner), limit: MAX_STRING_LENGTH, length: k.length, row };
      check(v, fields?.[k]?.type, k, inner, json, depth + 1, row);
    }
  };

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined): void => {
    for (const sel of set.selections) {
      if (found || tooDeep) return;
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (f && !spread.has(f.name.value)) {
          spread.add(f.name.value);
          walk(f.selectionSet, schema.getType(f.typeCondition.name.value));
        }
        continue;
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent);
        continue;
      }
      const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
      const returned = def ? getNamedType(def.type) : undefined;
      const args = (sel.arguments ?? []).map((a) => ({ name: a.name.value, value: valueFromASTUntyped(a.value, vars), type: def?.args.find((d) => d.name === a.name.value)?.type }));
      // saveSheet/sheetRows name their register in `resource`: their JSON rows and filter are that register's.
      const resource = args.find((a) => a.name === 'resource')?.value;
      const register = typeof resource === 'string' && resource.length <= 100 ? schema.getType(resource) : undefined;
      for (const a of args) {
        const owner = register && JSON_ROWS.has(a.name) ? register : returned;
        check(a.value, a.type, a.name, owner, false, 0);
      }
      if (sel.selectionSet) walk(sel.selectionSet, returned);
    }
  };
  const root = op.operation === 'mutation' ? schema.getMutationType() : op.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  walk(op.selectionSet, root);

  if (tooDeep) return new GraphQLError(`输入嵌套过深（最多 ${MAX_DEPTH} 层）`, { extensions: { code: 'BAD_USER_INPUT', fieldErrors: {} } });
  if (!found) return undefined;
  const where = found.row ? `第 ${found.row} 行“${found.label}”` : `“${found.label}”`;
  const hint = `最多 ${found.limit} 个字符`;
  return new GraphQLError(`${where}过长：${hint}（收到 ${found.length} 个）`, {
    extensions: { code: 'BAD_USER_INPUT', fieldErrors: { [found.name]: hint }, field: found.name, maxLength: found.limit, ...(found.row ? { row: found.row } : {}) },
  });
}
