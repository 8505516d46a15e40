// The four indicators (四项重点指标, domain.md §3) as pure functions over tickets: the reference definition.
// reports/kpis.ts computes the same numbers in SQL at scale; the tests hold the two to each other. This module
// also says, ticket by ticket, which set each ticket is in — that is how every number on a report is explained.

export type FactFinding = 'TRUE' | 'PARTLY_TRUE' | 'UNFOUNDED';
export type Resolution = 'ACTUALLY_RESOLVED' | 'EXPLAINED' | 'UNRESOLVED';
export type ReachedResult = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'NEUTRAL' | 'UNSATISFIED';
/** 未接通 NOT_REACHED and 拒评 REFUSED are callbacks that reached nobody's opinion. */
export type CallbackResult = ReachedResult | 'NOT_REACHED' | 'REFUSED';
export type SatisfactionVariant = 'WEIGHTED' | 'BINARY';

export const REACHED_RESULTS: readonly ReachedResult[] = ['SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED'];

/** Score of one reached callback: 满意 1, 基本满意 0.8, 一般 0.6, 不满意 0 (weighted); 满意 + 基本满意 (binary). */
export const SATISFACTION_SCORES: Record<SatisfactionVariant, Record<ReachedResult, number>> = {
  WEIGHTED: { SATISFIED: 1, BASICALLY_SATISFIED: 0.8, NEUTRAL: 0.6, UNSATISFIED: 0 },
  BINARY: { SATISFIED: 1, BASICALLY_SATISFIED: 1, NEUTRAL: 0, UNSATISFIED: 0 },
};

export function isReached(result: CallbackResult): result is ReachedResult {
  return (REACHED_RESULTS as readonly string[]).includes(result);
}

export interface KpiCallback {
  calledAt: Date;
  result: CallbackResult;
}

/** The fields of a ticket the indicators read. */
export interface KpiTicket {
  id: number;
  /** The responsible unit (the unit holding the ticket). */
  unitId: number | null;
  /** Set on the children of a repeat group (重复件); the master carries the matter. */
  repeatOfId: number | null;
  receivedAt: Date;
  closedAt: Date | null;
  firstContactAt: Date | null;
  firstContactDue: Date;
  completionDue: Date;
  factFinding: FactFinding | null;
  unfoundedAccepted: boolean;
  resolution: Resolution | null;
  callbacks: readonly KpiCallback[];
}

/** A half-open period [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/** asOf = min(now, end): a due time after asOf has not come yet. */
export function asOfFor(period: Period, now: Date): Date {
  return now.getTime() < period.end.getTime() ? now : period.end;
}

const inPeriod = (t: Date | null, p: Period) => t !== null && t.getTime() >= p.start.getTime() && t.getTime() < p.end.getTime();

/** Where one ticket stands in each set of §3 for a period. `null` = not in that indicator's denominator. */
export interface TicketContribution {
  ticketId: number;
  /** Counted in receivedCount (repeat children included). */
  received: boolean;
  /** In A: not a child of a repeat group. */
  assessed: boolean;
  /** In C: assessed and closedAt ∈ P. */
  closed: boolean;
  /** firstContactRate: in C; true = first contact at or before firstContactDue. */
  firstContactOnTime: boolean | null;
  /** onTimeRate: in D (completionDue ∈ P and ≤ asOf); true = closed at or before completionDue, false = late (open ones too). */
  onTime: boolean | null;
  /** resolutionRate: in R; true = ACTUALLY_RESOLVED or EXPLAINED. */
  resolved: boolean | null;
  /** actualResolvedShare: resolved in R; true = ACTUALLY_RESOLVED. */
  actuallyResolved: boolean | null;
  /** satisfactionRate: in S, the latest reached callback and its score. */
  satisfaction: { result: ReachedResult; calledAt: Date; score: number } | null;
}

/** The latest reached callback; unreached ones (未接通, 拒评) are ignored. */
export function latestReachedCallback(callbacks: readonly KpiCallback[]): (KpiCallback & { result: ReachedResult }) | null {
  let best: (KpiCallback & { result: ReachedResult }) | null = null;
  for (const c of callbacks) {
    if (!isReached(c.result)) continue;
    if (!best || c.calledAt.getTime() >= best.calledAt.getTime()) best = c as KpiCallback & { result: ReachedResult };
  }
  return best;
}

