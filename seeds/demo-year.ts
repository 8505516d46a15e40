// The year 2023 of the demo (塘桥街道 in full and its three closest peers), and the machinery the other passes
// (demo-district.ts, demo-tail.ts) share: the ticket model, lifecycle, quotas, texts, events. Pure, no I/O;
// demo-generate.ts runs the passes, seeds/demo.ts inserts the rows. Rows refer to each other by codes (units,
// streets) and by ticket `key` (the ticket's index in `tickets`); the insert step turns those into ids.
//
// The 2023 story (domain.md §9 and the plan): Tangqiao's first half has exactly the plan's category totals
// (2719 tickets); monthly indicators sit in the plan's observed bands, worst in May/June, and reach the
// 百日攻坚 targets by November/December. Indicators are hit by quota, not by chance: for each street and
// month of closure the generator decides how many assessed tickets contact late, stay unresolved, are only
// explained, and how their latest reached callback reads, then picks which tickets with weights that favour
// the weaker units — so the street totals are exact and the unit ranking still differs.
import { createHash } from 'node:crypto';
import { WorkCalendar } from '../api/src/domain/calendar';
import { CHINESE_DAYS_LAST_YEAR, calendarOverridesFromChineseDays } from '../api/src/domain/calendar-seed';
import { computeDueTimes, DEFAULT_SLA_RULES, type ReopenKind, type SlaRule } from '../api/src/domain/sla';
import {
  DAY_MS,
  SHANGHAI_OFFSET_MS,
  addDays,
  dayNumber,
  dayOfWeek,
  formatShanghai,
  isoWeekOf,
  shanghaiDate,
  shanghaiStartOfDay,
} from '../api/src/domain/time';
import { DEFAULT_NEGATIVE_ITEMS } from './base';
import {
  AUDIT_CHECKS,
  AUDIT_FAIL_NOTES,
  CALLERS,
  CATEGORIES,
  CATEGORY_TOPICS,
  DEPARTMENT_TEMPLATES,
  DISTRICT,
  GIVEN_NAMES,
  PEER_STREETS,
  RETURN_REASONS,
  STORM_DAYS,
  SURNAMES,
  TANGQIAO,
  TANGQIAO_H1_TOTALS,
  TANGQIAO_H2_TOTALS,
  TOPICS,
  type Category,
  type PeerGroup,
  type StreetSpec,
} from './demo-data';
import { Rng, Sampler, weightedDraw } from './prng';

export const DEFAULT_DEMO_SEED = 20230825;

// ───────────────────────────── output rows ─────────────────────────────

export type CallbackResult = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'NEUTRAL' | 'UNSATISFIED' | 'NOT_REACHED' | 'REFUSED';

export interface DemoUnit {
  streetCode: string;
  code: string;
  name: string;
  peerGroup: PeerGroup;
  head: string;
  deputyLeader: string;
  aliases: string[];
}

