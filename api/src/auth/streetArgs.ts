// The street boundary for arguments, checked once before execution (next to the operation gate): every id a root
// field is given — streetId, unitId, ticketId, districtId, nodeId, a register's id, ids inside input objects — must
// name a row the caller sees (auth/scope.ts). One of another street answers NOT_FOUND for that field, never
// FORBIDDEN and never data, and nothing executes, so nothing is written and no audit row is left. Resolvers keep
// their own row scope; this is the place no resolver can forget. District accounts are not checked here.
import { GraphQLError, getArgumentValues, getOperationAST, type GraphQLObjectType } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import { resources, toDbId } from '../schema/resource';
import { rootFields } from './gate';
import { OPERATION_ACCESS } from './operations';
import { callerScope, rowScope } from './scope';

/** Argument (or input field) names → the table their ids point into. */
const ARG_TABLES: Record<string, { table: string; label: string }> = {
  streetId: { table: 'street', label: '街镇' },
  districtId: { table: 'district', label: '区' },
  unitId: { table: 'unit', label: '单位' },
  toUnitId: { table: 'unit', label: '单位' },
  ticketId: { table: 'ticket', label: '工单' },
  ticketIds: { table: 'ticket', label: '工单' },
  masterTicketId: { table: 'ticket', label: '工单' },
  returnRequestId: { table: 'returnRequest', label: '退单申请' },
  returnRequestIds: { table: 'returnRequest', label: '退单申请' },
  extensionRequestId: { table: 'extensionRequest', label: '延期申请' },
  leaderOrderId: { table: 'leaderOrder', label: '领导督办单' },
  visitIds: { table: 'undercoverVisit', label: '暗访' },
  staffUserId: { table: 'appUser', label: '用户' },
  leaderUserId: { table: 'appUser', label: '用户' },
  meetingId: { table: 'meeting', label: '会议' },
  quotaId: { table: 'negativeQuota', label: '负面指标配额' },
  ownerUnitId: { table: 'unit', label: '单位' },
  ownerUserId: { table: 'appUser', label: '用户' },
};
const NODE_TABLES: Record<string, { table: string; label: string }> = {
  UNIT: { table: 'unit', label: '单位' },
  STREET: { table: 'street', label: '街镇' },
  DISTRICT: { table: 'district', label: '区' },
};
/** Root fields whose `id` is not a ticket's or a register's. */
const ID_TABLES: Record<string, { table: string; label: string }> = {
  recordUndercoverVisit: { table: 'undercoverVisit', label: '暗访' },
  revokeApiToken: { table: 'apiToken', label: '接口令牌' },
  completeLeaderOrder: { table: 'leaderOrder', label: '领导督办单' },
  // Ticket steps the duty leader shares (their rule is a role list, not a lifecycle action).
  dispatchTicket: { table: 'ticket', label: '工单' },
  recordFirstContact: { table: 'ticket', label: '工单' },
  confirmLateAcceptance: { table: 'lateAcceptance', label: '拖延接单' },
  dismissLateAcceptance: { table: 'lateAcceptance', label: '拖延接单' },
  hotspotWarning: { table: 'hotspotWarning', label: '苗头预警' },
  acknowledgeHotspot: { table: 'hotspotWarning', label: '苗头预警' },
  Report: { table: 'report', label: '报表' },
  report: { table: 'report', label: '报表' },
  completeMeetingDecision: { table: 'meetingDecision', label: '会议议定事项' },
  completeProactiveTask: { table: 'proactiveTask', label: '主动治理任务' },
};

/** The table a root field's `id` argument points into, if known. */
function idTable(type: 'Query' | 'Mutation', name: string): { table: string; label: string } | undefined {
  if (ID_TABLES[name]) return ID_TABLES[name];
  const entry = OPERATION_ACCESS[`${type}.${name}`];
  if (entry && 'action' in entry.rule) return { table: 'ticket', label: '工单' }; // the ticket workflow's steps
  for (const spec of resources.values()) {
    if (name === spec.name || name === `update${spec.name}` || name === `delete${spec.name}`) return { table: spec.table, label: spec.label };
  }
  return undefined;
}