/** R: closed in P with a resolution, unless the finding is 不属实 and that finding was accepted. */
export function inResolutionSet(t: KpiTicket, closed: boolean): boolean {
  return closed && t.resolution !== null && !(t.factFinding === 'UNFOUNDED' && t.unfoundedAccepted);
}

export function explainTicket(t: KpiTicket, period: Period, asOf: Date, variant: SatisfactionVariant = 'WEIGHTED'): TicketContribution {
  const assessed = t.repeatOfId === null;
  const closed = assessed && inPeriod(t.closedAt, period);
  const due = assessed && inPeriod(t.completionDue, period) && t.completionDue.getTime() <= asOf.getTime();
  const inR = inResolutionSet(t, closed);
  const resolved = inR ? t.resolution === 'ACTUALLY_RESOLVED' || t.resolution === 'EXPLAINED' : null;
  const cb = inR ? latestReachedCallback(t.callbacks) : null;
  return {
    ticketId: t.id,
    received: inPeriod(t.receivedAt, period),
    assessed,
    closed,
    firstContactOnTime: closed ? t.firstContactAt !== null && t.firstContactAt.getTime() <= t.firstContactDue.getTime() : null,
    // Only the ticket's own closedAt decides: an open ticket past its due is late.
    onTime: due ? t.closedAt !== null && t.closedAt.getTime() <= t.completionDue.getTime() : null,
    resolved,
    actuallyResolved: resolved ? t.resolution === 'ACTUALLY_RESOLVED' : null,
    satisfaction: cb ? { result: cb.result, calledAt: cb.calledAt, score: SATISFACTION_SCORES[variant][cb.result] } : null,
  };
}

/** The counts behind the rates; the SQL report returns the same counts. */
export interface KpiCounts {
  receivedCount: number;
  closedCount: number;
  firstContactOnTimeCount: number;
  dueCount: number;
  onTimeCount: number;
  /** |R| */
  resolutionBaseCount: number;
  /** ACTUALLY_RESOLVED or EXPLAINED in R; also the denominator of actualResolvedShare. */
  resolvedCount: number;
  actuallyResolvedCount: number;
  /** |S| and its breakdown by the latest reached callback. */
  satisfactionBaseCount: number;
  satisfiedCount: number;
  basicallySatisfiedCount: number;
  neutralCount: number;
  unsatisfiedCount: number;
}

export interface Kpis {
  receivedCount: number;
  closedCount: number;
  firstContactRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  actualResolvedShare: number | null;
  satisfactionRate: number | null;
}

export const RATE_KEYS = ['firstContactRate', 'onTimeRate', 'resolutionRate', 'actualResolvedShare', 'satisfactionRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export function emptyCounts(): KpiCounts {
  return {
    receivedCount: 0,
    closedCount: 0,
    firstContactOnTimeCount: 0,
    dueCount: 0,
    onTimeCount: 0,
    resolutionBaseCount: 0,
    resolvedCount: 0,
    actuallyResolvedCount: 0,
    satisfactionBaseCount: 0,
    satisfiedCount: 0,
    basicallySatisfiedCount: 0,
    neutralCount: 0,
    unsatisfiedCount: 0,
  };
}

const SATISFACTION_COUNT_KEY: Record<ReachedResult, keyof KpiCounts> = {
  SATISFIED: 'satisfiedCount',
  BASICALLY_SATISFIED: 'basicallySatisfiedCount',
  NEUTRAL: 'neutralCount',
  UNSATISFIED: 'unsatisfiedCount',
};

export function addContribution(counts: KpiCounts, c: TicketContribution): KpiCounts {
  if (c.received) counts.receivedCount++;
  if (c.closed) counts.closedCount++;
  if (c.firstContactOnTime) counts.firstContactOnTimeCount++;
  if (c.onTime !== null) counts.dueCount++;
  if (c.onTime) counts.onTimeCount++;
  if (c.resolved !== null) counts.resolutionBaseCount++;
  if (c.resolved) counts.resolvedCount++;
  if (c.actuallyResolved) counts.actuallyResolvedCount++;
  if (c.satisfaction) {
    counts.satisfactionBaseCount++;
    counts[SATISFACTION_COUNT_KEY[c.satisfaction.result]]++;
  }
  return counts;
}