export interface DemoRoleAssignment {
  streetCode: string;
  unitCode: string;
  role: 'A' | 'B';
  personName: string;
  post: string;
  phone: string;
  filingRef: string;
  filingDate: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface DemoTicket {
  key: number;
  number: string;
  streetCode: string;
  unitCode: string | null;
  committeeUnitCode: string | null;
  repeatOfKey: number | null;
  category: Category;
  channel: string;
  urgent: boolean;
  topic: string;
  content: string;
  citizenName: string;
  citizenPhone: string;
  address: string;
  committeeName: string | null;
  status: string;
  statusBeforeReturn: string | null;
  receivedAt: Date;
  dispatchedAt: Date | null;
  acceptedAt: Date | null;
  firstContactAt: Date | null;
  submittedAt: Date | null;
  closedAt: Date | null;
  reopenedAt: Date | null;
  reopenKind: ReopenKind | null;
  firstContactDue: Date;
  completionDue: Date;
  extensionApproved: boolean;
  factFinding: string | null;
  factBasis: string | null;
  unfoundedAccepted: boolean;
  resolution: string | null;
  demand: string | null;
  siteVisit: string | null;
  replyText: string | null;
  difficult: boolean;
  concentrated: boolean;
  callbackReview: boolean;
  reassigned: boolean;
  escalated: boolean;
  leaderName: string | null;
  redoCount: number;
  updatedAt: Date;
}

export interface DemoCallback {
  ticketKey: number;
  calledAt: Date;
  result: CallbackResult;
  caller: string;
  source: 'MANUAL' | 'IMPORT';
  note: string | null;
}

export interface DemoEvent {
  ticketKey: number;
  at: Date;
  actorLabel: string;
  kind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

export interface DemoClosureAudit {
  ticketKey: number;
  submittedAt: Date;
  auditedAt: Date;
  checks: { pass: boolean; note: string }[];
  passed: boolean;
  note: string;
}

export interface DemoReturnRequest {
  ref: string;
  ticketKey: number;
  streetCode: string;
  fromUnitCode: string;
  toUnitCode: string | null;
  reason: string;
  requestedAt: Date;
  needsMainLeader: boolean;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'AWAITING_MAIN_LEADER';
  decidedAt: Date | null;
  decisionNote: string | null;
  mainLeaderAt: Date | null;
  disciplineFilingRef: string | null;
}

export interface DemoLeaderOrder {
  ticketKey: number;
  leaderName: string;
  issuedAt: Date;
  dueAt: Date;
  reason: string;
  completionNote: string | null;
  completedAt: Date | null;
}

export interface DemoAward {
  streetCode: string;
  unitCode: string;
  ticketKey: number | null;
  kind: 'EXCELLENT' | 'DEMONSTRATION';
  month: string;
  nomination: string;
  meetingDate: string | null;
  status: 'NOMINATED' | 'SELECTED' | 'REJECTED';
  amount: number;
  points: number;
  recognitionSource: string | null;
}

export interface DemoNegativeRecord {
  streetCode: string;
  unitCode: string;
  itemCode: string;
  ticketKey: number | null;
  date: string;
  points: number;
  note: string;
  recorder: string;
}

export interface DemoNegativeQuota {
  streetCode: string;
  unitCode: string;
  month: string;
  indicator: string;
  allowed: number;
}

export interface DemoInterview {
  streetCode: string;
  unitCode: string;
  level: 'DEPUTY_LEADER' | 'MAIN_LEADER' | 'LEADING_GROUP';
  reasons: string[];
  date: string;
  interviewer: string;
  attendees: string;
  findings: string;
  rectification: string;
  rectificationDue: string;
  followUp: string | null;
  ticketKeys: number[];
}

export interface DemoAssistance {
  streetCode: string;
  unitCode: string;
  periodFrom: string;
  periodTo: string | null;
  bottlenecks: string;
  advice: string;
  pairedStaff: string;
  status: 'PLANNED' | 'ONGOING' | 'DONE';
  outcome: string | null;
}

export interface DemoDutyRoster {
  streetCode: string;
  isoWeek: string;
  leaderName: string;
}

export interface DemoPairing {
  streetCode: string;
  unitCode: string;
  staffName: string;
  since: string;
}

export interface DemoEscalation {
  streetCode: string;
  title: string;
  ticketKeys: number[];
  meetingDate: string;
  decision: string;
  owner: string;
  due: string;
}

export interface DemoReview {
  streetCode: string;
  unitCode: string;
  period: string;
  summary: string;
  problems: string;
  leadingGroupComment: string | null;
}

export interface DemoDisciplineReferral {
  streetCode: string;
  unitCode: string;
  conduct: 'INACTION' | 'SLOW_ACTION' | 'MISCONDUCT' | 'BUCK_PASSING' | 'FALSIFICATION';
  ticketKeys: number[];
  returnRefs: string[];
  referredBy: string;
  date: string;
  outcome: string;
}

export interface DemoData {
  seed: number;
  district: { code: string; name: string };
  streets: { code: string; name: string }[];
  units: DemoUnit[];
  roleAssignments: DemoRoleAssignment[];
  tickets: DemoTicket[];
  callbacks: DemoCallback[];
  events: DemoEvent[];
  closureAudits: DemoClosureAudit[];
  returnRequests: DemoReturnRequest[];
  leaderOrders: DemoLeaderOrder[];
  awards: DemoAward[];
  negativeRecords: DemoNegativeRecord[];
  negativeQuotas: DemoNegativeQuota[];
  interviews: DemoInterview[];
  assistance: DemoAssistance[];
  dutyRoster: DemoDutyRoster[];
  pairings: DemoPairing[];
  escalations: DemoEscalation[];
  reviews: DemoReview[];
  disciplineReferrals: DemoDisciplineReferral[];
}

export interface GenerateOptions {
  seed?: number;
  calendar?: WorkCalendar;
  rules?: readonly SlaRule[];
  /** The seed's run date in Asia/Shanghai (YYYY-MM-DD): the live tail ends the day before. Default: today. */
  today?: string;
}

// ───────────────────────────── time helpers ─────────────────────────────

export const MIN = 60_000;
export const HOUR = 3_600_000;
/** The demo year ends here: every 2023 ticket is closed before it (the live tail lives after it). */
export const DATA_CUT_DAY = '2024-01-01';
export const DATA_CUT = shanghaiStartOfDay(DATA_CUT_DAY);
const H2_START = shanghaiStartOfDay('2023-07-01');
const CAMPAIGN_START = shanghaiStartOfDay('2023-09-01');

export const at = (day: string, h: number, m = 0, s = 0) => new Date(shanghaiStartOfDay(day).getTime() + ((h * 60 + m) * 60 + s) * 1000);
export const plus = (t: Date, ms: number) => new Date(t.getTime() + ms);
export const hourOf = (t: Date) => ((((t.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR;
/** 0-based month of 2023 (11 for December). */
export const monthIdx = (t: Date) => +shanghaiDate(t).slice(5, 7) - 1;
const monthKey = (t: Date) => shanghaiDate(t).slice(0, 7);
const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);
const wall = (t: Date) => formatShanghai(t).slice(0, 16);

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) out.push(addDays(from, n - dayNumber(from)));
  return out;
}

// Received-time profile: hour of day, and day weights (season, weekday, holidays, Spring Festival).
const HOUR_WEIGHTS = [0.35, 0.2, 0.12, 0.08, 0.08, 0.15, 0.45, 1.2, 2.4, 3.1, 3.2, 2.8, 2.0, 2.3, 2.7, 2.6, 2.4, 2.1, 1.8, 1.7, 1.6, 1.3, 0.9, 0.55];
const HOURS = HOUR_WEIGHTS.map((_, h) => h);
const hourSampler = new Sampler(HOURS, HOUR_WEIGHTS);
const MONTH_VOLUME = [0.9, 0.95, 1.0, 1.02, 1.08, 1.12, 1.3, 1.32, 1.05, 0.95, 0.95, 0.92];

export function dayWeight(day: string, cal: WorkCalendar): number {
  let w = MONTH_VOLUME[+day.slice(5, 7) - 1]!;
  const dow = dayOfWeek(day);
  if (!cal.isWorkday(day)) w *= dow >= 6 ? 0.72 : 0.55;
  else if (dow === 1) w *= 1.1;
  if (day >= '2023-01-21' && day <= '2023-01-27') w *= 0.6; // 春节: quieter still
  if (STORM_DAYS.includes(day)) w *= 1.3;
  return w;
}

export function randomTimeOn(day: string, rng: Rng, hours: Sampler<number> = hourSampler): Date {
  return at(day, hours.sample(rng), rng.int(0, 59), rng.int(0, 59));
}

// ───────────────────────────── internal model ─────────────────────────────

export interface UnitCtx {
  streetCode: string;
  code: string;
  name: string;
  peerGroup: PeerGroup;
  bad: number;
  head: string;
  deputyLeader: string;
  aliases: string[];
  /** The current A-role handler, used as the actor of unit events. */
  handler: string;
  committee?: { roads: string[]; size: number };
}

export interface StreetCtx {
  spec: StreetSpec;
  units: Map<string, UnitCtx>;
  committees: UnitCtx[];
  committeeSampler: Sampler<UnitCtx>;
  /** Residential compounds: committee + road + lane (弄). */
  compounds: Map<string, { road: string; lane: number }[]>;
}

interface CallbackPlan {
  calledAt: Date;
  result: CallbackResult | null;
  caller: string;
  source: 'MANUAL' | 'IMPORT';
  note: string | null;
  /** The final reached callback whose result the monthly quota decides. */
  final?: boolean;
}

interface ReturnPlan {
  kind: 'APPROVED' | 'REJECTED' | 'PENDING' | 'CHAIN_APPROVED' | 'CHAIN_REJECTED' | 'AWAITING';
  fromUnit?: UnitCtx;
}

export interface T {
  seq: number;
  key: number;
  number: string;
  street: StreetCtx;
  unit: UnitCtx;
  committee: UnitCtx | null;
  category: Category;
  channel: string;
  urgent: boolean;
  topic: string;
  content: string;
  citizenName: string;
  citizenPhone: string;
  address: string;
  receivedAt: Date;
  group: string | null;
  master: T | null;
  concentrated: boolean;
  difficult: boolean;
  escalated: boolean;
  callbackReview: boolean;
  reassigned: boolean;
  extensionApproved: boolean;
  leaderName: string | null;
  dispatchedAt: Date | null;
  acceptedAt: Date | null;
  firstContactAt: Date | null;
  submittedAt: Date | null;
  closedAt: Date | null;
  reopenedAt: Date | null;
  reopenKind: ReopenKind | null;
  firstContactDue: Date;
  completionDue: Date;
  firstCloseAt: Date | null;
  failedSubmits: Date[];
  status: string;
  statusBeforeReturn: string | null;
  factFinding: 'TRUE' | 'PARTLY_TRUE' | 'UNFOUNDED' | null;
  unfoundedAccepted: boolean;
  resolution: 'ACTUALLY_RESOLVED' | 'EXPLAINED' | 'UNRESOLVED' | null;
  factBasis: string | null;
  demand: string | null;
  siteVisit: string | null;
  replyText: string | null;
  lateContact: boolean;
  callbacks: CallbackPlan[];
  returnPlan: ReturnPlan | null;
  returns: DemoReturnRequest[];
  leaderOrder: DemoLeaderOrder | null;
  /** Tentative close before the data cut was applied. */
  plannedClose: Date | null;
  /** Where this ticket's data end: the end of 2023, or the start of the seed's day for the live tail. */
  cut: Date;
}

// ───────────────────────────── people ─────────────────────────────

export class People {
  private used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  /** A full name not used by another staff member of the demo. */
  staff(): string {
    for (;;) {
      const name = this.rng.pick(SURNAMES) + this.rng.pick(GIVEN_NAMES);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  reserve(name: string) {
    this.used.add(name);
  }

  mobile(prefixes: readonly string[] = ['138', '139']): string {
    return this.rng.pick(prefixes) + this.rng.digits(8);
  }
}

const CITIZEN_PREFIXES = ['138', '139', '136', '137', '135', '158', '159', '186', '189', '133', '177', '151', '150', '188', '131', '180'];

export function citizen(rng: Rng): { name: string; phone: string } {
  return {
    name: rng.pick(SURNAMES) + (rng.chance(0.5) ? '先生' : '女士'),
    phone: rng.pick(CITIZEN_PREFIXES) + rng.digits(8),
  };
}

// ───────────────────────────── generator ─────────────────────────────

/** What the passes of the generator share: the calendar, the SLA rules, the PRNG root, people, the rows. */
export interface DemoContext {
  cal: WorkCalendar;
  rules: readonly SlaRule[];
  root: Rng;
  people: People;
  out: DemoData;
  /** Numbers every ticket of the demo (return-request refs use it). */
  seq: { n: number };
  /** The tickets written so far, by key. */
  tickets: T[];
}

export function demoContext(options: GenerateOptions = {}): DemoContext {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const root = new Rng(seed);
  return {
    // Through the package's last year: the live tail is dated by the day the seed runs.
    cal: options.calendar ?? new WorkCalendar(calendarOverridesFromChineseDays(2022, Math.max(2024, CHINESE_DAYS_LAST_YEAR))),
    rules: options.rules ?? DEFAULT_SLA_RULES,
    root,
    people: new People(root.fork('people')),
    seq: { n: 0 },
    tickets: [],
    out: {
      seed,
      district: { ...DISTRICT },
      streets: [],
      units: [],
      roleAssignments: [],
      tickets: [],
      callbacks: [],
      events: [],
      closureAudits: [],
      returnRequests: [],
      leaderOrders: [],
      awards: [],
      negativeRecords: [],
      negativeQuotas: [],
      interviews: [],
      assistance: [],
      dutyRoster: [],
      pairings: [],
      escalations: [],
      reviews: [],
      disciplineReferrals: [],
    },
  };
}

/** Keys the tickets after those written so far and writes them with their callbacks, returns and orders. */
export function emitTickets(ctx: DemoContext, list: T[]) {
  const { out } = ctx;
  for (const t of list) {
    t.key = ctx.tickets.length;
    ctx.tickets.push(t);
    out.tickets.push(toRow(t));
    for (const cb of t.callbacks) {
      out.callbacks.push({ ticketKey: t.key, calledAt: cb.calledAt, result: cb.result!, caller: cb.caller, source: cb.source, note: cb.note });
    }
    out.returnRequests.push(...t.returns.map((r) => ({ ...r, ticketKey: t.key })));
    if (t.leaderOrder) out.leaderOrders.push({ ...t.leaderOrder, ticketKey: t.key });
  }
}

/**
 * The year 2023 of 塘桥街道 in full detail and of its three closest peers (花木, 洋泾, 陆家嘴). This pass runs
 * first, on the streams it always used, so that Tangqiao's year does not move when the rest of the demo does.
 */
export function generateYear(ctx: DemoContext): { streets: StreetCtx[]; tq: StreetCtx } {
  const { cal, rules, root, people, out, seq } = ctx;

  // ── organisation ──
  const specs = [TANGQIAO, ...PEER_STREETS];
  for (const spec of specs) for (const [name] of spec.leaders) people.reserve(name);
  for (const spec of specs) for (const name of spec.opsStaff) people.reserve(name);
  const streets = specs.map((spec) => buildStreet(spec, root.fork(`org:${spec.code}`), people, out));
  const tq = streets[0]!;

  // ── tickets ──
  const all: T[] = [];
  const mk = ticketFactory(all, seq);

  const special = generateHotspots(streets, root.fork('hotspots'), mk);
  for (const street of streets) {
    const rng = root.fork(`tickets:${street.spec.code}`);
    if (street === tq) {
      fillOrdinary(street, rng, mk, cal, '2023-01-01', '2023-06-30', subtractCounts(TANGQIAO_H1_TOTALS, special, street, null, H2_START));
      fillOrdinary(street, rng, mk, cal, '2023-07-01', '2023-12-31', subtractCounts(TANGQIAO_H2_TOTALS, special, street, H2_START, null));
    } else {
      fillOrdinary(street, rng, mk, cal, '2023-01-01', '2023-12-31', subtractCounts(street.spec.yearTotals!, special, street, null, null));
    }
  }

  all.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.seq - b.seq);
  assignNumbers(all, root.fork('numbers'));

  for (const street of streets) {
    const mine = all.filter((t) => t.street === street);
    addOrdinaryRepeats(mine, root.fork(`repeats:${street.spec.code}`));
  }
  const roster = dutyRoster(tq);
  out.dutyRoster.push(...roster.rows);
  markLeaderDispatch(all.filter((t) => t.street === tq), roster.byWeek, root.fork('leader-dispatch'));
  planReturns(all.filter((t) => t.street === tq), tq, root.fork('returns-plan'));

  // ── lifecycle ──
  const life = root.fork('lifecycle');
  for (const t of all) lifecycle(t, life, cal, rules);
  applyDataCut(all, streets, root.fork('cut'));
  for (const t of all) planCallbacks(t, life);

  // ── indicators by quota ──
  const quota = root.fork('quota');
  for (const street of streets) applyQuotas(all.filter((t) => t.street === street), street, quota);
  const detail = root.fork('detail');
  for (const t of all) finishTicket(t, detail);
  for (const t of all) wholeSeconds(t);

  // ── registers (on the year as drawn), then the last open tickets closed, then the rows ──
  all.forEach((t, i) => (t.key = ctx.tickets.length + i));
  buildRegisters(all, streets, root.fork('registers'), out);
  const open = all.filter((t) => t.status !== 'CLOSED');
  closeOut(open, root.fork('close-out'));
  emitTickets(ctx, all);
  const closedLate = new Set(open);
  buildAudits(all.filter((t) => !closedLate.has(t)), tq, root.fork('audits'), out);
  buildAudits(open, tq, root.fork('audits:close-out'), out);
  buildEvents(all, tq, out);
  return { streets, tq };
}

/** Makes tickets into `list`; `seq` numbers every ticket of the demo (shared by the year, the district and the tail). */
export function ticketFactory(list: T[], seq: { n: number }, cut: Date = DATA_CUT): Mk {
  return (street: StreetCtx, fields: Partial<T> & Pick<T, 'unit' | 'category' | 'topic' | 'content' | 'receivedAt' | 'address'>): T => {
    const t: T = {
      seq: seq.n++,
      key: -1,
      number: '',
      street,
      committee: null,
      channel: 'HOTLINE',
      urgent: false,
      citizenName: '',
      citizenPhone: '',
      group: null,
      master: null,
      concentrated: false,
      difficult: false,
      escalated: false,
      callbackReview: false,
      reassigned: false,
      extensionApproved: false,
      leaderName: null,
      dispatchedAt: null,
      acceptedAt: null,
      firstContactAt: null,
      submittedAt: null,
      closedAt: null,
      reopenedAt: null,
      reopenKind: null,
      firstContactDue: fields.receivedAt,
      completionDue: fields.receivedAt,
      firstCloseAt: null,
      failedSubmits: [],
      status: 'CLOSED',
      statusBeforeReturn: null,
      factFinding: null,
      unfoundedAccepted: false,
      resolution: null,
      factBasis: null,
      demand: null,
      siteVisit: null,
      replyText: null,
      lateContact: false,
      callbacks: [],
      returnPlan: null,
      returns: [],
      leaderOrder: null,
      plannedClose: null,
      cut,
      ...fields,
    };
    list.push(t);
    return t;
  };
}

// ───────────────────────────── organisation ─────────────────────────────

export function buildStreet(spec: StreetSpec, rng: Rng, people: People, out: DemoData): StreetCtx {
  out.streets.push({ code: spec.code, name: spec.name });
  const units = new Map<string, UnitCtx>();
  const leader = (i: number) => spec.leaders[i]?.[0] ?? spec.leaders[0]![0];
  const prefix = spec.code === 'TQ' ? '' : spec.name.replace('街道', '');

  for (const tpl of DEPARTMENT_TEMPLATES.filter((d) => spec.departments.includes(d.code))) {
    const aliases = [...tpl.aliases];
    if (prefix) aliases.push(prefix + tpl.name);
    else aliases.push('塘桥' + tpl.name);
    units.set(tpl.code, {
      streetCode: spec.code,
      code: tpl.code,
      name: tpl.name,
      peerGroup: tpl.peerGroup,
      bad: spec.bad[tpl.code] ?? rng.range(0.7, 1.1),
      head: people.staff(),
      deputyLeader: leader(spec.deputyOf[tpl.code] ?? 1),
      aliases,
      handler: '',
    });
  }
  const committees: UnitCtx[] = [];
  spec.committees.forEach((c, i) => {
    const code = `JW${String(i + 1).padStart(2, '0')}`;
    // Committees are led (包片) by the second and later leaders in turn.
    const deputyIdx = spec.leaders.length > 3 ? 3 + (i % (spec.leaders.length - 3)) : 2;
    const u: UnitCtx = {
      streetCode: spec.code,
      code,
      name: `${c.name}居委`,
      peerGroup: 'RESIDENTIAL',
      bad: c.bad ?? rng.range(0.6, 1.25),
      head: people.staff(),
      deputyLeader: leader(deputyIdx),
      aliases: [`${c.name}居民区`, `${c.name}居委会`],
      handler: '',
      committee: { roads: c.roads, size: c.size },
    };
    units.set(code, u);
    committees.push(u);
  });

  for (const u of units.values()) {
    out.units.push({
      streetCode: spec.code,
      code: u.code,
      name: u.name,
      peerGroup: u.peerGroup,
      head: u.head,
      deputyLeader: u.deputyLeader,
      aliases: u.aliases,
    });
  }

  // A/B roles: everyone filed on the 2022 year-end register; a few units changed handlers in 2023
  // (the old row is closed the day before the new one starts — history is kept).
  const posts = (u: UnitCtx): [string, string] =>
    u.peerGroup === 'RESIDENTIAL' ? ['居委副主任', '社工'] : (DEPARTMENT_TEMPLATES.find((d) => d.code === u.code)?.posts ?? ['科员', '办事员']);
  const baseRef = `${spec.short}城运备〔2022〕${spec.code === 'TQ' ? 27 : rng.int(10, 30)}号`;
  const changes: [string, string, string][] =
    spec.code === 'TQ'
      ? [
          ['FGB', '2023-03-20', '塘城运备〔2023〕3号'],
          ['JW10', '2023-05-08', '塘城运备〔2023〕5号'],
          ['GLB', '2023-07-03', '塘城运备〔2023〕8号'],
          ['SJS', '2023-09-05', '塘城运备〔2023〕12号'],
          ['CGZD', '2023-09-05', '塘城运备〔2023〕12号'],
          ['WYZX', '2023-09-05', '塘城运备〔2023〕12号'],
          ['JW01', '2023-11-13', '塘城运备〔2023〕15号'],
        ]
      : [[rng.pick([...units.keys()]), `2023-0${rng.int(4, 9)}-1${rng.int(0, 8)}`, `${spec.short}城运备〔2023〕${rng.int(2, 9)}号`]];
  for (const u of units.values()) {
    const [postA, postB] = posts(u);
    const change = changes.find((c) => c[0] === u.code);
    for (const role of ['A', 'B'] as const) {
      const person = people.staff();
      const post = role === 'A' ? postA : postB;
      // A change replaces the A role (sometimes both).
      const changed = change && (role === 'A' || u.code === 'SJS' || u.code === 'GLB');
      out.roleAssignments.push({
        streetCode: spec.code,
        unitCode: u.code,
        role,
        personName: person,
        post,
        phone: people.mobile(),
        filingRef: baseRef,
        filingDate: '2022-12-20',
        effectiveFrom: '2023-01-01',
        effectiveTo: changed ? addDays(change[1], -1) : null,
      });
      let current = person;
      if (changed) {
        current = people.staff();
        out.roleAssignments.push({
          streetCode: spec.code,
          unitCode: u.code,
          role,
          personName: current,
          post,
          phone: people.mobile(),
          filingRef: change[2],
          filingDate: addDays(change[1], -1),
          effectiveFrom: change[1],
          effectiveTo: null,
        });
      }
      if (role === 'A') u.handler = current;
    }
  }

  // Residential compounds (小区, by road and lane) per committee.
  const compounds = new Map<string, { road: string; lane: number }[]>();
  for (const c of committees) {
    const list: { road: string; lane: number }[] = [];
    const n = rng.int(3, 6);
    for (let i = 0; i < n; i++) list.push({ road: rng.pick(c.committee!.roads), lane: rng.int(2, 160) * 5 });
    compounds.set(c.code, list);
  }
  return {
    spec,
    units,
    committees,
    committeeSampler: new Sampler(committees, committees.map((c) => c.committee!.size)),
    compounds,
  };
}

function resolveUnit(street: StreetCtx, code: string, committee: UnitCtx): UnitCtx {
  if (code === 'JW') return committee;
  const u = street.units.get(code);
  if (u) return u;
  // Peer streets have fewer offices: their work goes to the 管理办 / 服务办 / 城运中心.
  const fallback: Record<string, string> = { DZB: 'CYZX', DJB: 'FWB', ZZB: 'FWB', SLZX: 'FWB', DQZX: 'FWB', PAB: 'CYZX', PCS: 'PAB' };
  return street.units.get(fallback[code] ?? 'CYZX') ?? street.units.get('CYZX')!;
}

function residentialAddress(street: StreetCtx, committee: UnitCtx, rng: Rng): string {
  const c = rng.pick(street.compounds.get(committee.code)!);
  const room = rng.chance(0.4) ? `${rng.int(1, 6)}0${rng.int(1, 4)}室` : '';
  return `${c.road}${c.lane}弄${rng.int(1, 40)}号${room}`;
}

function streetAddress(committee: UnitCtx, rng: Rng): { road: string; address: string } {
  const road = rng.pick(committee.committee!.roads);
  return { road, address: `${road}${rng.int(1, 400) * 2 - rng.int(0, 1)}号` };
}

function fillTemplate(tpl: string, road: string, address: string, street: StreetCtx, rng: Rng): string {
  const others = street.spec.roads.filter((r) => r !== road);
  return tpl.replaceAll('{addr}', address).replaceAll('{road2}', rng.pick(others)).replaceAll('{road}', road);
}

function templatesFor(topic: string, category: Category): string[] {
  const s = TOPICS[topic]!;
  switch (category) {
    case 'COMPLAINT':
      return s.complaint.length ? s.complaint : (s.help ?? []);
    case 'HELP':
      return s.help ?? s.complaint;
    case 'CONSULT':
      return s.consult ?? [`咨询${topic}相关问题的办理渠道和时限。`];
    case 'SUGGESTION':
      return s.suggestion ?? [`建议加强${topic}方面的日常管理。`];
    case 'PHOTO_REPORT':
      return s.photo ?? s.complaint.map((c) => c.replace(/。$/, '，拍照上报。'));
    case 'OTHER':
      return ['反映{road}公交站候车亭破损，不属街道职责，请求转办。'];
  }
}

export type Mk = (street: StreetCtx, fields: Partial<T> & Pick<T, 'unit' | 'category' | 'topic' | 'content' | 'receivedAt' | 'address'>) => T;

function topicSeason(topic: string, month: number, tangqiao: boolean): number {
  const summer = month >= 6 && month <= 8;
  switch (topic) {
    case '噪声': return summer ? 1.35 : 1;
    case '道路积水': return month >= 6 && month <= 9 ? 2.2 : month === 5 ? 1.2 : 0.4;
    case '绿化': return month >= 4 && month <= 6 ? 1.5 : month >= 11 || month <= 2 ? 0.7 : 1;
    case '垃圾清运': return month >= 7 && month <= 8 ? 1.35 : 1;
    case '物业维修': return month === 1 || summer ? 1.2 : 1;
    case '雨污水工程': return tangqiao ? (month >= 3 && month <= 6 ? 6 : month === 7 ? 1.5 : 0.3) : 0.4;
    case '菜场': return tangqiao ? (month >= 4 && month <= 6 ? 9 : month === 7 ? 2 : 0.5) : 0.6;
    case '餐饮油烟': return month >= 5 && month <= 8 ? (tangqiao ? 1.6 : 1.3) : 0.8;
    default: return 1;
  }
}

function channelFor(category: Category, topic: string, rng: Rng): string {
  if (category === 'PHOTO_REPORT') return rng.chance(0.85) ? 'PHOTO' : 'APP';
  return rng.weighted<string>([
    ['HOTLINE', 84],
    ['WEB', 3],
    ['APP', 4],
    ['WECHAT', 3],
    ['GRID', TOPICS[topic]!.street ? 5 : 0.5],
    ['SUPERVISION', 1.2],
  ]);
}

function urgentFor(topic: string, day: string, rng: Rng): boolean {
  const storm = STORM_DAYS.includes(day);
  const p: Record<string, number> = { 消防安全: 0.15, 道路积水: storm ? 0.2 : 0.06, 物业维修: 0.02, 治安秩序: 0.05, 其他: 0.01 };
  return rng.chance(p[topic] ?? 0.003);
}

/** A regular (non-hotspot) ticket of `category` received on `day`. */
export function ordinaryTicket(street: StreetCtx, rng: Rng, mk: Mk, category: Category, receivedAt: Date, forcedTopic?: string): T {
  const day = shanghaiDate(receivedAt);
  const month = +day.slice(5, 7);
  const tangqiao = street.spec.code === 'TQ';
  const topic = forcedTopic ?? rng.weighted(CATEGORY_TOPICS[category].map(([tp, w]) => [tp, w * topicSeason(tp, month, tangqiao)] as const));
  const spec = TOPICS[topic]!;
  const committee = street.committeeSampler.sample(rng);
  let road: string;
  let address: string;
  if (spec.street) ({ road, address } = streetAddress(committee, rng));
  else {
    address = residentialAddress(street, committee, rng);
    road = address.replace(/\d.*$/, '');
  }
  const unit = resolveUnit(street, rng.weighted(spec.units), committee);
  const who = citizen(rng);
  return mk(street, {
    unit,
    committee,
    category,
    topic,
    content: fillTemplate(rng.pick(templatesFor(topic, category)), road, address, street, rng),
    receivedAt,
    address,
    channel: channelFor(category, topic, rng),
    urgent: urgentFor(topic, day, rng),
    citizenName: who.name,
    citizenPhone: who.phone,
  });
}

function subtractCounts(
  totals: Record<Category, number>,
  special: T[],
  street: StreetCtx,
  from: Date | null,
  to: Date | null,
): Record<Category, number> {
  const left = { ...totals };
  for (const t of special) {
    if (t.street !== street) continue;
    if (from && t.receivedAt < from) continue;
    if (to && t.receivedAt >= to) continue;
    left[t.category]--;
  }
  for (const c of CATEGORIES) if (left[c] < 0) throw new Error(`demo seed: hotspot tickets exceed the ${c} total of ${street.spec.code}`);
  return left;
}

export function fillOrdinary(street: StreetCtx, rng: Rng, mk: Mk, cal: WorkCalendar, from: string, to: string, counts: Record<Category, number>) {
  const days = daysBetween(from, to);
  const daySampler = new Sampler(days, days.map((d) => dayWeight(d, cal)));
  for (const category of CATEGORIES) {
    for (let i = 0; i < counts[category]; i++) ordinaryTicket(street, rng, mk, category, randomTimeOn(daySampler.sample(rng), rng));
  }
}

// ───────────────────────────── hotspots ─────────────────────────────

interface GroupSpec {
  id: string;
  streetCode: string;
  unit: string;
  committee: string;
  topic: string;
  master: { at: [string, number, number]; content: string; category: Category; urgent?: boolean; address: string };
  from: string;
  to: string;
  peaks: [string, number][];
  extra: number;
  evening?: boolean;
  categories: [Category, number][];
  templates: string[];
  addresses: string[];
  difficult?: boolean;
  extension?: boolean;
}

const GROUPS: GroupSpec[] = [
  {
    id: 'TQ-SEWER-PJ',
    streetCode: 'TQ',
    unit: 'GLB',
    committee: 'JW06',
    topic: '雨污水工程',
    master: {
      at: ['2023-03-08', 9, 40],
      content: '浦建路（东方路至南泉路段）雨污水管道改造工程夜间施工噪声扰民，道路开挖围挡影响出行，要求规范施工、公示工期。',
      category: 'COMPLAINT',
      address: '浦建路125弄3号',
    },
    from: '2023-03-09',
    to: '2023-06-28',
    peaks: [['2023-04-12', 11], ['2023-05-17', 6], ['2023-06-07', 5]],
    extra: 42,
    categories: [['COMPLAINT', 80], ['HELP', 15], ['CONSULT', 5]],
    templates: [
      '浦建路雨污水工程夜间施工，凌晨还在破碎路面，噪声很大，无法入睡。',
      '浦建路管道施工围挡占用人行道，推婴儿车、轮椅无法通行。',
      '浦建路雨污水工程施工扬尘大，窗户都不能开。',
      '浦建路雨污水工程工期一再延长，什么时候能完工？',
      '浦建路施工造成小区门口路面坑洼，老人差点摔倒。',
      '再次反映浦建路雨污水工程夜间施工扰民，之前反映后没有改善。',
    ],
    addresses: ['浦建路125弄3号', '浦建路125弄11号', '浦建路200弄6号', '浦建路260弄2号', '浦建路88号', '浦建路310弄9号'],
    difficult: true,
    extension: true,
  },
  {
    id: 'TQ-SEWER-NQ',
    streetCode: 'TQ',
    unit: 'GLB',
    committee: 'JW10',
    topic: '雨污水工程',
    master: {
      at: ['2023-04-03', 10, 15],
      content: '南泉路道路开挖埋设雨污水管，小区出入口被挖断，车辆无法进出，要求设置临时通道。',
      category: 'COMPLAINT',
      address: '南泉路420弄1号',
    },
    from: '2023-04-04',
    to: '2023-06-30',
    peaks: [['2023-05-24', 7]],
    extra: 24,
    categories: [['COMPLAINT', 75], ['HELP', 25]],
    templates: [
      '南泉路开挖施工，小区门口临时通道太窄，救护车进不来。',
      '南泉路施工围挡占道，公交站临时迁移没有告示。',
      '南泉路管道施工挖断了自来水管，家里停水。',
      '南泉路雨污水施工现场泥浆外溢，路面很滑。',
    ],
    addresses: ['南泉路420弄1号', '南泉路420弄7号', '南泉路388弄4号', '南泉路356号'],
    difficult: true,
  },
  {
    id: 'TQ-MARKET',
    streetCode: 'TQ',
    unit: 'SJS',
    committee: 'JW10',
    topic: '菜场',
    master: {
      at: ['2023-04-11', 8, 50],
      content: '南泉路菜场关闭改造，周边居民特别是老年人买菜不便，希望设置临时售卖点并公布改造工期。',
      category: 'HELP',
      address: '南泉路500号',
    },
    from: '2023-04-12',
    to: '2023-06-30',
    peaks: [['2023-04-18', 12], ['2023-05-06', 6], ['2023-06-02', 5]],
    extra: 46,
    categories: [['COMPLAINT', 60], ['HELP', 25], ['SUGGESTION', 8], ['CONSULT', 7]],
    templates: [
      '南泉路菜场关门改造，附近没有菜场，老人买菜要走很远。',
      '南泉路临时售卖点菜价比原来贵很多，品种少。',
      '南泉路菜场改造施工早上六点就开始，噪声很大。',
      '南泉路菜场改造什么时候完工？一直没有公告。',
      '南泉路临时菜摊占道经营，早上路口堵得走不过去。',
      '建议南泉路菜场改造期间安排流动售菜车进小区。',
    ],
    addresses: ['南泉路500号', '南泉路480弄2号', '南泉路520弄10号', '微山路88弄3号', '南泉路466弄5号'],
    difficult: true,
    extension: true,
  },
  {
    id: 'TQ-BBQ',
    streetCode: 'TQ',
    unit: 'SJS',
    committee: 'JW07',
    topic: '餐饮油烟',
    master: {
      at: ['2023-05-05', 20, 40],
      content: '塘桥新路50号烧烤店傍晚至深夜油烟直排、食客喧哗，楼上居民无法开窗休息，要求整治。',
      category: 'COMPLAINT',
      address: '塘桥新路50号',
    },
    from: '2023-05-06',
    to: '2023-08-31',
    peaks: [['2023-05-20', 7], ['2023-06-17', 6], ['2023-07-15', 8], ['2023-07-22', 10], ['2023-08-12', 5]],
    extra: 55,
    evening: true,
    categories: [['COMPLAINT', 88], ['PHOTO_REPORT', 12]],
    templates: [
      '塘桥新路50号烧烤店又在直排油烟，整栋楼都是烟味。',
      '塘桥新路烧烤店门口占道摆桌，食客喧哗到凌晨。',
      '塘桥新路烧烤店油烟净化器根本没开，请执法人员晚上来查。',
      '再次反映塘桥新路50号烧烤店油烟扰民，整改后又反弹。',
      '塘桥新路烧烤店排烟管道对着居民窗户。',
    ],
    addresses: ['塘桥新路52弄1号', '塘桥新路52弄3号', '塘桥新路48号', '塘桥新路50号', '塘桥新路60弄2号'],
    difficult: true,
  },
  {
    id: 'TQ-FLOOD-0619',
    streetCode: 'TQ',
    unit: 'CYZX',
    committee: 'JW13',
    topic: '道路积水',
    master: {
      at: ['2023-06-19', 15, 20],
      content: '东方路浦建路口下立交严重积水，有车辆熄火，行人无法通行，请求紧急排水。',
      category: 'HELP',
      urgent: true,
      address: '东方路浦建路口',
    },
    from: '2023-06-19',
    to: '2023-06-20',
    peaks: [['2023-06-19', 6]],
    extra: 3,
    categories: [['HELP', 60], ['COMPLAINT', 40]],
    templates: ['东方路浦建路口积水很深，电瓶车过不去。', '东方路下立交积水，公交车绕行，请求排水。', '东方路浦建路口积水倒灌进沿街商铺。'],
    addresses: ['东方路浦建路口', '东方路1500号', '浦建路东方路口'],
  },
  {
    id: 'TQ-FLOOD-0728',
    streetCode: 'TQ',
    unit: 'CYZX',
    committee: 'JW17',
    topic: '道路积水',
    master: {
      at: ['2023-07-28', 16, 5],
      content: '龙阳路蓝村路口积水严重，周边小区地下车库开始进水，请求紧急排水。',
      category: 'HELP',
      urgent: true,
      address: '龙阳路蓝村路口',
    },
    from: '2023-07-28',
    to: '2023-07-28',
    peaks: [['2023-07-28', 5]],
    extra: 0,
    categories: [['HELP', 70], ['COMPLAINT', 30]],
    templates: ['龙阳路蓝村路口积水没过脚踝。', '龙阳路小区车库进水，请求派泵车。'],
    addresses: ['龙阳路蓝村路口', '龙阳路2000弄5号', '蓝村路600弄1号'],
  },
  {
    id: 'HM-SITE',
    streetCode: 'HM',
    unit: 'CGZD',
    committee: 'JW03',
    topic: '噪声',
    master: { at: ['2023-08-02', 22, 30], content: '芳甸路工地夜间浇筑混凝土，噪声扰民，要求停止夜间施工。', category: 'COMPLAINT', address: '芳甸路300弄2号' },
    from: '2023-08-03',
    to: '2023-08-31',
    peaks: [['2023-08-09', 5]],
    extra: 8,
    evening: true,
    categories: [['COMPLAINT', 100]],
    templates: ['芳甸路工地又在夜间施工。', '芳甸路工地夜间渣土车进出噪声大。'],
    addresses: ['芳甸路300弄2号', '芳甸路300弄8号', '芳甸路288号'],
  },
  {
    id: 'YJ-MARKET',
    streetCode: 'YJ',
    unit: 'SJS',
    committee: 'JW02',
    topic: '菜场',
    master: { at: ['2023-05-10', 9, 5], content: '巨野路菜场摊位外溢占道，早市时段交通拥堵。', category: 'COMPLAINT', address: '巨野路120号' },
    from: '2023-05-11',
    to: '2023-06-15',
    peaks: [['2023-05-16', 6]],
    extra: 6,
    categories: [['COMPLAINT', 100]],
    templates: ['巨野路菜场门口又占道了。', '巨野路菜场周边垃圾没人清理。'],
    addresses: ['巨野路120号', '巨野路100弄3号'],
  },
  {
    id: 'LJZ-PIPE',
    streetCode: 'LJZ',
    unit: 'GLB',
    committee: 'JW02',
    topic: '雨污水工程',
    master: { at: ['2023-10-11', 10, 30], content: '崂山路管道施工围挡占用人行道，老人出行不便。', category: 'COMPLAINT', address: '崂山路300弄1号' },
    from: '2023-10-12',
    to: '2023-11-10',
    peaks: [['2023-10-12', 5]],
    extra: 5,
    categories: [['COMPLAINT', 100]],
    templates: ['崂山路管道施工围挡占道。', '崂山路施工夜间噪声大。'],
    addresses: ['崂山路300弄1号', '崂山路280号'],
  },
];

const EVENING_HOURS = new Sampler([18, 19, 20, 21, 22, 23], [1, 2, 3, 3, 2.5, 1.5]);

function generateHotspots(streets: StreetCtx[], rng: Rng, mk: Mk): T[] {
  const out: T[] = [];
  const byCode = new Map(streets.map((s) => [s.spec.code, s]));
  for (const g of GROUPS) {
    const street = byCode.get(g.streetCode)!;
    const r = rng.fork(g.id);
    const unit = street.units.get(g.unit)!;
    const committee = street.units.get(g.committee)!;
    const callers = Array.from({ length: 10 }, () => citizen(r));
    const masterWho = callers[0]!;
    const master = mk(street, {
      unit,
      committee,
      category: g.master.category,
      topic: g.topic,
      content: g.master.content,
      receivedAt: at(g.master.at[0], g.master.at[1], g.master.at[2], r.int(0, 59)),
      address: g.master.address,
      urgent: !!g.master.urgent,
      citizenName: masterWho.name,
      citizenPhone: masterWho.phone,
      group: g.id,
      concentrated: true,
      difficult: !!g.difficult,
      extensionApproved: !!g.extension,
    });
    out.push(master);

    const child = (day: string) => {
      const who = r.chance(0.6) ? r.pick(callers) : citizen(r);
      let receivedAt = g.evening ? at(day, EVENING_HOURS.sample(r), r.int(0, 59), r.int(0, 59)) : randomTimeOn(day, r);
      if (receivedAt <= master.receivedAt) receivedAt = plus(master.receivedAt, r.int(5, 240) * MIN);
      const category = r.weighted(g.categories);
      out.push(
        mk(street, {
          unit,
          committee,
          category,
          topic: g.topic,
          content: r.pick(g.templates),
          receivedAt,
          address: r.pick(g.addresses),
          channel: category === 'PHOTO_REPORT' ? 'PHOTO' : r.weighted([['HOTLINE', 85], ['APP', 6], ['WECHAT', 5], ['SUPERVISION', 4]] as const),
          urgent: !!g.master.urgent && r.chance(0.3),
          citizenName: who.name,
          citizenPhone: who.phone,
          group: g.id,
          master,
          concentrated: true,
        }),
      );
    };
    for (const [day, n] of g.peaks) for (let i = 0; i < n; i++) child(day);
    // The rest spread thinly (≤ 2 a day) so that the peaks stay the days that warn.
    const peakDays = new Set(g.peaks.map((p) => p[0]));
    const days = daysBetween(g.from, g.to).filter((d) => !peakDays.has(d));
    const perDay = new Map<string, number>();
    for (let i = 0; i < g.extra && days.length; i++) {
      const day = r.pick(days);
      if ((perDay.get(day) ?? 0) >= 2) {
        i--;
        if (perDay.size >= days.length) break;
        continue;
      }
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      child(day);
    }
  }

  // Storm days: 道路积水 multiplies (besides the two flood spots above).
  for (const street of streets) {
    const r = rng.fork(`storm:${street.spec.code}`);
    const tangqiao = street.spec.code === 'TQ';
    for (const day of STORM_DAYS) {
      const n = tangqiao ? r.int(14, 20) : r.int(3, 6);
      for (let i = 0; i < n; i++) {
        const category: Category = r.chance(0.7) ? 'HELP' : 'COMPLAINT';
        const t = ordinaryTicket(street, r, mk, category, at(day, r.int(13, 23), r.int(0, 59), r.int(0, 59)), '道路积水');
        t.urgent = r.chance(0.18);
        out.push(t);
      }
    }
  }
  return out;
}

// ───────────────────────────── numbering, repeats, dispatch plans ─────────────────────────────

/**
 * 工单编号 'YYMMDD' + a 4-digit city-wide daily sequence: the district's tickets are a sample of the city's,
 * so the sequence starts above 0100 and has gaps (and never collides with samples/tickets-sample.csv).
 */
export function assignNumbers(all: T[], rng: Rng, range: { from: number; to: number; step: number } = { from: 100, to: 300, step: 25 }) {
  let day = '';
  let n = 0;
  for (const t of all) {
    const d = shanghaiDate(t.receivedAt);
    if (d !== day) {
      day = d;
      n = rng.int(range.from, range.to);
    }
    n += rng.int(1, range.step);
    if (n > 9999) throw new Error('demo seed: daily ticket sequence overflow');
    t.number = d.slice(2).replaceAll('-', '') + String(n).padStart(4, '0');
  }
}

/** Ordinary repeat calls: a later ticket of the same matter points at the root (master) of the group. */
export function addOrdinaryRepeats(tickets: T[], rng: Rng) {
  const recent: T[] = [];
  for (const t of tickets) {
    if (!t.group && t.category !== 'OTHER' && rng.chance(0.045)) {
      const cutoff = t.receivedAt.getTime() - 20 * DAY_MS;
      const candidates = recent.filter(
        (m) => m.receivedAt.getTime() >= cutoff && m.category === t.category && !m.group && m.receivedAt < t.receivedAt,
      );
      if (candidates.length) {
        const sameTopic = candidates.filter((m) => m.topic === t.topic);
        const m = rng.pick(sameTopic.length ? sameTopic : candidates);
        t.master = m;
        t.topic = m.topic;
        t.unit = m.unit;
        t.committee = m.committee;
        t.address = m.address;
        t.urgent = false;
        t.content = rng.chance(0.5) ? `再次反映：${m.content}` : `${m.content.replace(/。$/, '')}，之前已反映过，至今未解决。`;
        if (rng.chance(0.5)) {
          t.citizenName = m.citizenName;
          t.citizenPhone = m.citizenPhone;
        }
        continue;
      }
    }
    if (!t.master) {
      recent.push(t);
      if (recent.length > 400) recent.shift();
    }
  }
}

function dutyRoster(street: StreetCtx): { rows: DemoDutyRoster[]; byWeek: Map<string, string> } {
  const rows: DemoDutyRoster[] = [];
  const byWeek = new Map<string, string>();
  const leaders = street.spec.leaders.map((l) => l[0]);
  for (let w = 1; w <= 52; w++) {
    const isoWeek = `2023-W${String(w).padStart(2, '0')}`;
    const leaderName = leaders[(w - 1) % leaders.length]!;
    rows.push({ streetCode: street.spec.code, isoWeek, leaderName });
    byWeek.set(isoWeek, leaderName);
  }
  return { rows, byWeek };
}

/** 领导派单: the duty leader of the week takes tickets at the city-ops centre (mostly in the campaign). */
function markLeaderDispatch(tickets: T[], byWeek: Map<string, string>, rng: Rng) {
  const byMonth = new Map<number, T[]>();
  for (const t of tickets) {
    const h = hourOf(t.receivedAt);
    if (t.master || t.group || t.urgent || t.channel !== 'HOTLINE' || h < 9 || h >= 17) continue;
    if (t.category !== 'COMPLAINT' && t.category !== 'HELP') continue;
    const m = monthIdx(t.receivedAt);
    if (!byMonth.has(m)) byMonth.set(m, []);
    byMonth.get(m)!.push(t);
  }
  for (const [m, list] of byMonth) {
    const n = m >= 8 ? rng.int(8, 11) : rng.int(1, 2);
    for (const t of rng.shuffle([...list]).slice(0, n)) {
      const leader = byWeek.get(isoWeekOf(shanghaiDate(t.receivedAt)));
      if (!leader) continue;
      t.channel = 'LEADER_DISPATCH';
      t.leaderName = leader;
    }
  }
}

function planReturns(tickets: T[], street: StreetCtx, rng: Rng) {
  const eligible = tickets.filter((t) => !t.master && !t.group && !t.urgent && t.channel !== 'LEADER_DISPATCH' && t.receivedAt < shanghaiStartOfDay('2023-12-10'));
  const months = new Map(eligible.map((t) => [t, monthIdx(t.receivedAt)]));
  const monthIdxOf = (t: T) => months.get(t)!;
  const departments = [...street.units.values()].filter((u) => u.peerGroup !== 'RESIDENTIAL');
  const otherUnit = (t: T) => rng.pick(departments.filter((u) => u !== t.unit));
  const taken = new Set<T>();
  const take = (filter: (t: T) => boolean): T | undefined => {
    const list = eligible.filter((t) => !taken.has(t) && filter(t));
    if (!list.length) return undefined;
    const t = rng.pick(list);
    taken.add(t);
    return t;
  };
  // 城管中队 tried to return four tickets in May and was refused each time (→ interview, 纪检 referral).
  for (let i = 0; i < 4; i++) {
    const t = take((x) => x.unit.code === 'CGZD' && monthIdxOf(x) === 4);
    if (t) t.returnPlan = { kind: 'REJECTED' };
  }
  for (let m = 0; m < 12; m++) {
    const n = m <= 7 ? rng.int(2, 3) : rng.int(1, 2);
    for (let i = 0; i < n; i++) {
      const t = take((x) => monthIdxOf(x) === m);
      if (!t) continue;
      if (rng.chance(0.45)) t.returnPlan = { kind: 'APPROVED', fromUnit: otherUnit(t) };
      else t.returnPlan = { kind: 'REJECTED' };
    }
  }
  const chainA = take((x) => monthIdxOf(x) === 6);
  if (chainA) chainA.returnPlan = { kind: 'CHAIN_APPROVED', fromUnit: otherUnit(chainA) };
  const chainB = take((x) => monthIdxOf(x) === 9);
  if (chainB) chainB.returnPlan = { kind: 'CHAIN_REJECTED', fromUnit: otherUnit(chainB) };
}

// ───────────────────────────── lifecycle ─────────────────────────────

const LATE_CLOSE = [0.035, 0.035, 0.035, 0.035, 0.04, 0.04, 0.03, 0.025, 0.012, 0.006, 0.003, 0.002];
const REDO = [0.03, 0.03, 0.03, 0.03, 0.035, 0.035, 0.03, 0.03, 0.06, 0.06, 0.05, 0.05];
const UNFOUNDED = [0.055, 0.055, 0.055, 0.055, 0.06, 0.06, 0.05, 0.05, 0.04, 0.035, 0.03, 0.03];

function dues(t: T, cal: WorkCalendar, rules: readonly SlaRule[]) {
  const d = computeDueTimes(
    {
      category: t.category,
      channel: t.channel,
      urgent: t.urgent,
      receivedAt: t.receivedAt,
      extensionApproved: t.extensionApproved,
      reopenedAt: t.reopenedAt,
      reopenKind: t.reopenKind,
    },
    rules,
    cal,
  );
  t.firstContactDue = d.firstContactDue;
  t.completionDue = d.completionDue;
}

/** Moves a closing time into office hours (08:30–20:30) when that keeps it inside (after, before]. */
function officeHours(c: Date, after: Date, before: Date, rng: Rng): Date {
  const h = hourOf(c);
  if (h >= 8.5 && h < 20.5) return c;
  const day = shanghaiDate(c);
  const options = [at(day, rng.int(9, 11), rng.int(0, 59)), at(day, rng.int(15, 19), rng.int(0, 59)), at(addDays(day, -1), rng.int(16, 19), rng.int(0, 59))];
  for (const o of options) if (o > after && o <= before) return o;
  return c;
}

function sampleClose(t: T, from: Date, due: Date, lateP: number, rng: Rng): Date {
  const m = monthIdx(t.receivedAt);
  if (rng.chance(lateP)) {
    const c = plus(maxDate(due, from), rng.int(2 * 60, 80 * 60) * MIN);
    return officeHours(c, maxDate(due, from), plus(c, 2 * DAY_MS), rng);
  }
  const start = plus(from, rng.int(15, 60) * MIN);
  const span = due.getTime() - start.getTime();
  if (span < 30 * MIN) return plus(from, rng.int(10, 25) * MIN);
  const f = Math.pow(rng.next(), m >= 8 ? 1.9 : 1.35);
  return officeHours(new Date(start.getTime() + f * span), start, due, rng);
}

export function lifecycle(t: T, rng: Rng, cal: WorkCalendar, rules: readonly SlaRule[]) {
  dues(t, cal, rules);
  const m = monthIdx(t.receivedAt);
  const rec = t.receivedAt;
  const h = hourOf(rec);
  if (t.urgent) t.dispatchedAt = plus(rec, rng.int(2, 12) * MIN);
  else if (h >= 8 && h < 20) t.dispatchedAt = plus(rec, rng.int(8, 75) * MIN);
  else t.dispatchedAt = at(h >= 20 ? addDays(shanghaiDate(rec), 1) : shanghaiDate(rec), 8, rng.int(5, 55), rng.int(0, 59));
  t.acceptedAt = plus(t.dispatchedAt, (t.urgent ? rng.int(2, 10) : rng.int(5, 100)) * MIN);

  // A return request approved before acceptance: the new unit is dispatched after the decision.
  const plan = t.returnPlan;
  if (plan && (plan.kind === 'APPROVED' || plan.kind === 'CHAIN_APPROVED' || plan.kind === 'CHAIN_REJECTED')) {
    const requestedAt = plus(t.dispatchedAt, rng.int(10, 50) * MIN);
    const decidedAt = plus(requestedAt, rng.int(30, 150) * MIN);
    let mainLeaderAt: Date | null = null;
    if (plan.kind === 'CHAIN_APPROVED') {
      // Refused once by the 分管领导, asked again: the 主要领导 approves with a 纪检 filing.
      const again = plus(decidedAt, rng.int(20, 90) * MIN);
      mainLeaderAt = plus(again, rng.int(60, 240) * MIN);
      t.returns.push(returnRow(t, plan.fromUnit!, null, 'REJECTED', requestedAt, decidedAt, false, null, rng));
      t.returns.push(returnRow(t, plan.fromUnit!, t.unit, 'APPROVED', again, mainLeaderAt, true, mainLeaderAt, rng));
      t.dispatchedAt = plus(mainLeaderAt, rng.int(5, 20) * MIN);
    } else {
      t.returns.push(returnRow(t, plan.fromUnit!, t.unit, 'APPROVED', requestedAt, decidedAt, false, null, rng));
      t.dispatchedAt = plus(decidedAt, rng.int(1, 10) * MIN);
      if (plan.kind === 'CHAIN_REJECTED') {
        // The designated unit asks to return it too: needs the 主要领导, who refuses.
        const again = plus(t.dispatchedAt, rng.int(30, 120) * MIN);
        mainLeaderAt = plus(again, rng.int(60, 240) * MIN);
        t.returns.push(returnRow(t, t.unit, null, 'REJECTED', again, mainLeaderAt, true, mainLeaderAt, rng));
      }
    }
    t.acceptedAt = plus(maxDate(t.dispatchedAt, t.returns[t.returns.length - 1]!.decidedAt!), rng.int(5, 30) * MIN);
  }
  if (plan?.kind === 'REJECTED') {
    const requestedAt = plus(t.acceptedAt, rng.int(10, 90) * MIN);
    t.returns.push(returnRow(t, t.unit, null, 'REJECTED', requestedAt, plus(requestedAt, rng.int(30, 240) * MIN), false, null, rng));
  }

  // Fact finding (事实认定). Weak units lean on 不属实 (plan 三.3).
  if (t.category === 'CONSULT' || t.category === 'SUGGESTION') t.factFinding = 'TRUE';
  else {
    const r = rng.next();
    const pu = UNFOUNDED[m]! * Math.sqrt(t.unit.bad);
    t.factFinding = r < pu ? 'UNFOUNDED' : r < pu + 0.15 ? 'PARTLY_TRUE' : 'TRUE';
  }
  t.unfoundedAccepted = t.factFinding === 'UNFOUNDED' && rng.chance(0.85);
  if (!t.extensionApproved && !t.master && t.category === 'COMPLAINT' && TOPICS[t.topic]!.hard >= 1.5 && rng.chance(0.04)) {
    t.extensionApproved = true;
    t.difficult = true;
    dues(t, cal, rules);
  }

  const lateP = Math.min(0.3, LATE_CLOSE[m]! * t.unit.bad);
  let close = sampleClose(t, t.acceptedAt, t.completionDue, lateP, rng);

  // Reopens: an unsatisfied callback, a city review, a re-assignment, or a leader's 督办单.
  let kind: ReopenKind | null = null;
  if (!t.master && close < plus(t.cut, -6 * DAY_MS)) {
    if (t.channel === 'LEADER_DISPATCH' && rng.chance(0.15)) kind = 'LEADER_SUPERVISION';
    else {
      const r = rng.next();
      const pUnsat = (m >= 8 ? 0.03 : 0.018) * Math.sqrt(t.unit.bad);
      if (r < pUnsat) kind = 'CALLBACK_UNSATISFIED';
      else if (r < pUnsat + 0.005) kind = 'CITY_REVIEW';
      else if (r < pUnsat + 0.009) kind = 'REASSIGNED';
    }
  }
  if (kind) {
    t.firstCloseAt = close;
    let reopenAt: Date;
    if (kind === 'CALLBACK_UNSATISFIED' || kind === 'LEADER_SUPERVISION') {
      const cbAt = officeHours(plus(close, rng.int(4 * 60, 30 * 60) * MIN), close, plus(close, 3 * DAY_MS), rng);
      const leader = kind === 'LEADER_SUPERVISION';
      t.callbacks.push({
        calledAt: cbAt,
        result: 'UNSATISFIED',
        caller: leader ? `领导回访 ${t.leaderName}` : rng.pick(CALLERS),
        source: leader ? 'MANUAL' : 'IMPORT',
        note: leader ? '领导回访：市民反映问题未实际解决' : '市民表示问题未解决',
      });
      reopenAt = plus(cbAt, rng.int(20, 180) * MIN);
    } else {
      reopenAt = officeHours(plus(close, rng.int(1, 5) * DAY_MS + rng.int(0, 300) * MIN), close, plus(close, 7 * DAY_MS), rng);
      if (kind === 'CITY_REVIEW') t.callbackReview = true;
      else t.reassigned = true;
    }
    t.reopenedAt = reopenAt;
    t.reopenKind = kind;
    dues(t, cal, rules);
    close = sampleClose(t, reopenAt, t.completionDue, Math.min(0.2, LATE_CLOSE[m]! * t.unit.bad), rng);
    if (kind === 'LEADER_SUPERVISION') {
      t.leaderOrder = {
        ticketKey: -1,
        leaderName: t.leaderName!,
        issuedAt: reopenAt,
        dueAt: t.completionDue,
        reason: rng.pick(['领导现场回访市民不满意，退回重办', '领导回访问题未实际解决，要求两个工作日内重新办理']),
        completionNote: null,
        completedAt: null,
      };
    }
  }

  // 八审八不准: some submissions fail the closure audit and are redone.
  const earliest = t.firstCloseAt ?? close;
  if (!kind && earliest.getTime() - t.acceptedAt.getTime() > 8 * HOUR && rng.chance(REDO[m]! * Math.sqrt(t.unit.bad))) {
    const span = earliest.getTime() - t.acceptedAt.getTime();
    t.failedSubmits.push(new Date(t.acceptedAt.getTime() + span * rng.range(0.35, 0.7)));
    if (rng.chance(0.1)) t.failedSubmits.push(new Date(t.acceptedAt.getTime() + span * rng.range(0.75, 0.9)));
  }
  t.plannedClose = close;
  t.closedAt = close;
  t.submittedAt = close;
}

function returnRow(
  t: T,
  from: UnitCtx,
  to: UnitCtx | null,
  status: DemoReturnRequest['status'],
  requestedAt: Date,
  decidedAt: Date | null,
  needsMainLeader: boolean,
  mainLeaderAt: Date | null,
  rng: Rng,
): DemoReturnRequest {
  const approved = status === 'APPROVED';
  const note =
    status === 'PENDING' || status === 'AWAITING_MAIN_LEADER'
      ? null
      : approved
        ? `同意退单，改派${to!.name}办理。`
        : needsMainLeader
          ? '经主要领导审核，属指定责任范围，不予退单，请按兜底责任制落实办理。'
          : '属首问责任范围，驳回退单，请按指定责任制办理。';
  return {
    ref: `${t.seq}:${t.returns.length}`,
    ticketKey: -1,
    streetCode: t.street.spec.code,
    fromUnitCode: from.code,
    toUnitCode: approved ? to!.code : null,
    reason: rng.pick(RETURN_REASONS),
    requestedAt,
    needsMainLeader,
    status,
    decidedAt: status === 'PENDING' || status === 'AWAITING_MAIN_LEADER' ? null : decidedAt,
    decisionNote: note,
    mainLeaderAt,
    disciplineFilingRef: needsMainLeader && mainLeaderAt ? `${t.street.spec.short}纪备〔2023〕${rng.int(2, 9)}号` : null,
  };
}

/**
 * The year's planned closures that fall after its end: most are pulled into the last days (the campaign's
 * year-end push), the few dozen most recent stay open in various states for now — closeOut closes them
 * after the year's quotas and registers are drawn (so those stay as they were).
 */
export function applyDataCut(all: T[], streets: StreetCtx[], rng: Rng) {
  for (const street of streets) {
    const tangqiao = street.spec.code === 'TQ';
    const over = all.filter((t) => t.street === street && t.closedAt! >= t.cut);
    over.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
    let keepOpen = tangqiao ? 42 : 5;
    const open: T[] = [];
    for (const t of over) {
      if (t.reopenedAt || keepOpen > 0) {
        open.push(t);
        if (!t.reopenedAt) keepOpen--;
        continue;
      }
      const from = t.reopenedAt ?? t.acceptedAt!;
      const c = new Date(from.getTime() + (t.cut.getTime() - 30 * MIN - from.getTime()) * rng.range(0.4, 0.95));
      t.closedAt = t.submittedAt = t.plannedClose = c;
      t.failedSubmits = t.failedSubmits.filter((s) => s < c);
    }
    for (const t of open) openState(t, rng);
    if (!tangqiao) continue;
    // Two open tickets wait on a return request; for one of them the unit asks a second time after a
    // refusal, so it waits for the 主要领导.
    const waiting = open.filter((t) => !t.reopenedAt && !t.master && !t.returns.length && (t.status === 'ACCEPTED' || t.status === 'IN_PROGRESS'));
    waiting.slice(0, 2).forEach((t, i) => returnPending(t, rng, i === 1));
  }
}

/**
 * Every 2023 ticket is closed (domain.md §9): the ones still open at the year's end are finished in its last
 * hours, on a stream of their own, handled as well as December's quality (the campaign's level): a pending
 * return request is refused, a missing stage is done at once, the closure falls before midnight.
 */
export function closeOut(open: T[], rng: Rng) {
  for (const t of open) {
    const end = t.cut.getTime() - MIN;
    const between = (from: Date, lo: number, hi: number) => new Date(from.getTime() + (end - from.getTime()) * rng.range(lo, hi));
    const pending = t.returns.find((r) => r.status === 'PENDING' || r.status === 'AWAITING_MAIN_LEADER');
    if (pending) {
      pending.decidedAt = between(pending.requestedAt, 0.1, 0.3);
      pending.status = 'REJECTED';
      pending.decisionNote = pending.needsMainLeader
        ? '经主要领导审核，属指定责任范围，不予退单，请按兜底责任制落实办理。'
        : '属首问责任范围，驳回退单，请按指定责任制办理。';
      if (pending.needsMainLeader) pending.mainLeaderAt = pending.decidedAt;
      t.status = t.statusBeforeReturn!;
      t.statusBeforeReturn = null;
      t.returnPlan = null;
    }
    if (!t.dispatchedAt) t.dispatchedAt = between(t.receivedAt, 0.05, 0.15);
    if (!t.acceptedAt) t.acceptedAt = between(t.dispatchedAt, 0.1, 0.2);
    const from = [t.reopenedAt, pending?.decidedAt, t.firstContactAt].reduce<Date>((a, d) => (d ? maxDate(a, d) : a), t.acceptedAt);
    t.closedAt = t.submittedAt = t.plannedClose = between(from, 0.4, 0.9);
    t.status = 'CLOSED';
    if (!t.resolution && t.factFinding !== null) {
      t.resolution = t.factFinding === 'UNFOUNDED' && t.unfoundedAccepted ? 'EXPLAINED' : rng.weighted([['ACTUALLY_RESOLVED', 85], ['EXPLAINED', 14], ['UNRESOLVED', 1]] as const);
    }
    t.lateContact = false;
    planCallbacks(t, rng);
    for (const cb of t.callbacks) {
      if (cb.final && !cb.result) cb.result = rng.weighted([['SATISFIED', 88], ['BASICALLY_SATISFIED', 8], ['NEUTRAL', 2], ['UNSATISFIED', 2]] as const);
    }
    finishTicket(t, rng);
    wholeSeconds(t);
  }
}

export function openState(t: T, rng: Rng) {
  t.closedAt = null;
  t.submittedAt = null;
  t.failedSubmits = [];
  if (t.reopenedAt) {
    t.status = 'IN_PROGRESS';
    if (t.leaderOrder) t.leaderOrder.completedAt = null;
    return;
  }
  if (t.dispatchedAt! >= t.cut) {
    t.status = 'RECEIVED';
    t.dispatchedAt = t.acceptedAt = null;
  } else if (t.acceptedAt! >= t.cut) {
    t.status = 'DISPATCHED';
    t.acceptedAt = null;
  } else {
    const contact = plus(t.acceptedAt!, rng.int(15, 26 * 60) * MIN);
    if (contact >= t.cut || rng.chance(0.12)) t.status = 'ACCEPTED';
    else {
      t.firstContactAt = contact;
      t.status = 'IN_PROGRESS';
      const sub = plus(contact, rng.int(2 * 60, 40 * 60) * MIN);
      if (sub < t.cut && rng.chance(0.35)) {
        t.status = 'SUBMITTED';
        t.submittedAt = sub;
      }
    }
  }
}

export function returnPending(t: T, rng: Rng, secondRequest: boolean) {
  let requestedAt = plus(t.firstContactAt ?? t.acceptedAt!, rng.int(10, 60) * MIN);
  if (requestedAt >= t.cut) requestedAt = plus(t.cut, -rng.int(30, 90) * MIN);
  if (secondRequest) {
    const base = t.acceptedAt!.getTime();
    const span = requestedAt.getTime() - base;
    const first = new Date(base + span * 0.3);
    t.returns.push(returnRow(t, t.unit, null, 'REJECTED', first, new Date(base + span * 0.6), false, null, rng));
  }
  t.statusBeforeReturn = t.status;
  t.status = 'RETURN_PENDING';
  t.returnPlan = { kind: secondRequest ? 'AWAITING' : 'PENDING' };
  t.returns.push(returnRow(t, t.unit, null, secondRequest ? 'AWAITING_MAIN_LEADER' : 'PENDING', requestedAt, null, secondRequest, null, rng));
}

export function planCallbacks(t: T, rng: Rng) {
  if (t.status !== 'CLOSED') return;
  const p = t.master ? 0.75 : t.category === 'CONSULT' ? 0.86 : 0.93;
  if (!rng.chance(p)) return;
  const close = t.closedAt!;
  let calledAt = officeHours(plus(close, rng.int(3 * 60, 50 * 60) * MIN), close, plus(close, 4 * DAY_MS), rng);
  if (calledAt >= t.cut) return;
  const caller = rng.pick(CALLERS);
  const source = caller === '市热线回访' ? 'IMPORT' : 'MANUAL';
  const r = rng.next();
  if (r < 0.06) {
    t.callbacks.push({ calledAt, result: 'NOT_REACHED', caller, source, note: '电话无人接听' });
    return;
  }
  if (r < 0.085) {
    t.callbacks.push({ calledAt, result: 'REFUSED', caller, source, note: '市民拒绝评价' });
    return;
  }
  if (r < 0.13) {
    t.callbacks.push({ calledAt, result: 'NOT_REACHED', caller, source, note: '电话无人接听' });
    calledAt = plus(calledAt, rng.int(20, 28) * HOUR);
    if (calledAt >= t.cut) return;
  }
  t.callbacks.push({ calledAt, result: null, caller, source, note: null, final: true });
}

// ───────────────────────────── quotas ─────────────────────────────

const closedMonth = (t: T) => monthIdx(t.closedAt!);

export function applyQuotas(tickets: T[], street: StreetCtx, rng: Rng) {
  const assessedClosed = tickets.filter((t) => !t.master && t.status === 'CLOSED');
  const byMonth = new Map<number, T[]>();
  for (const t of assessedClosed) {
    const m = closedMonth(t);
    if (!byMonth.has(m)) byMonth.set(m, []);
    byMonth.get(m)!.push(t);
  }
  const weightBad = (t: T) => Math.pow(t.unit.bad, 1.5);
  for (const [m, C] of [...byMonth].sort((a, b) => a[0] - b[0])) {
    const [fc, res, share, sat] = street.spec.monthly[m]!;
    // 先行联系: a late first contact is possible only if the ticket was still open after the due time,
    // and not when a reopen restarted the clock after the contact.
    const canBeLate = (t: T) => {
      const limit = t.failedSubmits[0] ?? t.firstCloseAt ?? t.closedAt!;
      return limit.getTime() - t.firstContactDue.getTime() >= 40 * MIN && t.firstContactDue > t.acceptedAt!;
    };
    const late = new Set(weightedDraw(C.filter(canBeLate), (t) => weightBad(t) * (t.urgent ? 1.5 : 1), Math.round(C.length * (1 - fc)), rng));
    for (const t of C) t.lateContact = late.has(t);

    // 实际解决率 over R, 实际解决占比 over the resolved part of R.
    const R = C.filter((t) => !(t.factFinding === 'UNFOUNDED' && t.unfoundedAccepted));
    for (const t of C) if (t.factFinding === 'UNFOUNDED' && t.unfoundedAccepted) t.resolution = 'EXPLAINED';
    const hard = (t: T) => TOPICS[t.topic]!.hard * (t.concentrated ? 2 : 1);
    const unresolved = new Set(weightedDraw(R, (t) => weightBad(t) * hard(t) * (t.factFinding === 'UNFOUNDED' ? 0.3 : 1), Math.round(R.length * (1 - res)), rng));
    const resolved = R.filter((t) => !unresolved.has(t));
    const explained = new Set(
      weightedDraw(resolved, (t) => Math.sqrt(t.unit.bad) * (t.category === 'CONSULT' ? 4 : 1) * hard(t), Math.round(resolved.length * (1 - share)), rng),
    );
    for (const t of R) t.resolution = unresolved.has(t) ? 'UNRESOLVED' : explained.has(t) ? 'EXPLAINED' : 'ACTUALLY_RESOLVED';

    // 满意率 over S: the latest reached callback of each ticket of R. A ticket whose only reached
    // callback is the one before a reopen has its result fixed already.
    const S = R.filter((t) => t.callbacks.some((c) => c.final || isReached(c.result)));
    const flexible = S.filter((t) => t.callbacks.some((c) => c.final));
    const fixedUnsat = S.length - flexible.length; // those fixed results are all 不满意
    const counts = satisfactionCounts(S.length, sat, fixedUnsat);
    const unsat = new Set(
      weightedDraw(flexible, (t) => weightBad(t) * (t.resolution === 'UNRESOLVED' ? 10 : t.resolution === 'EXPLAINED' ? 2.5 : 1) * (t.concentrated ? 2 : 1), counts.unsatisfied, rng),
    );
    const rest1 = flexible.filter((t) => !unsat.has(t));
    const neutral = new Set(weightedDraw(rest1, (t) => t.unit.bad * (t.resolution === 'UNRESOLVED' ? 4 : t.resolution === 'EXPLAINED' ? 2 : 1), counts.neutral, rng));
    const rest2 = rest1.filter((t) => !neutral.has(t));
    const basic = new Set(weightedDraw(rest2, (t) => (t.resolution === 'EXPLAINED' ? 2 : 1), counts.basic, rng));
    for (const t of flexible) {
      const cb = t.callbacks.find((c) => c.final)!;
      cb.result = unsat.has(t) ? 'UNSATISFIED' : neutral.has(t) ? 'NEUTRAL' : basic.has(t) ? 'BASICALLY_SATISFIED' : 'SATISFIED';
    }
  }
}

const isReached = (r: CallbackResult | null) => r === 'SATISFIED' || r === 'BASICALLY_SATISFIED' || r === 'NEUTRAL' || r === 'UNSATISFIED';

/**
 * Counts of 不满意 / 一般 / 基本满意 (the rest 满意) among n tickets whose weighted mean
 * (1, 0.8, 0.6, 0) is as close to `target` as whole counts allow; `fixedUnsat` of them are 不满意 already.
 */
export function satisfactionCounts(n: number, target: number, fixedUnsat = 0) {
  if (n === 0) return { unsatisfied: 0, neutral: 0, basic: 0 };
  const high = target >= 0.93;
  const basic = Math.round((high ? 0.08 : 0.13) * n);
  const neutral = Math.round((high ? 0.025 : 0.05) * n);
  // mean = (n − u − 0.2·basic − 0.4·neutral) / n: the whole u nearest the target.
  let u = Math.round(n - 0.2 * basic - 0.4 * neutral - target * n);
  u = Math.min(Math.max(u, fixedUnsat, 0), n - basic - neutral);
  return { unsatisfied: Math.max(0, u - fixedUnsat), neutral, basic };
}

// ───────────────────────────── details ─────────────────────────────

export function finishTicket(t: T, rng: Rng) {
  const spec = TOPICS[t.topic]!;
  const contactBase = t.acceptedAt;
  // Repeat children follow their master's outcome; open tickets and children were not in a quota.
  if (t.status === 'CLOSED' && !t.resolution) {
    const m = t.master;
    t.resolution = m?.resolution ?? rng.weighted([['ACTUALLY_RESOLVED', 55], ['EXPLAINED', 38], ['UNRESOLVED', 7]] as const);
    if (m?.factFinding) t.factFinding = m.factFinding === 'UNFOUNDED' ? 'UNFOUNDED' : t.factFinding;
    t.lateContact = rng.chance(0.02);
  }
  if (t.status === 'SUBMITTED' && !t.resolution) t.resolution = rng.weighted([['ACTUALLY_RESOLVED', 70], ['EXPLAINED', 27], ['UNRESOLVED', 3]] as const);

  // First contact (先行联系).
  const state = t.statusBeforeReturn ?? t.status;
  if (contactBase && !t.firstContactAt && state !== 'ACCEPTED' && state !== 'DISPATCHED' && state !== 'RECEIVED') {
    const limit = t.failedSubmits[0] ?? t.firstCloseAt ?? t.closedAt ?? t.submittedAt ?? t.cut;
    const room = limit.getTime() - t.firstContactDue.getTime() - 10 * MIN;
    if (t.lateContact && room >= 10 * MIN) {
      t.firstContactAt = plus(t.firstContactDue, Math.min(room, rng.int(20, 30 * 60) * MIN));
    } else {
      const cap = minDate(t.firstContactDue, plus(limit, -MIN));
      const delay = (t.urgent ? rng.int(5, 60) : Math.round(Math.pow(rng.next(), 2) * 6 * 60) + 10) * MIN;
      let fc = plus(contactBase, delay);
      if (fc > cap) fc = new Date(contactBase.getTime() + (cap.getTime() - contactBase.getTime()) * rng.range(0.3, 0.9));
      t.firstContactAt = fc;
    }
  }

  // Unanswered callbacks of children and accepted-unfounded tickets: a plain distribution.
  for (const cb of t.callbacks) {
    if (cb.result) continue;
    cb.result = t.master
      ? rng.weighted([['SATISFIED', 45], ['BASICALLY_SATISFIED', 15], ['NEUTRAL', 10], ['UNSATISFIED', 30]] as const)
      : rng.weighted([['SATISFIED', 35], ['BASICALLY_SATISFIED', 15], ['NEUTRAL', 15], ['UNSATISFIED', 35]] as const);
  }
  for (const cb of t.callbacks) {
    if (cb.note === null && cb.result === 'UNSATISFIED') cb.note = rng.pick(['市民表示问题未解决', '市民对处理结果不认可', '市民认为答复敷衍']);
  }

  if (t.leaderOrder && t.status === 'CLOSED') {
    t.leaderOrder.completedAt = t.closedAt;
    t.leaderOrder.completionNote = `已按${t.leaderOrder.leaderName}督办要求重新办理：${spec.action}，书面材料已报城运中心。`;
  }

  // Closure texts.
  const resolution = t.resolution;
  if (!resolution) return;
  const name = t.unit.name;
  const consult = t.category === 'CONSULT' || t.category === 'SUGGESTION';
  const visit = siteVisitTime(t, rng);
  t.demand = consult
    ? `市民${t.category === 'CONSULT' ? '咨询' : '建议'}：${t.content}诉求为获得答复。`
    : `市民反映：${t.content.replace(/。$/, '')}。诉求为尽快处置。`;
  t.siteVisit = consult || !visit ? '电话联系市民了解情况，无需现场查看。' : `${wall(visit)} ${name}工作人员至${t.address}现场查看。`;
  t.factBasis =
    t.factFinding === 'UNFOUNDED'
      ? '经现场核查并走访周边居民，未发现市民反映的情况，认定不属实。'
      : t.factFinding === 'PARTLY_TRUE'
        ? '现场查看，市民反映的情况部分属实，部分问题已由相关方自行整改。'
        : consult
          ? '市民咨询（建议）事项明确。'
          : '现场查看情况属实，已拍照留存。';
  t.replyText =
    t.factFinding === 'UNFOUNDED'
      ? `您好，经${name}现场核查，未发现您反映的情况。如仍存在问题，请再次来电告知具体时间和地点，我们将及时处理。`
      : resolution === 'ACTUALLY_RESOLVED'
        ? `您好，关于您反映的问题，经${name}现场核实，已${spec.action}。感谢您对我们工作的支持。`
        : resolution === 'EXPLAINED'
          ? `您好，经核实，${spec.explain}。已电话向您说明情况，敬请谅解。`
          : `您好，经${name}多次协调，${spec.unresolved}，我们将持续跟进，有进展及时告知。`;
}

/** A site visit between first contact and closure, in office hours when there is room for it. */
function siteVisitTime(t: T, rng: Rng): Date | null {
  const end = t.closedAt ?? t.submittedAt;
  if (!t.firstContactAt || !end) return null;
  const mid = new Date((t.firstContactAt.getTime() + end.getTime()) / 2);
  const h = hourOf(mid);
  if (h >= 8.5 && h < 18) return mid;
  const day = shanghaiDate(mid);
  for (const d of [day, addDays(day, h < 8.5 ? -1 : 1)]) {
    const v = at(d, rng.int(9, 16), rng.int(0, 59));
    if (v > t.firstContactAt && v < end) return v;
  }
  return mid;
}

const floorSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** Whole seconds everywhere (flooring keeps every ≤ between a time and a 23:59:59.999 due time). */
export function wholeSeconds(t: T) {
  for (const k of ['receivedAt', 'dispatchedAt', 'acceptedAt', 'firstContactAt', 'submittedAt', 'closedAt', 'reopenedAt', 'firstCloseAt'] as const) {
    const v = t[k];
    if (v) (t as unknown as Record<string, Date>)[k] = floorSecond(v);
  }
  t.failedSubmits = t.failedSubmits.map(floorSecond);
  for (const cb of t.callbacks) cb.calledAt = floorSecond(cb.calledAt);
  for (const r of t.returns) {
    r.requestedAt = floorSecond(r.requestedAt);
    if (r.decidedAt) r.decidedAt = floorSecond(r.decidedAt);
    if (r.mainLeaderAt) r.mainLeaderAt = floorSecond(r.mainLeaderAt);
  }
  if (t.leaderOrder) {
    t.leaderOrder.issuedAt = floorSecond(t.leaderOrder.issuedAt);
    if (t.leaderOrder.completedAt) t.leaderOrder.completedAt = floorSecond(t.leaderOrder.completedAt);
  }
}

export function toRow(t: T): DemoTicket {
  const last = [t.receivedAt, t.dispatchedAt, t.acceptedAt, t.firstContactAt, t.submittedAt, t.closedAt, t.reopenedAt, ...t.callbacks.map((c) => c.calledAt)]
    .filter((d): d is Date => !!d)
    .reduce((a, b) => (a > b ? a : b));
  return {
    key: t.key,
    number: t.number,
    streetCode: t.street.spec.code,
    unitCode: t.unit.code,
    committeeUnitCode: t.committee?.code ?? null,
    repeatOfKey: t.master ? t.master.key : null,
    category: t.category,
    channel: t.channel,
    urgent: t.urgent,
    topic: t.topic,
    content: t.content,
    citizenName: t.citizenName,
    citizenPhone: t.citizenPhone,
    address: t.address,
    committeeName: t.committee?.name ?? null,
    status: t.status,
    statusBeforeReturn: t.statusBeforeReturn,
    receivedAt: t.receivedAt,
    dispatchedAt: t.dispatchedAt,
    acceptedAt: t.acceptedAt,
    firstContactAt: t.firstContactAt,
    submittedAt: t.submittedAt,
    closedAt: t.closedAt,
    reopenedAt: t.reopenedAt,
    reopenKind: t.reopenKind,
    firstContactDue: t.firstContactDue,
    completionDue: t.completionDue,
    extensionApproved: t.extensionApproved,
    factFinding: t.status === 'CLOSED' || t.status === 'SUBMITTED' ? t.factFinding : null,
    factBasis: t.status === 'CLOSED' || t.status === 'SUBMITTED' ? t.factBasis : null,
    unfoundedAccepted: (t.status === 'CLOSED' || t.status === 'SUBMITTED') && t.unfoundedAccepted,
    resolution: t.status === 'CLOSED' || t.status === 'SUBMITTED' ? t.resolution : null,
    demand: t.firstContactAt ? t.demand : null,
    siteVisit: t.status === 'CLOSED' || t.status === 'SUBMITTED' ? t.siteVisit : null,
    replyText: t.status === 'CLOSED' || t.status === 'SUBMITTED' ? t.replyText : null,
    difficult: t.difficult,
    concentrated: t.concentrated,
    callbackReview: t.callbackReview,
    reassigned: t.reassigned,
    escalated: t.escalated,
    leaderName: t.leaderName,
    redoCount: t.failedSubmits.length,
    updatedAt: last,
  };
}

// ───────────────────────────── audits and events ─────────────────────────────

function auditChecks(rng: Rng, fails: number): { pass: boolean; note: string }[] {
  const failing = new Set(rng.shuffle([0, 1, 2, 3, 4, 5, 6, 7]).slice(0, fails));
  return AUDIT_CHECKS.map((_, i) => (failing.has(i) ? { pass: false, note: AUDIT_FAIL_NOTES[i]! } : { pass: true, note: '' }));
}

export function buildAudits(all: T[], tq: StreetCtx | null, rng: Rng, out: DemoData) {
  for (const t of all) {
    for (const s of t.failedSubmits) {
      const checks = auditChecks(rng, rng.chance(0.75) ? 1 : 2);
      out.closureAudits.push({
        ticketKey: t.key,
        submittedAt: s,
        auditedAt: plus(s, rng.int(20, 240) * MIN),
        checks,
        passed: false,
        note: `八审八不准审核未通过，退回重办：${checks.filter((c) => !c.pass).map((c) => c.note).join('；')}`,
      });
    }
    // Passing audits: every accepted submission of Tangqiao from the campaign on, and each redone ticket.
    const passes: Date[] = [];
    const campaign = (d: Date) => t.street === tq && d >= CAMPAIGN_START;
    if (t.firstCloseAt && campaign(t.firstCloseAt)) passes.push(t.firstCloseAt);
    if (t.closedAt && (t.failedSubmits.length || campaign(t.closedAt))) passes.push(t.closedAt);
    for (const s of passes) {
      out.closureAudits.push({
        ticketKey: t.key,
        submittedAt: s,
        auditedAt: minDate(plus(s, rng.int(10, 150) * MIN), plus(t.cut, -MIN)),
        checks: auditChecks(rng, 0),
        passed: true,
        note: '审核通过',
      });
    }
  }
}

export function buildEvents(all: T[], tq: StreetCtx | null, out: DemoData) {
  const december = shanghaiStartOfDay('2023-12-01');
  for (const t of all) {
    const wanted = t.status !== 'CLOSED' || t.reopenedAt || (t.street === tq && t.receivedAt >= december);
    if (!wanted) continue;
    const ev: DemoEvent[] = [];
    const add = (at: Date | null, kind: string, actorLabel: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null, note: string | null = null) => {
      if (at && at < t.cut) ev.push({ ticketKey: t.key, at, actorLabel, kind, before, after, note });
    };
    const ops = `城运中心 ${t.street.spec.opsStaff[t.key % t.street.spec.opsStaff.length]}`;
    const handler = `${t.unit.name} ${t.unit.handler}`;
    const source = t.channel === 'LEADER_DISPATCH' ? `领导派单 ${t.leaderName}` : t.channel === 'GRID' ? '网格巡查' : '12345平台';
    const unitLabel = (code: string) => t.street.units.get(code)?.name ?? code;
    add(t.receivedAt, 'RECEIVED', source, null, { status: 'RECEIVED', number: t.number, category: t.category, channel: t.channel });
    for (const r of t.returns) {
      const from = unitLabel(r.fromUnitCode);
      add(r.requestedAt, 'RETURN_REQUESTED', r.fromUnitCode === t.unit.code ? handler : from, null, { status: 'RETURN_PENDING', fromUnit: from }, r.reason);
      const decider = r.needsMainLeader ? t.street.spec.leaders[0]![0] : t.street.spec.leaders[1]![0];
      if (r.decidedAt && r.status === 'APPROVED') add(r.decidedAt, 'RETURN_APPROVED', decider, { status: 'RETURN_PENDING', unit: from }, { status: 'DISPATCHED', unit: unitLabel(r.toUnitCode!) }, r.decisionNote);
      if (r.decidedAt && r.status === 'REJECTED') add(r.decidedAt, 'RETURN_REJECTED', decider, { status: 'RETURN_PENDING' }, { status: 'ACCEPTED', unit: from }, r.decisionNote);
    }
    add(t.dispatchedAt, 'DISPATCHED', ops, { status: 'RECEIVED' }, { status: 'DISPATCHED', unit: t.unit.name });
    add(t.acceptedAt, 'ACCEPTED', handler, { status: 'DISPATCHED' }, { status: 'ACCEPTED' });
    add(t.firstContactAt, 'FIRST_CONTACT', handler, { status: 'ACCEPTED' }, { status: 'IN_PROGRESS', firstContactAt: t.firstContactAt?.toISOString() });
    for (const s of t.failedSubmits) {
      add(s, 'SUBMITTED', handler, { status: 'IN_PROGRESS' }, { status: 'SUBMITTED' });
      add(plus(s, 60 * MIN), 'AUDIT_FAILED', ops, { status: 'SUBMITTED' }, { status: 'IN_PROGRESS' }, '八审八不准审核未通过，退回重办');
    }
    if (t.firstCloseAt) {
      add(t.firstCloseAt, 'SUBMITTED', handler, { status: 'IN_PROGRESS' }, { status: 'SUBMITTED' });
      add(plus(t.firstCloseAt, 30 * MIN), 'CLOSED', ops, { status: 'SUBMITTED' }, { status: 'CLOSED', closedAt: t.firstCloseAt.toISOString() });
      for (const cb of t.callbacks.filter((c) => c.calledAt < t.reopenedAt!)) add(cb.calledAt, 'CALLBACK', cb.caller, null, { result: cb.result });
      add(t.reopenedAt, 'REOPENED', ops, { status: 'CLOSED' }, { status: 'IN_PROGRESS', reopenKind: t.reopenKind, completionDue: t.completionDue.toISOString() });
    }
    if (t.submittedAt) add(t.submittedAt, 'SUBMITTED', handler, { status: 'IN_PROGRESS' }, { status: 'SUBMITTED', resolution: t.resolution });
    if (t.closedAt) {
      add(plus(t.closedAt, 30 * MIN), 'CLOSED', ops, { status: 'SUBMITTED' }, { status: 'CLOSED', closedAt: t.closedAt.toISOString() });
      for (const cb of t.callbacks.filter((c) => !t.reopenedAt || c.calledAt > t.reopenedAt)) add(cb.calledAt, 'CALLBACK', cb.caller, null, { result: cb.result });
    }
    ev.sort((a, b) => a.at.getTime() - b.at.getTime());
    out.events.push(...ev);
  }
}

// ───────────────────────────── registers ─────────────────────────────

function buildRegisters(all: T[], streets: StreetCtx[], rng: Rng, out: DemoData) {
  const tq = streets[0]!;
  const tqTickets = all.filter((t) => t.street === tq);
  const leaders = tq.spec.leaders.map((l) => l[0]);
  const [mainLeader, opsLeader] = [leaders[0]!, leaders[1]!];
  const unitOf = (code: string) => tq.units.get(code);
  const closedMonths = new Map(all.map((t) => [t, t.closedAt ? monthKey(t.closedAt) : null]));
  const closedIn = (t: T, month: string) => closedMonths.get(t) === month;
  const finalResults = new Map(all.map((t) => [t, [...t.callbacks].reverse().find((c) => isReached(c.result))?.result ?? null]));
  const finalResult = (t: T) => finalResults.get(t) ?? null;

  // Pairings (专人结对): every unit has a city-ops staff member.
  for (const street of streets) {
    [...street.units.values()].forEach((unit, i) => {
      out.pairings.push({ streetCode: street.spec.code, unitCode: unit.code, staffName: street.spec.opsStaff[i % street.spec.opsStaff.length]!, since: street === tq ? '2023-09-01' : '2023-03-01' });
    });
  }

  // Escalations (提级办理) of the two big matters.
  const groupTickets = (id: string) => tqTickets.filter((t) => t.group === id);
  const masterOf = (id: string) => groupTickets(id).find((t) => !t.master)!;
  const esc = (id: string, title: string, meetingDate: string, decision: string, owner: string, due: string) => {
    const ts = groupTickets(id);
    masterOf(id).escalated = true;
    out.escalations.push({ streetCode: 'TQ', title, ticketKeys: ts.filter((t) => t.receivedAt < shanghaiStartOfDay(meetingDate)).slice(0, 12).map((t) => t.key), meetingDate, decision, owner, due });
  };
  esc('TQ-MARKET', '南泉路菜场改造期间居民买菜难', '2023-04-26', '设置两处临时售卖点，增开流动售菜车进小区；市场所每日巡查临时点秩序；改造工期在菜场门口和居民区公告栏公示。', leaders[4]!, '2023-05-15');
  esc('TQ-SEWER-PJ', '浦建路雨污水管道改造工程扰民', '2023-05-10', '协调区建设管理部门和施工单位：22时后停止高噪声作业，围挡内侧设置1.5米临时人行通道，每周向沿线居民区通报进度。', opsLeader, '2023-06-30');
  // (the rows are written after the registers: toRow reads each ticket's escalated flag)

  // Awards (立功竞赛) from the campaign on: case of the month, reviewed at the 党工委 meeting.
  const goodCase = (month: string, exclude: Set<T>) => {
    const list = tqTickets.filter(
      (t) => !t.master && closedIn(t, month) && t.resolution === 'ACTUALLY_RESOLVED' && finalResult(t) === 'SATISFIED' && TOPICS[t.topic]!.hard >= 1 && !exclude.has(t),
    );
    const t = rng.pick(list);
    exclude.add(t);
    return t;
  };
  const used = new Set<T>();
  const awardPlan: [string, string | null, ('SELECTED' | 'REJECTED' | 'NOMINATED')[]][] = [
    ['2023-09', '2023-10-12', ['SELECTED', 'SELECTED', 'REJECTED']],
    ['2023-10', '2023-11-09', ['SELECTED', 'SELECTED', 'SELECTED', 'REJECTED']],
    ['2023-11', '2023-12-14', ['SELECTED', 'SELECTED', 'REJECTED']],
    ['2023-12', null, ['NOMINATED', 'NOMINATED', 'NOMINATED']],
  ];
  const excellent = new Map<string, T[]>();
  for (const [month, meetingDate, statuses] of awardPlan) {
    for (const status of statuses) {
      const t = goodCase(month, used);
      if (status === 'SELECTED') excellent.set(month, [...(excellent.get(month) ?? []), t]);
      out.awards.push({
        streetCode: 'TQ',
        unitCode: t.unit.code,
        ticketKey: t.key,
        kind: 'EXCELLENT',
        month,
        nomination: `${t.unit.name}办理工单${t.number}（${t.topic}）：${TOPICS[t.topic]!.action}，市民满意。`,
        meetingDate,
        status,
        amount: 200,
        points: 0.2,
        recognitionSource: null,
      });
    }
  }
  // 示范案例: an excellent case praised by a leader or used by the media.
  const demo = (month: string, points: number, source: string, status: 'SELECTED' | 'NOMINATED', meetingDate: string | null) => {
    const t = excellent.get(month)?.[0] ?? goodCase(month, used);
    out.awards.push({
      streetCode: 'TQ',
      unitCode: t.unit.code,
      ticketKey: t.key,
      kind: 'DEMONSTRATION',
      month,
      nomination: `优秀案例${t.number}的做法被${source}。`,
      meetingDate,
      status,
      amount: 1000,
      points,
      recognitionSource: source,
    });
  };
  demo('2023-10', 0.5, '区城运中心领导批示表扬', 'SELECTED', '2023-11-09');
  demo('2023-11', 1.0, '“浦东发布”专题报道录用', 'SELECTED', '2023-12-14');
  // One peer street runs the same competition.
  const hm = streets.find((s) => s.spec.code === 'HM')!;
  const hmCase = all.find((t) => t.street === hm && !t.master && closedIn(t, '2023-10') && t.resolution === 'ACTUALLY_RESOLVED');
  if (hmCase) {
    out.awards.push({ streetCode: 'HM', unitCode: hmCase.unit.code, ticketKey: hmCase.key, kind: 'EXCELLENT', month: '2023-10', nomination: `${hmCase.unit.name}办理工单${hmCase.number}，市民满意。`, meetingDate: '2023-11-07', status: 'SELECTED', amount: 200, points: 0.2, recognitionSource: null });
  }

  // Negative quotas (负面指标配额) for the campaign months, from each unit's first-half volume.
  const h1Volume = new Map<string, number>();
  for (const t of tqTickets) if (t.receivedAt < H2_START) h1Volume.set(t.unit.code, (h1Volume.get(t.unit.code) ?? 0) + 1);
  const quotas = new Map<string, number>();
  for (const unit of tq.units.values()) {
    const perMonth = (h1Volume.get(unit.code) ?? 0) / 6;
    for (const month of ['2023-09', '2023-10', '2023-11', '2023-12']) {
      const unsat = Math.max(1, Math.round(perMonth * 0.06));
      quotas.set(`${unit.code}|${month}`, unsat);
      out.negativeQuotas.push({ streetCode: 'TQ', unitCode: unit.code, month, indicator: '不满意件', allowed: unsat });
      out.negativeQuotas.push({ streetCode: 'TQ', unitCode: unit.code, month, indicator: '重复件', allowed: Math.max(1, Math.round(perMonth * 0.04)) });
    }
  }

  // Negative records (负面清单).
  const points = new Map(DEFAULT_NEGATIVE_ITEMS.map((i) => [i.code, i.points]));
  const neg = (unitCode: string, itemCode: string, t: T | null, date: string, note: string, recorder = `城运中心 ${tq.spec.opsStaff[0]}`, streetCode = 'TQ') =>
    out.negativeRecords.push({ streetCode, unitCode, itemCode, ticketKey: t?.key ?? null, date, points: points.get(itemCode)!, note, recorder });
  // Over the 不满意件 quota in a campaign month.
  for (const month of ['2023-09', '2023-10', '2023-11', '2023-12']) {
    const byUnit = new Map<string, T[]>();
    for (const t of tqTickets) {
      if (t.master || !closedIn(t, month) || finalResult(t) !== 'UNSATISFIED') continue;
      byUnit.set(t.unit.code, [...(byUnit.get(t.unit.code) ?? []), t]);
    }
    for (const [code, list] of byUnit) {
      const allowed = quotas.get(`${code}|${month}`)!;
      if (list.length > allowed) {
        const [y, mo] = month.split('-').map(Number) as [number, number];
        const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
        neg(code, 'NL01', null, `${month}-${String(lastDay).padStart(2, '0')}`, `${month}不满意件${list.length}件，超过配额${allowed}件。`);
      }
    }
  }
  for (const t of tqTickets) {
    for (const r of t.returns) {
      if (r.status === 'REJECTED' && (r.needsMainLeader || (r.fromUnitCode === 'CGZD' && monthKey(r.requestedAt) === '2023-05'))) {
        neg(r.fromUnitCode, 'NL02', t, shanghaiDate(r.decidedAt!), `工单${t.number}退单理由不成立，被驳回。`);
      }
    }
  }
  const pickT = (f: (t: T) => boolean) => {
    const list = tqTickets.filter(f);
    return list.length ? rng.pick(list) : null;
  };
  for (const month of ['2023-04', '2023-05', '2023-06', '2023-07']) {
    const t = pickT((x) => !x.master && closedIn(x, month) && x.failedSubmits.length > 0);
    if (t) neg(t.unit.code, 'NL03', t, shanghaiDate(t.closedAt!), `工单${t.number}答复内容简单，未说明具体处置措施。`);
  }
  const review = pickT((x) => x.reopenKind === 'CITY_REVIEW' && x.status === 'CLOSED');
  if (review) neg(review.unit.code, 'NL04', review, shanghaiDate(review.reopenedAt!), `市区回访复核发现工单${review.number}未实际处置即填报办结。`);
  for (const [code, date, id] of [['GLB', '2023-05-31', 'TQ-SEWER-PJ'], ['SJS', '2023-06-30', 'TQ-BBQ'], ['SJS', '2023-05-31', 'TQ-MARKET']] as const) {
    neg(code, 'NL05', masterOf(id), date, `${masterOf(id).topic}重复来电持续，未按“一案一档”化解。`);
  }
  for (const month of ['2023-05', '2023-06', '2023-07']) {
    for (let i = 0; i < 2; i++) {
      const t = pickT((x) => !x.master && closedIn(x, month) && x.lateContact);
      if (t) neg(t.unit.code, 'NL06', t, shanghaiDate(t.firstContactAt!), `工单${t.number}先行联系超时。`);
    }
    const t = pickT((x) => !x.master && closedIn(x, month) && x.closedAt! > x.completionDue);
    if (t) neg(t.unit.code, 'NL07', t, shanghaiDate(t.closedAt!), `工单${t.number}逾期办结。`);
  }
  neg('JW10', 'NL10', null, '2023-05-08', '南泉路居委A角调整后未及时书面报备。');
  neg('CGZD', 'NL09', null, '2023-06-15', '夜间转派工单拖延接单。', `城运中心 ${tq.spec.opsStaff[1]}`);
  const yjBad = all.find((t) => t.street.spec.code === 'YJ' && t.unit.code === 'SJS' && t.status === 'CLOSED' && t.resolution === 'UNRESOLVED');
  if (yjBad) neg('SJS', 'NL05', yjBad, shanghaiDate(yjBad.closedAt!), '巨野路菜场重复来电未化解。', '城运中心', 'YJ');

  // Interviews (约谈), assistance (帮扶) and reviews (点评).
  const cgzdRejected = tqTickets.filter((t) => t.returns.some((r) => r.fromUnitCode === 'CGZD' && r.status === 'REJECTED' && monthKey(r.requestedAt) === '2023-05'));
  const someOf = (id: string, n: number) => groupTickets(id).slice(0, n).map((t) => t.key);
  const attendees = (code: string) => `${unitOf(code)!.name}负责人${unitOf(code)!.head}、A角${unitOf(code)!.handler}`;
  out.interviews.push(
    {
      streetCode: 'TQ', unitCode: 'CGZD', level: 'DEPUTY_LEADER', reasons: ['多次随意退单'], date: '2023-06-05', interviewer: opsLeader, attendees: attendees('CGZD'),
      findings: '5月4次申请退单均被驳回，存在推诿现象。', rectification: '严格执行首问责任制和指定责任制，退单须经负责人审核。', rectificationDue: '2023-06-30',
      followUp: '6月起未再发生不当退单。', ticketKeys: cgzdRejected.map((t) => t.key),
    },
    {
      streetCode: 'TQ', unitCode: 'GLB', level: 'DEPUTY_LEADER', reasons: ['长期绩效不理想', '不作为慢作为'], date: '2023-06-16', interviewer: opsLeader, attendees: attendees('GLB'),
      findings: '浦建路、南泉路雨污水工程集中投诉持续三个月，重复来电多，实际解决率和满意率偏低。', rectification: '建立工程扰民问题周协调机制，每周向沿线居民区通报进度。', rectificationDue: '2023-07-15',
      followUp: '7月起雨污水工程重复来电明显下降。', ticketKeys: [...someOf('TQ-SEWER-PJ', 6), ...someOf('TQ-SEWER-NQ', 3)],
    },
    {
      streetCode: 'TQ', unitCode: 'SJS', level: 'MAIN_LEADER', reasons: ['长期绩效不理想', '回复简单敷衍'], date: '2023-06-20', interviewer: mainLeader, attendees: attendees('SJS'),
      findings: '南泉路菜场改造和塘桥新路烧烤店油烟问题反复投诉，答复内容雷同，未见实质措施。', rectification: '烧烤店油烟问题联合城管中队夜间错时执法，菜场临时售卖点每日巡查。', rectificationDue: '2023-07-31',
      followUp: '8月烧烤店完成油烟净化设施更换，投诉减少。', ticketKeys: [...someOf('TQ-MARKET', 4), ...someOf('TQ-BBQ', 4)],
    },
    {
      streetCode: 'TQ', unitCode: 'JW10', level: 'DEPUTY_LEADER', reasons: ['回复简单敷衍'], date: '2023-08-10', interviewer: leaders[3]!, attendees: attendees('JW10'),
      findings: '部分工单答复仅为“已告知”，未说明处置过程。', rectification: '答复按“属实—措施—结果”格式填写，城运中心逐件审核。', rectificationDue: '2023-09-10',
      followUp: '9月审核退回率下降。', ticketKeys: [],
    },
    {
      streetCode: 'TQ', unitCode: 'FGB', level: 'LEADING_GROUP', reasons: ['帮扶无起色', '提升无效果'], date: '2023-10-19', interviewer: `“百日攻坚”领导小组（组长${mainLeader}）`, attendees: attendees('FGB'),
      findings: '帮扶两个月后物业维修类工单满意率仍居部门末位。', rectification: '建立物业维修工单“一单一跟踪”，负责人每周抽查回访。', rectificationDue: '2023-11-30',
      followUp: '11月满意率回升至93%以上。', ticketKeys: [],
    },
    {
      streetCode: 'TQ', unitCode: 'WYZX', level: 'DEPUTY_LEADER', reasons: ['不作为慢作为'], date: '2023-11-15', interviewer: leaders[5]!, attendees: attendees('WYZX'),
      findings: '多件物业维修工单临近时限才先行联系。', rectification: '当日工单当日联系，A、B角轮值。', rectificationDue: '2023-12-15', followUp: null, ticketKeys: [],
    },
  );
  out.assistance.push(
    { streetCode: 'TQ', unitCode: 'GLB', periodFrom: '2023-07-01', periodTo: '2023-08-31', bottlenecks: '工程扰民问题依赖建设单位，协调渠道不畅。', advice: '由城运分管领导牵头建立与区建设管理部门的周协调会。', pairedStaff: tq.spec.opsStaff[0]!, status: 'DONE', outcome: '重复来电下降六成，8月实际解决率提升。' },
    { streetCode: 'TQ', unitCode: 'SJS', periodFrom: '2023-07-01', periodTo: '2023-09-30', bottlenecks: '夜间油烟扰民取证难，执法时间与投诉时间错位。', advice: '与城管中队错时联合执法，安装油烟在线监测。', pairedStaff: tq.spec.opsStaff[1]!, status: 'DONE', outcome: '烧烤店完成整改，9月后无新增集中投诉。' },
    { streetCode: 'TQ', unitCode: 'JW10', periodFrom: '2023-09-01', periodTo: '2023-10-31', bottlenecks: '居委社工对工单答复规范不熟悉。', advice: '城运中心逐件指导答复填写，每周复盘。', pairedStaff: tq.spec.opsStaff[2]!, status: 'DONE', outcome: '审核一次通过率明显提高。' },
    { streetCode: 'TQ', unitCode: 'FGB', periodFrom: '2023-08-15', periodTo: '2023-10-15', bottlenecks: '物业企业响应慢，维修资金使用程序长。', advice: '对重点物业企业约谈，推行维修“绿色通道”。', pairedStaff: tq.spec.opsStaff[3]!, status: 'DONE', outcome: '帮扶期间无明显起色，提交领导小组约谈。' },
    { streetCode: 'TQ', unitCode: 'WYZX', periodFrom: '2023-11-20', periodTo: null, bottlenecks: '先行联系不及时。', advice: 'A、B角轮值，工单到达即电话联系。', pairedStaff: tq.spec.opsStaff[4]!, status: 'ONGOING', outcome: null },
  );
  for (const [code, period, summary, problems, comment] of [
    ['GLB', '2023-09', '雨污水工程收尾，重复来电基本化解。', '个别答复仍偏简单。', '继续巩固，防止反弹。'],
    ['SJS', '2023-09', '烧烤店油烟问题整改到位，满意率提升。', '菜场周边秩序仍需常态化管理。', '经验做法可在全街道推广。'],
    ['FGB', '2023-10', '物业维修类工单量大，满意率偏低。', '物业企业响应慢，跟踪不到位。', '提交领导小组约谈。'],
    ['CGZD', '2023-10', '街面秩序类工单处置及时。', '夜间工单签收偏慢。', null],
    ['WYZX', '2023-11', '工单办理质量总体稳定。', '先行联系临近时限。', '分管领导约谈，限期整改。'],
    ['JW10', '2023-11', '答复规范明显改善。', '—', '帮扶有成效。'],
  ] as const) {
    out.reviews.push({ streetCode: 'TQ', unitCode: code, period, summary, problems, leadingGroupComment: comment });
  }

  // Discipline referral (纪检联动) of the May return refusals.
  out.disciplineReferrals.push({
    streetCode: 'TQ',
    unitCode: 'CGZD',
    conduct: 'BUCK_PASSING',
    ticketKeys: cgzdRejected.map((t) => t.key),
    returnRefs: cgzdRejected.flatMap((t) => t.returns.filter((r) => r.status === 'REJECTED').map((r) => r.ref)),
    referredBy: `城运中心（${opsLeader}签批）`,
    date: '2023-06-08',
    outcome: '纪检监察室约谈提醒中队负责人，责令书面整改。',
  });
}

// ───────────────────────────── fingerprint ─────────────────────────────

/** A checksum of the key fields of every ticket and callback (reproducibility checks). */
export function demoChecksum(data: DemoData): string {
  const h = createHash('sha256');
  for (const t of data.tickets) {
    h.update(
      [
        t.number, t.streetCode, t.unitCode, t.category, t.channel, t.topic, t.status, t.receivedAt.toISOString(),
        t.firstContactAt?.toISOString(), t.closedAt?.toISOString(), t.firstContactDue.toISOString(), t.completionDue.toISOString(),
        t.resolution, t.factFinding, t.repeatOfKey, t.content,
      ].join('|') + '\n',
    );
  }
  for (const c of data.callbacks) h.update(`${c.ticketKey}|${c.calledAt.toISOString()}|${c.result}\n`);
  return h.digest('hex');
}