type Wanted = Map<string, { label: string; ids: Map<number, string[]> }>;

function want(wanted: Wanted, target: { table: string; label: string }, raw: unknown, key: string) {
  const id = toDbId(raw);
  if (id === null) return; // not an id: the resolver reports it
  let t = wanted.get(target.table);
  if (!t) wanted.set(target.table, (t = { label: target.label, ids: new Map() }));
  const keys = t.ids.get(id) ?? [];
  keys.push(key);
  t.ids.set(id, keys);
}

/** Collects the ids of known names anywhere in the arguments (input objects and lists of them too). */
function collect(wanted: Wanted, value: unknown, key: string, depth = 0) {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collect(wanted, v, key, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const [name, v] of Object.entries(obj)) {
    const target = name === 'nodeId' && typeof obj.nodeType === 'string' ? NODE_TABLES[obj.nodeType] : ARG_TABLES[name];
    if (target) {
      for (const one of Array.isArray(v) ? v : [v]) if (one != null && typeof one !== 'object') want(wanted, target, one, key);
    } else collect(wanted, v, key, depth + 1);
  }
}

/** The ids among `ids` of `table` the caller sees. A street account sees only its own district. */
async function visible(ctx: Context, table: string, ids: number[]): Promise<Set<number>> {
  const scope = callerScope(ctx.user);
  let q = (ctx.db as any).selectFrom(table).select('id').where('id', 'in', ids);
  if (table === 'district') q = q.where('id', 'in', (ctx.db as any).selectFrom('street').select('districtId').where('id', '=', scope.streetId));
  else q = rowScope(ctx, table, q);
  const rows = (await q.execute()) as Array<{ id: number }>;
  return new Set(rows.map((r) => r.id));
}

export function useStreetArguments(): Plugin<Record<string, unknown>, Context> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as unknown as Context;
      if (!ctx.user || callerScope(ctx.user).streetId === null) return;
      const op = getOperationAST(args.document, args.operationName);
      if (!op || (op.operation !== 'query' && op.operation !== 'mutation')) return;
      const type = op.operation === 'query' ? 'Query' : 'Mutation';
      const root = (type === 'Query' ? args.schema.getQueryType() : args.schema.getMutationType()) as GraphQLObjectType | null | undefined;
      if (!root) return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const wanted: Wanted = new Map();
      for (const [key, name, node] of rootFields(args.document, op.selectionSet, variables)) {
        const def = root.getFields()[name];
        if (!def) continue;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(def, node, variables);
        } catch {
          continue; // invalid arguments: execution reports them
        }
        collect(wanted, values, key);
        // The DISTRICT node is the whole district's figures: not a street account's (its own street's are).
        if (values.nodeType === 'DISTRICT' && values.nodeId != null) want(wanted, { table: 'district-node', label: '区' }, values.nodeId, key);
        // A sheet's deleted rows are rows of the register it names.
        const sheet = typeof values.resource === 'string' ? resources.get(values.resource) : undefined;
        if (sheet && Array.isArray(values.deletedIds)) for (const id of values.deletedIds) want(wanted, { table: sheet.table, label: sheet.label }, id, key);
        const target = values.id != null ? idTable(type, name) : undefined;
        if (target) want(wanted, target, values.id, key);
      }
      const errors: GraphQLError[] = [];
      const refused = new Set<string>();
      for (const [table, { label, ids }] of wanted) {
        const seen = table === 'district-node' ? new Set<number>() : await visible(ctx, table, [...ids.keys()]);
        for (const [id, keys] of ids) {
          if (seen.has(id)) continue;
          for (const key of keys) {
            if (refused.has(key)) continue;
            refused.add(key);
            errors.push(new GraphQLError(`${label} ${id} 不存在`, { path: [key], extensions: { code: 'NOT_FOUND' } }));
          }
        }
      }
      if (errors.length) setResultAndStopExecution({ data: null, errors });
    },
  };
}