/** A rate with an empty denominator is null ("—"), never 0 and never 1. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * The numerator of satisfactionRate, from counts (not a sum of per-ticket scores) so that the SQL, which
 * evaluates the same expression in the same order, gives the same floating-point result.
 */
export function satisfactionNumerator(c: KpiCounts, variant: SatisfactionVariant): number {
  return variant === 'BINARY'
    ? c.satisfiedCount + c.basicallySatisfiedCount
    : c.satisfiedCount + 0.8 * c.basicallySatisfiedCount + 0.6 * c.neutralCount;
}

export function ratesFromCounts(c: KpiCounts, variant: SatisfactionVariant = 'WEIGHTED'): Kpis {
  return {
    receivedCount: c.receivedCount,
    closedCount: c.closedCount,
    firstContactRate: ratio(c.firstContactOnTimeCount, c.closedCount),
    onTimeRate: ratio(c.onTimeCount, c.dueCount),
    resolutionRate: ratio(c.resolvedCount, c.resolutionBaseCount),
    actualResolvedShare: ratio(c.actuallyResolvedCount, c.resolvedCount),
    satisfactionRate: ratio(satisfactionNumerator(c, variant), c.satisfactionBaseCount),
  };
}

export interface KpiOptions {
  now?: Date;
  variant?: SatisfactionVariant;
}

export function countKpis(tickets: readonly KpiTicket[], period: Period, opts: KpiOptions = {}): KpiCounts {
  const asOf = asOfFor(period, opts.now ?? new Date());
  const counts = emptyCounts();
  for (const t of tickets) addContribution(counts, explainTicket(t, period, asOf, opts.variant));
  return counts;
}

/** The indicators of a node: `tickets` are all tickets whose responsible unit is the node or under it. */
export function computeKpis(tickets: readonly KpiTicket[], period: Period, opts: KpiOptions = {}): Kpis {
  return ratesFromCounts(countKpis(tickets, period, opts), opts.variant);
}

// ---- Explaining one indicator: the tickets of its denominator, each flagged for the numerator ----

