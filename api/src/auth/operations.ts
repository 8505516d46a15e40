// Role × operation: who may call each root Query and Mutation field (domain.md §8), as data, in one place.
// The gate (auth/gate.ts) checks every root field of a request against it before anything executes; resolvers
// keep only the checks that need the row or the arguments (a handler's own unit, the state machine, the register
// a sheet names). Generated register operations (X, allXs, _allXsMeta, createX, updateX, deleteX) answer from the
// register's own access (RESOURCE_ACCESS or the resource's declared `access`), so `mayCall` covers every field.
// There are no export routes outside GraphQL: the .xlsx exports are the queries rankingExport and kpiTableExport.
import { ACTION_ROLES, DISCIPLINE_FILERS, LEADER_ORDER_COMPLETERS } from '../domain/lifecycle';
import type { Principal } from '../repos/auth';
import { resources } from '../schema/resource';
import { SHEET_RESOURCES } from '../schema/sheet';
import { EVERYONE, MAY_REVEAL_PERSONAL_DATA, RESOURCE_ACCESS, STAFF, can, mayRevealPersonalData, type Role } from './roles';

export type Rule =
  /** Anyone, signed in or not. */
  | { public: true }
  | { roles: readonly Role[] }
  /** A ticket step: the roles live with the state machine (domain/lifecycle.ts ACTION_ROLES). */
  | { action: keyof typeof ACTION_ROLES }
  /** Reads or writes one register's data: that register's row of the matrix. */
  | { register: string; access: 'read' | 'write' }
  /** Names the register in its arguments (sheets): any role that may read/write one of them; the resolver checks the one named. */
  | { anyRegister: 'read' | 'write'; of: Iterable<string> };

export interface OperationAccess {
  /** The operation in Chinese, for the refusal: 没有「label」的权限. */
  label: string;
  rule: Rule;
  /** Decides for the signed-in principal where more than the role counts (the role rule is what it grants alone). */
  principal?: (p: Principal) => boolean;
  /** Refused to a request authenticated by an API token (Bearer), whatever its role: sessions are for people. */
  notForTokens?: true;
}

const read = (register: string): Rule => ({ register, access: 'read' });
const write = (register: string): Rule => ({ register, access: 'write' });
const step = (action: keyof typeof ACTION_ROLES): Rule => ({ action });
/** Hotspot warnings (domain.md §5) go to the holding units and the 分管领导; 城运中心 and API readers watch them. */
const HOTSPOT_READERS: Role[] = ['OPS', 'LEADER', 'API_READER', 'UNIT_HANDLER'];
/** Signed in, any role: what each sees is scoped in the resolver (a unit handler: its own unit). */
const signedIn: Rule = { roles: EVERYONE };

