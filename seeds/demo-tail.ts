// The live tail (domain.md §9): 塘桥街道's last 14 days before the day the seed runs, so that 我的待办 and the
// ticket lists look like a working day — most recent tickets open at every stage (待派单, 已派单, 已签收, 处理中,
// 待审核, 退单待批 including one waiting for the 主要领导), most within their due time, a few overdue. The
// tickets go through the year's machinery (the same SLA rules and working-day calendar as real tickets),
// with the data ending at the start of `today` instead of at the end of 2023.
import { DAY_MS, addDays, isoWeekOf, shanghaiStartOfDay } from '../api/src/domain/time';
import { CATEGORIES, TANGQIAO_H2_TOTALS } from './demo-data';
import { Sampler, type Rng } from './prng';
import {
  DATA_CUT_DAY,
  MIN,
  addOrdinaryRepeats,
  applyQuotas,
  assignNumbers,
  buildAudits,
  buildEvents,
  dayWeight,
  daysBetween,
  emitTickets,
  finishTicket,
  lifecycle,
  openState,
  ordinaryTicket,
  planCallbacks,
  plus,
  randomTimeOn,
  returnPending,
  ticketFactory,
  wholeSeconds,
  type DemoContext,
  type StreetCtx,
  type T,
} from './demo-year';

export const TAIL_DAYS = 14;
/**
 * The 值班领导 of the live weeks: the demo's 分管领导 account (api/src/app.ts creates `leader`, 「分管领导 周建国」, after
 * the seed). The account does not exist yet when the seed runs, so the roster names the person and the duty checks
 * match the name within the account's display name (repos/workflow.ts dutyWeeksOf).
 */
export const DEMO_DUTY_LEADER = '周建国';
/** Weeks on the roster after the seed's run day, so the demo leader stays on duty for a while. */
export const DUTY_WEEKS_AHEAD = 8;

/** The ISO weeks of the live tail and the weeks ahead, 塘桥街道's duty leader each the demo leader. */
export function liveDutyRoster(today: string): Array<{ streetCode: string; isoWeek: string; leaderName: string }> {
  const first = addDays(today, -TAIL_DAYS) > DATA_CUT_DAY ? addDays(today, -TAIL_DAYS) : DATA_CUT_DAY;
  if (first > today) return [];
  const weeks = new Set<string>();
  for (let d = first; d <= addDays(today, 7 * DUTY_WEEKS_AHEAD); d = addDays(d, 1)) weeks.add(isoWeekOf(d));
  return [...weeks].map((isoWeek) => ({ streetCode: 'TQ', isoWeek, leaderName: DEMO_DUTY_LEADER }));
}
const OPEN = new Set(['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED']);

/** `today` is the seed's run date in Asia/Shanghai (YYYY-MM-DD); nothing in the tail happens on or after it. */
export function generateTail(ctx: DemoContext, tq: StreetCtx, today: string): T[] {
  const { cal, rules, out } = ctx;
  const cut = shanghaiStartOfDay(today);
  // The roster of the 2023 weeks is the year's (demo-year.ts dutyRoster); these weeks are never among them.
  const known = new Set(out.dutyRoster.map((r) => `${r.streetCode}:${r.isoWeek}`));
  out.dutyRoster.push(...liveDutyRoster(today).filter((r) => !known.has(`${r.streetCode}:${r.isoWeek}`)));
  const first = addDays(today, -TAIL_DAYS) > DATA_CUT_DAY ? addDays(today, -TAIL_DAYS) : DATA_CUT_DAY;
  if (first >= today) return [];
  const rng = ctx.root.fork('tail');
  const list: T[] = [];
  const mk = ticketFactory(list, ctx.seq, cut);

  // As busy as Tangqiao's second half of 2023, day by day (weekends, holidays and the season included).
  const categories = new Sampler(CATEGORIES, CATEGORIES.map((c) => TANGQIAO_H2_TOTALS[c]));
  const perDay = CATEGORIES.reduce((a, c) => a + TANGQIAO_H2_TOTALS[c], 0) / 184;
  for (const day of daysBetween(first, addDays(today, -1))) {
    const n = Math.round(perDay * dayWeight(day, cal) * rng.range(0.85, 1.15));
    for (let i = 0; i < n; i++) ordinaryTicket(tq, rng, mk, categories.sample(rng), randomTimeOn(day, rng));
  }
  list.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.seq - b.seq);
  assignNumbers(list, rng.fork('numbers'));
  addOrdinaryRepeats(list, rng.fork('repeats'));

  const life = rng.fork('lifecycle');
  for (const t of list) lifecycle(t, life, cal, rules);
  openAtToday(list, rng.fork('open'));
  for (const t of list) planCallbacks(t, life);
  // The closed part of the tail is handled as well as December 2023 was (the campaign's level kept).
  const december = tq.spec.monthly[11]!;
  applyQuotas(list, { ...tq, spec: { ...tq.spec, monthly: tq.spec.monthly.map(() => december) } }, rng.fork('quota'));
  const detail = rng.fork('detail');
  for (const t of list) finishTicket(t, detail);
  for (const t of list) wholeSeconds(t);

  emitTickets(ctx, list);
  buildAudits(list, tq, rng.fork('audits'), out);
  buildEvents(list, tq, out);
  return list;
}