export const INDICATORS = ['RECEIVED', 'CLOSED', 'FIRST_CONTACT', 'ON_TIME', 'RESOLUTION', 'ACTUAL_RESOLVED_SHARE', 'SATISFACTION'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const INDICATOR_RATE: Partial<Record<Indicator, RateKey>> = {
  FIRST_CONTACT: 'firstContactRate',
  ON_TIME: 'onTimeRate',
  RESOLUTION: 'resolutionRate',
  ACTUAL_RESOLVED_SHARE: 'actualResolvedShare',
  SATISFACTION: 'satisfactionRate',
};

export interface ExplainedTicket {
  ticketId: number;
  inNumerator: boolean;
  /** The ticket's weight in the numerator: 1/0 for counts, the callback score for satisfaction. */
  score: number;
  /** Why the ticket is (not) in the numerator, for people. */
  reason: string;
}

export interface IndicatorExplanation {
  indicator: Indicator;
  numerator: number;
  denominator: number;
  /** null for the two counts and for an empty denominator. */
  rate: number | null;
  tickets: ExplainedTicket[];
}

const RESULT_LABEL: Record<ReachedResult, string> = { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', NEUTRAL: '一般', UNSATISFIED: '不满意' };

function explainOne(indicator: Indicator, t: KpiTicket, c: TicketContribution): ExplainedTicket | null {
  const yes = (reason: string): ExplainedTicket => ({ ticketId: t.id, inNumerator: true, score: 1, reason });
  const no = (reason: string): ExplainedTicket => ({ ticketId: t.id, inNumerator: false, score: 0, reason });
  switch (indicator) {
    case 'RECEIVED':
      return c.received ? yes(c.assessed ? '本期受理' : '本期受理（重复件子单）') : null;
    case 'CLOSED':
      return c.closed ? yes('本期办结') : null;
    case 'FIRST_CONTACT':
      if (c.firstContactOnTime === null) return null;
      if (c.firstContactOnTime) return yes('按时先行联系');
      return no(t.firstContactAt === null ? '未记录先行联系' : '先行联系超时');
    case 'ON_TIME':
      if (c.onTime === null) return null;
      if (c.onTime) return yes('按期办结');
      return no(t.closedAt === null ? '逾期未办结' : '逾期办结');
    case 'RESOLUTION':
      if (c.resolved === null) return null;
      return c.resolved ? yes(t.resolution === 'ACTUALLY_RESOLVED' ? '实际解决' : '解释说明') : no('未解决');
    case 'ACTUAL_RESOLVED_SHARE':
      if (c.actuallyResolved === null) return null;
      return c.actuallyResolved ? yes('实际解决') : no('解释说明');
    case 'SATISFACTION': {
      const s = c.satisfaction;
      if (!s) return null;
      return { ticketId: t.id, inNumerator: s.score > 0, score: s.score, reason: `回访${RESULT_LABEL[s.result]}` };
    }
  }
}

export function explainIndicator(
  tickets: readonly KpiTicket[],
  period: Period,
  indicator: Indicator,
  opts: KpiOptions = {},
): IndicatorExplanation {
  const variant = opts.variant ?? 'WEIGHTED';
  const asOf = asOfFor(period, opts.now ?? new Date());
  const counts = emptyCounts();
  const items: ExplainedTicket[] = [];
  for (const t of tickets) {
    const c = explainTicket(t, period, asOf, variant);
    addContribution(counts, c);
    const e = explainOne(indicator, t, c);
    if (e) items.push(e);
  }
  const rates = ratesFromCounts(counts, variant);
  const [numerator, denominator] = ((): [number, number] => {
    switch (indicator) {
      case 'RECEIVED':
        return [counts.receivedCount, counts.receivedCount];
      case 'CLOSED':
        return [counts.closedCount, counts.closedCount];
      case 'FIRST_CONTACT':
        return [counts.firstContactOnTimeCount, counts.closedCount];
      case 'ON_TIME':
        return [counts.onTimeCount, counts.dueCount];
      case 'RESOLUTION':
        return [counts.resolvedCount, counts.resolutionBaseCount];
      case 'ACTUAL_RESOLVED_SHARE':
        return [counts.actuallyResolvedCount, counts.resolvedCount];
      case 'SATISFACTION':
        return [satisfactionNumerator(counts, variant), counts.satisfactionBaseCount];
    }
  })();
  const rateKey = INDICATOR_RATE[indicator];
  return { indicator, numerator, denominator, rate: rateKey ? rates[rateKey] : null, tickets: items };
}

// ---- Gap to target (百日攻坚): how many more successes a unit needs this month, and which tickets decide it ----

/**
 * The fewest further successes k with (numerator + k) / (denominator + k) ≥ target, each success adding to both
 * (a closure with a timely first contact, a resolved closure, a 满意 callback). null when no number of successes
 * reaches it (a target of 100% after a miss).
 */
export function successesNeeded(numerator: number, denominator: number, target: number): number | null {
  if (meets(numerator, denominator, target)) return 0;
  if (target >= 1) return null;
  let k = Math.max(0, Math.ceil((target * denominator - numerator) / (1 - target) - 1e-9));
  // Float guard: settle on the exact smallest k.
  while (k > 0 && meets(numerator + k - 1, denominator + k - 1, target)) k--;
  while (!meets(numerator + k, denominator + k, target)) k++;
  return k;
}

/** rate ≥ target, tolerant of the last bit (targets are stored with 4 decimals). */
export function meets(numerator: number, denominator: number, target: number): boolean {
  return denominator > 0 && numerator / denominator >= target - 1e-12;
}

export interface KpiGap {
  indicator: Exclude<Indicator, 'RECEIVED' | 'CLOSED'>;
  target: number;
  rate: number | null;
  numerator: number;
  denominator: number;
  met: boolean;
  /** More successes needed by the end of the period (0 when met); null when no outcome of the deciding tickets reaches the target. */
  needed: number | null;
  /** Open (or awaiting-callback) tickets whose outcome before the period ends can still move this indicator. */
  decidingTicketIds: number[];
}

export type Targets = Record<RateKey, number>;

/**
 * For each indicator: where it stands now, how many more successes reach its target by the end of the period,
 * and which tickets decide it. A success is what the indicator counts: a closure after a timely first contact,
 * an on-time closure, a resolved (actually resolved) closure, a 满意 callback.
 */
export function gapToTarget(tickets: readonly KpiTicket[], period: Period, targets: Targets, opts: KpiOptions = {}): KpiGap[] {
  const variant = opts.variant ?? 'WEIGHTED';
  const now = opts.now ?? new Date();
  const asOf = asOfFor(period, now);
  const running = asOf.getTime() < period.end.getTime();
  const counts = emptyCounts();
  const byDue = [...tickets].sort((a, b) => a.completionDue.getTime() - b.completionDue.getTime() || a.id - b.id);
  const open: KpiTicket[] = [];
  const awaitingCallback: KpiTicket[] = [];
  let laterDue = 0;
  let laterDueClosedOnTime = 0;
  const laterDueOpen: KpiTicket[] = [];
  for (const t of byDue) {
    const c = explainTicket(t, period, asOf, variant);
    addContribution(counts, c);
    if (c.resolved !== null && !c.satisfaction && running) awaitingCallback.push(t);
    if (!c.assessed || !running) continue;
    if (t.closedAt === null) open.push(t);
    // Due later this period: it will enter D when its due time comes.
    if (t.completionDue.getTime() > asOf.getTime() && t.completionDue.getTime() < period.end.getTime()) {
      if (t.closedAt === null) {
        laterDue++;
        laterDueOpen.push(t);
      } else {
        laterDue++;
        if (t.closedAt.getTime() <= t.completionDue.getTime()) laterDueClosedOnTime++;
      }
    }
  }
  const rates = ratesFromCounts(counts, variant);
  const ids = (ts: KpiTicket[]) => ts.map((t) => t.id);
  const simple = (
    indicator: KpiGap['indicator'],
    key: RateKey,
    numerator: number,
    denominator: number,
    deciding: KpiTicket[],
  ): KpiGap => {
    const target = targets[key];
    const met = meets(numerator, denominator, target);
    const k = met ? 0 : successesNeeded(numerator, denominator, target);
    return { indicator, target, rate: rates[key], numerator, denominator, met, needed: k !== null && k <= deciding.length ? k : null, decidingTicketIds: ids(deciding) };
  };

  const firstContactCandidates = open.filter((t) =>
    t.firstContactAt !== null ? t.firstContactAt.getTime() <= t.firstContactDue.getTime() : t.firstContactDue.getTime() > now.getTime(),
  );

  // On time: the tickets due later this period enter D whatever happens, so the target is on the projected D.
  const onTimeTarget = targets.onTimeRate;
  const dFinal = counts.dueCount + laterDue;
  const nFinal = counts.onTimeCount + laterDueClosedOnTime;
  let onTimeNeeded: number | null = 0;
  if (dFinal > 0 && !meets(nFinal, dFinal, onTimeTarget)) {
    let k = Math.max(0, Math.ceil(onTimeTarget * dFinal - nFinal - 1e-9));
    while (k > 0 && meets(nFinal + k - 1, dFinal, onTimeTarget)) k--;
    while (k <= laterDueOpen.length && !meets(nFinal + k, dFinal, onTimeTarget)) k++;
    onTimeNeeded = k <= laterDueOpen.length ? k : null;
  }

  return [
    simple('FIRST_CONTACT', 'firstContactRate', counts.firstContactOnTimeCount, counts.closedCount, firstContactCandidates),
    {
      indicator: 'ON_TIME',
      target: onTimeTarget,
      rate: rates.onTimeRate,
      numerator: counts.onTimeCount,
      denominator: counts.dueCount,
      met: meets(counts.onTimeCount, counts.dueCount, onTimeTarget),
      needed: onTimeNeeded,
      decidingTicketIds: ids(laterDueOpen),
    },
    simple('RESOLUTION', 'resolutionRate', counts.resolvedCount, counts.resolutionBaseCount, open),
    simple('ACTUAL_RESOLVED_SHARE', 'actualResolvedShare', counts.actuallyResolvedCount, counts.resolvedCount, open),
    simple('SATISFACTION', 'satisfactionRate', satisfactionNumerator(counts, variant), counts.satisfactionBaseCount, [...awaitingCallback, ...open]),
  ];
}