/** Every root field that is not a generated register operation. Keys: `Query.x` / `Mutation.x`. */
export const OPERATION_ACCESS: Record<string, OperationAccess> = {
  // ——— session ———
  'Query.me': { label: '查看当前用户', rule: { public: true } },
  'Mutation.login': { label: '登录', rule: { public: true }, notForTokens: true },
  'Mutation.logout': { label: '退出登录', rule: { public: true }, notForTokens: true },
  'Mutation.createApiToken': { label: '创建接口令牌', rule: { roles: ['ADMIN'] } },
  'Mutation.revokeApiToken': { label: '吊销接口令牌', rule: { roles: ['ADMIN'] } },
  // Any signed-in person but a read-only account (a street account may only "choose" its own street); schema/workingStreet.ts.
  'Mutation.setWorkingStreet': { label: '选择办理街镇', rule: { roles: EVERYONE.filter((r) => r !== 'API_READER') }, notForTokens: true },

  // ——— work lists ———
  'Query.myWork': { label: '查看我的待办', rule: signedIn },
  'Subscription.changes': { label: '接收实时更新', rule: signedIn },
  'Subscription.ticketChanged': { label: '接收工单实时更新', rule: read('Ticket') },
  'Query.repeatSuggestions': { label: '查看重复件合并建议', rule: read('Ticket') },
  'Query.ticketsByNumber': { label: '按编号查找工单', rule: read('Ticket') },
  'Query.warnings': { label: '查看预警', rule: read('Warning') },
  // 苗头 (schema/hotspots.ts): a unit handler sees and acknowledges only warnings its unit holds tickets of.
  'Query.hotspots': { label: '查看苗头预警', rule: { roles: HOTSPOT_READERS } },
  'Query.hotspotWarnings': { label: '查看苗头预警', rule: { roles: HOTSPOT_READERS } },
  'Query.hotspotWarning': { label: '查看苗头预警', rule: { roles: HOTSPOT_READERS } },
  'Query.hotspotRule': { label: '查看苗头规则', rule: { roles: HOTSPOT_READERS } },
  'Mutation.acknowledgeHotspot': { label: '签收苗头预警', rule: { roles: ['OPS', 'LEADER', 'UNIT_HANDLER'] } },
  'Query.returnCounts': { label: '查看退单统计', rule: { roles: STAFF } },
  'Query.unsatisfiedDigest': { label: '查看不满意件推送', rule: signedIn },
  'Query.unsatisfiedPush': { label: '查看不满意件推送', rule: signedIn },
  'Mutation.revealTicketPersonalData': {
    label: '查看市民个人信息',
    rule: { roles: MAY_REVEAL_PERSONAL_DATA },
    // Also anyone granted the personal-data permission; never an API token (auth/roles.ts).
    principal: (p) => mayRevealPersonalData(p),
  },

  // ——— the ticket workflow (domain/lifecycle.ts) ———
  // The duty leader of the week may dispatch, contact and call back on that week's tickets (domain/lifecycle.ts DUTY_LEADER_ACTIONS).
  'Mutation.dispatchTicket': { label: '派单', rule: { roles: [...ACTION_ROLES.dispatch, 'LEADER'] } },
  // 批量派单 is the 城运中心's: a duty leader dispatches one ticket at a time, each with its own 批示.
  'Mutation.dispatchTickets': { label: '批量派单', rule: step('dispatch') },
  'Mutation.acceptTicket': { label: '签收', rule: step('accept') },
  'Mutation.recordFirstContact': { label: '登记先行联系', rule: { roles: [...ACTION_ROLES.recordFirstContact, 'LEADER'] } },
  'Mutation.submitClosure': { label: '提交办结', rule: step('submitClosure') },
  'Mutation.auditClosure': { label: '进行办结审核', rule: step('auditClosure') },
  'Mutation.reopenTicket': { label: '重办', rule: step('reopen') },
  'Mutation.requestReturn': { label: '申请退单', rule: step('requestReturn') },
  'Mutation.requestExtension': { label: '申请延期', rule: step('requestExtension') },
  'Mutation.decideReturn': { label: '审批退单', rule: step('decideReturn') },
  'Mutation.approveReturnAsMainLeader': { label: '审批退单', rule: step('decideReturn') },
  'Mutation.decideExtension': { label: '审批延期', rule: step('approveExtension') },
  'Mutation.recordCallback': { label: '登记回访', rule: { roles: [...ACTION_ROLES.recordCallback, 'LEADER'] } },
  'Mutation.recordDisciplineFiling': { label: '登记纪检备案', rule: { roles: DISCIPLINE_FILERS } },
  'Mutation.issueLeaderOrder': { label: '下达领导督办单', rule: step('leaderSupervision') },
  'Mutation.completeLeaderOrder': { label: '办结领导督办单', rule: { roles: LEADER_ORDER_COMPLETERS } },

  // ——— 暗访 ———
  'Query.undercoverSample': { label: '查看暗访抽样', rule: read('UndercoverVisit') },
  'Mutation.drawUndercoverSample': { label: '抽取暗访样本', rule: { roles: ['OPS'] } },
  'Mutation.recordUndercoverVisit': { label: '登记暗访结果', rule: write('UndercoverVisit') },

  // ——— reports and exports (a unit handler sees its own unit's rows) ———
  'Query.unitRanking': { label: '查看单位排名', rule: signedIn },
  'Query.streetRanking': { label: '查看街镇排名', rule: signedIn },
  'Query.kpis': { label: '查看指标', rule: signedIn },
  'Query.kpiTrend': { label: '查看指标趋势', rule: signedIn },
  'Query.kpiExplain': { label: '查看指标明细', rule: signedIn },
  'Query.gapToTarget': { label: '查看目标差距', rule: signedIn },
  'Query.rankingStatus': { label: '查看排名发布状态', rule: signedIn },
  'Query.rankingPublishCheck': { label: '查看发布前提示', rule: { roles: STAFF } },
  'Query.rankingExport': { label: '导出单位排名', rule: signedIn },
  'Query.kpiTableExport': { label: '导出指标表', rule: signedIn },
  'Mutation.publishUnitRanking': { label: '发布排名', rule: { roles: ['OPS', 'LEADER'] } },
  'Query.interviewCandidates': { label: '查看约谈候选', rule: read('Interview') },
  'Query.assistanceCandidates': { label: '查看帮扶候选', rule: read('Assistance') },
  // The report archive (schema/report-archive.ts): 纪检 reads the ranking notices only (checked in the resolver).
  'Query.allReports': { label: '查看报表', rule: { roles: ['OPS', 'LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'API_READER'] } },
  'Query._allReportsMeta': { label: '查看报表', rule: { roles: ['OPS', 'LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'API_READER'] } },
  'Query.Report': { label: '查看报表', rule: { roles: ['OPS', 'LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'API_READER'] } },
  'Query.report': { label: '查看报表', rule: { roles: ['OPS', 'LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'API_READER'] } },
  'Query.reportContent': { label: '查看报表', rule: { roles: ['OPS', 'LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'API_READER'] } },
  'Mutation.generateReport': { label: '生成报表', rule: { roles: ['OPS', 'LEADER'] } },

  // ——— registers beyond CRUD ———
  'Mutation.importTickets': { label: '导入工单', rule: { roles: ['OPS'] } },
  'Query.checkImport': { label: '检查导入文件', rule: { roles: ['OPS'] } },
  'Mutation.checkImport': { label: '检查导入文件', rule: { roles: ['OPS'] } },
  'Query.negativeQuotaStatus': { label: '查看负面指标配额', rule: read('NegativeQuota') },
  // 拖延接单 and quota alerts (schema/supervision.ts): flagged by the system, confirmed by the 城运中心 clerk.
  'Query.lateAcceptanceCounts': { label: '查看拖延接单统计', rule: read('LateAcceptance') },
  'Mutation.confirmLateAcceptance': { label: '确认拖延接单', rule: { roles: ['OPS'] } },
  'Mutation.dismissLateAcceptance': { label: '不予认定拖延接单', rule: { roles: ['OPS'] } },
  'Mutation.confirmQuotaExceeded': { label: '确认负面指标超配额', rule: { roles: ['OPS'] } },
  // 每日预警汇总 (schema/digest.ts): each reader gets the lists of its level.
  'Query.warningDigest': { label: '查看每日预警汇总', rule: { roles: ['OPS', 'LEADER', 'UNIT_HANDLER'] } },
  'Query.unitsMissingRoles': { label: '查看缺少 A/B 角的单位', rule: read('RoleAssignment') },
  'Query.sheetRows': { label: '整表读取台账', rule: { anyRegister: 'read', of: SHEET_RESOURCES } },
  'Mutation.saveSheet': { label: '保存表格', rule: { anyRegister: 'write', of: SHEET_RESOURCES } },

  // ——— the statutory calendar by year (schema/calendar-year.ts) ———
  'Query.calendarStatus': { label: '查看工作日历年度状态', rule: signedIn },
  'Query.previewCalendarYear': { label: '预览年度节假日安排', rule: { roles: ['ADMIN'] } },
  'Mutation.saveCalendarYear': { label: '录入年度节假日安排', rule: { roles: ['ADMIN'] } },

  // ——— meetings (schema/meetings.ts): a decision's owner (any role) marks it done; the resolver checks who ———
  'Query.meetingAgendaDraft': { label: '生成会议议程草稿', rule: write('Meeting') },
  'Query.meetingPeople': { label: '查看可选责任人', rule: write('Meeting') },
  'Mutation.completeMeetingDecision': { label: '办结会议议定事项', rule: { roles: EVERYONE.filter((r) => r !== 'API_READER') } },

  // ——— before the season (schema/forecast.ts): the forecast for staff; a task's unit or its givers complete it ———
  'Query.seasonForecast': { label: '查看未诉先办预测清单', rule: { roles: STAFF } },
  'Mutation.completeProactiveTask': { label: '办结主动治理任务', rule: { roles: ['OPS', 'LEADER', 'UNIT_HANDLER'] } },
};

function registerAccess(name: string) {
  const spec = resources.get(name);
  const access = spec?.access ?? RESOURCE_ACCESS[name];
  if (!access) throw new Error(`operations.ts: unknown register ${name}`);
  return access;
}

/** The roles a rule grants (ADMIN is implied by `can`, as in RESOURCE_ACCESS). */
export function rolesOf(rule: Rule): readonly Role[] {
  if ('public' in rule) return EVERYONE;
  if ('roles' in rule) return rule.roles;
  if ('action' in rule) return ACTION_ROLES[rule.action];
  if ('register' in rule) return registerAccess(rule.register)[rule.access];
  const out = new Set<Role>();
  for (const name of rule.of) for (const r of registerAccess(name)[rule.anyRegister]) out.add(r);
  return [...out];
}

let generated: { registers: number; ops: Map<string, OperationAccess> } | undefined;
/** The register factory's operations (schema/resource.ts defineResource), derived from each register's access. */
function registerOperations(): Map<string, OperationAccess> {
  // Rebuilt if asked while the schema modules were still declaring registers.
  if (generated?.registers === resources.size) return generated.ops;
  generated = { registers: resources.size, ops: new Map() };
  const ops = generated.ops;
  for (const spec of resources.values()) {
    const plural = spec.plural ?? `${spec.name}s`;
    const r = read(spec.name);
    const w = write(spec.name);
    ops.set(`Query.${spec.name}`, { label: `查看${spec.label}`, rule: r });
    ops.set(`Query.all${plural}`, { label: `查看${spec.label}`, rule: r });
    ops.set(`Query._all${plural}Meta`, { label: `查看${spec.label}`, rule: r });
    ops.set(`Mutation.create${spec.name}`, { label: `新建${spec.label}`, rule: w });
    ops.set(`Mutation.update${spec.name}`, { label: `修改${spec.label}`, rule: w });
    ops.set(`Mutation.delete${spec.name}`, { label: `删除${spec.label}`, rule: w });
  }
  return ops;
}

/** The entry for `Query.x` / `Mutation.x`, from the table or the register it was generated for. */
export function operationAccess(operation: string): OperationAccess | undefined {
  return OPERATION_ACCESS[operation] ?? registerOperations().get(operation);
}

/** Every operation with an entry (the table and the generated register operations). */
export function allOperations(): string[] {
  return [...new Set([...Object.keys(OPERATION_ACCESS), ...registerOperations().keys()])].sort();
}

/** May this role call the operation (before looking at any row)? Unknown operations: no. */
export function mayCall(role: Role, operation: string): boolean {
  const entry = operationAccess(operation);
  if (!entry) return false;
  return 'public' in entry.rule || can(role, [...rolesOf(entry.rule)]);
}

/** The gate's decision for a signed-in principal: the role, refined where the entry says so. */
export function principalMayCall(p: Principal, operation: string): boolean {
  const entry = operationAccess(operation);
  if (!entry) return false;
  if (entry.notForTokens && p.tokenId !== null) return false;
  if ('public' in entry.rule) return true;
  return entry.principal ? entry.principal(p) : can(p.role, [...rolesOf(entry.rule)]);
}

/** What `me.operations` lists: every operation this principal may call. */
export function operationsFor(p: Principal): string[] {
  return allOperations().filter((op) => principalMayCall(p, op));
}
