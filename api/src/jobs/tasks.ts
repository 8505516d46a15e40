// The scheduled jobs' work, each on one transaction and safe to repeat for the same day (jobs/runner.ts makes
// the repeat a no-op as well): the daily unsatisfied push, the warning follow-up, and overdue flags.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { unsatisfiedEntries } from '../domain/callback-digest';
import { addDays, shanghaiStartOfDay, type Day } from '../domain/time';
import { digestInputs } from '../repos/workflow';
import { updateWarningStates } from '../repos/warnings';
import { closeStaleHotspots } from '../repos/hotspots';
import { drawStreetSample, streetsWithoutSample } from '../repos/undercover';
import { previousMonth } from '../domain/undercover-sample';

type Trx = Transaction<Database>;
export type JobResult = Record<string, number>;

/**
 * 不满意件每日推送 (domain.md §5) for day D, materialised per unit: the list its head receives (level 1) and,
 * when a ticket had two or more consecutive 不满意, the 分管领导 too (level 2). Rewrites D's rows.
 */
export async function unsatisfiedDigestJob(trx: Trx, day: Day): Promise<JobResult> {
  const dayStart = shanghaiStartOfDay(day);
  const dayEnd = shanghaiStartOfDay(addDays(day, 1));
  await trx.deleteFrom('unsatisfiedPush').where('day', '=', day).execute();
  const streets = await trx.selectFrom('street').select('id').execute();
  let units = 0;
  let tickets = 0;
  for (const s of streets) {
    const { tickets: rows, callbacks } = await digestInputs(trx, s.id, dayStart, dayEnd, (q) => q);
    if (!rows.length) continue;
    const unitOf = new Map(rows.map((t) => [t.id, t.unitId]));
    const byUnit = new Map<number, ReturnType<typeof unsatisfiedEntries>>();
    for (const e of unsatisfiedEntries(callbacks, dayStart, dayEnd)) {
      const u = unitOf.get(e.ticketId)!;
      if (!byUnit.has(u)) byUnit.set(u, []);
      byUnit.get(u)!.push(e);
    }
    if (!byUnit.size) continue;
    const heads = await trx.selectFrom('unit').select(['id', 'head', 'deputyLeader']).where('id', 'in', [...byUnit.keys()]).execute();
    const headOf = new Map(heads.map((h) => [h.id, h]));
    for (const [unitId, items] of byUnit) {
      const escalated = items.filter((i) => i.escalated).length;
      await trx
        .insertInto('unsatisfiedPush')
        .values({
          day,
          unitId,
          streetId: s.id,
          unitHead: headOf.get(unitId)?.head ?? null,
          deputyLeader: headOf.get(unitId)?.deputyLeader ?? null,
          level: escalated ? 2 : 1,
          ticketCount: items.length,
          escalatedCount: escalated,
          items: JSON.stringify(items),
        })
        .execute();
      units++;
      tickets += items.length;
    }
  }
  return { units, tickets };
}

/**
 * Follow-up of the open repeat warnings (domain.md §5): a warning whose group's tickets are all closed is
 * closed; one still unresolved past its due is flagged for the 主要领导's special study.
 */
export async function warningFollowUpJob(trx: Trx, _day: Day, now: Date): Promise<JobResult> {
  const open = await trx.selectFrom('warning').select('masterTicketId').distinct().where('status', '<>', 'CLOSED').execute();
  const roots = open.map((r) => r.masterTicketId);
  const before = await countWarnings(trx);
  if (roots.length) await updateWarningStates(trx, roots, now);
  const after = await countWarnings(trx);
  // 苗头 warnings whose last day has passed without new tickets: the rule closes them (domain.md §5).
  const hotspotStreets = await closeStaleHotspots(trx, null, now);
  return { checked: roots.length, closed: after.closed - before.closed, specialStudy: after.specialStudy - before.specialStudy, hotspotStreets };
}

async function countWarnings(trx: Trx) {
  const r = await sql<{ closed: number; special: number }>`
    select count(*) filter (where status = 'CLOSED')::int as closed, count(*) filter (where special_study)::int as special from warning`.execute(trx);
  return { closed: Number(r.rows[0]!.closed), specialStudy: Number(r.rows[0]!.special) };
}

/**
 * 超期 flags: each open ticket whose first-contact or completion due has passed is flagged once, with an
 * OVERDUE event in its history (so the timeline shows when the deadline was missed).
 */
export async function overdueFlagsJob(trx: Trx, _day: Day, now: Date): Promise<JobResult> {
  const flagged = await sql<{ ticketId: number; kind: string; dueAt: Date }>`
    insert into ticket_overdue (ticket_id, kind, due_at, flagged_at)
    select id, 'FIRST_CONTACT', first_contact_due, ${now}::timestamptz from ticket
     where status <> 'CLOSED' and first_contact_at is null and first_contact_due < ${now}
    union all
    select id, 'COMPLETION', completion_due, ${now}::timestamptz from ticket
     where status <> 'CLOSED' and completion_due < ${now}
    on conflict (ticket_id, kind) do nothing
    returning ticket_id, kind, due_at`.execute(trx);
  if (flagged.rows.length) {
    await sql`
      insert into ticket_event (ticket_id, at, kind, after, note)
      select x.ticket_id, ${now}::timestamptz, 'OVERDUE', jsonb_build_object('kind', x.kind, 'dueAt', x.due_at),
             case x.kind when 'FIRST_CONTACT' then '超过先行联系时限' else '超过办结时限' end
      from jsonb_to_recordset(${JSON.stringify(flagged.rows.map((r) => ({ ticket_id: r.ticketId, kind: r.kind, due_at: r.dueAt })))}::jsonb)
        as x(ticket_id int, kind text, due_at timestamptz)`.execute(trx);
  }
  const firstContact = flagged.rows.filter((r) => r.kind === 'FIRST_CONTACT').length;
  return { firstContact, completion: flagged.rows.length - firstContact };
}

/**
 * 暗访抽样 (domain.md §5), run on the 1st for the month before: every street without a sample gets one, with the
 * default share and a fresh seed that is stored. A street drawn by hand already is left as it is.
 */
export async function undercoverSampleJob(trx: Trx, day: Day, now: Date): Promise<JobResult> {
  const month = previousMonth(day.slice(0, 7));
  let streets = 0;
  let visits = 0;
  for (const s of await streetsWithoutSample(trx, month)) {
    const out = await drawStreetSample(trx, { streetId: s.id, month, now, drawnBy: null });
    if (out.status !== 'drawn') continue;
    streets++;
    visits += out.visits.length;
  }
  return { streets, visits };
}