/**
 * Tickets whose planned closure falls on or after today stay open where their clock has got to; then the
 * stages that chance left empty are filled from the most recent tickets, a few older complaints are kept
 * open past their due time, and two wait on a return request.
 */
function openAtToday(list: T[], rng: Rng) {
  for (const t of list) if (t.closedAt! >= t.cut) openState(t, rng);
  const latestFirst = () => list.filter((t) => OPEN.has(t.status) && !t.reopenedAt && !t.master).sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  const count = (status: string) => list.filter((t) => t.status === status).length;
  const taken = new Set<T>();

  // Overdue: complaints of last week whose completion due has passed (one not even contacted yet).
  const cut = list[0]?.cut ?? new Date();
  const overdue = rng
    .shuffle(list.filter((t) => t.status === 'CLOSED' && !t.master && !t.reopenedAt && t.category === 'COMPLAINT' && t.completionDue < plus(cut, -DAY_MS) && t.receivedAt > plus(cut, -12 * DAY_MS)))
    .slice(0, 3);
  overdue.forEach((t, i) => {
    openState(t, rng);
    if (i === 0 || t.status === 'SUBMITTED') {
      t.status = i === 0 ? 'ACCEPTED' : 'IN_PROGRESS';
      t.submittedAt = null;
      if (i === 0) t.firstContactAt = null;
    }
    taken.add(t);
  });

  const force = (status: string, want: number, apply: (t: T) => void) => {
    for (const t of latestFirst()) {
      if (count(status) >= want) return;
      if (taken.has(t) || t.status === status) continue;
      apply(t);
      t.status = status;
      taken.add(t);
    }
  };
  force('RECEIVED', 2, (t) => (t.dispatchedAt = t.acceptedAt = t.firstContactAt = t.submittedAt = null));
  force('DISPATCHED', 2, (t) => (t.acceptedAt = t.firstContactAt = t.submittedAt = null));
  force('ACCEPTED', 3, (t) => {
    if (!t.acceptedAt) return;
    t.firstContactAt = t.submittedAt = null;
  });
  // Waiting on a return request: one for the 分管领导, one refused once and asked again (主要领导).
  const waiting = latestFirst().filter((t) => !taken.has(t) && (t.status === 'ACCEPTED' || t.status === 'IN_PROGRESS') && t.acceptedAt);
  waiting.slice(2, 4).forEach((t, i) => {
    returnPending(t, rng, i === 1);
    taken.add(t);
  });
  for (const t of list) {
    if (t.status === 'DISPATCHED' && !t.dispatchedAt) t.status = 'RECEIVED';
    if (t.status === 'ACCEPTED' && !t.acceptedAt) t.status = t.dispatchedAt ? 'DISPATCHED' : 'RECEIVED';
    if (t.status === 'SUBMITTED' && !t.submittedAt) t.status = 'IN_PROGRESS';
    if (t.status === 'IN_PROGRESS' && !t.firstContactAt) t.firstContactAt = plus(t.acceptedAt!, Math.min(rng.int(20, 240) * MIN, (t.cut.getTime() - t.acceptedAt!.getTime()) / 2));
  }
}
