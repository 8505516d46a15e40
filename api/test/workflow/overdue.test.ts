// Overdue flags on time (jobs/runner.ts, schedule.ts): the overdue task runs every 10 minutes, once per slot
// across processes, and flags an urgent ticket's 2-hour first contact within one slot of it passing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection';
import { JOBS, msUntilNext, runDueJobs } from '../../src/jobs';
import { slotStart } from '../../src/jobs/schedule';
import { at, expectOk, setupFixture, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const overdueJob = JOBS.find((j) => j.name === 'overdue-flags')!;
const flagsOf = (ticketId: number) => f.db.db.selectFrom('ticketOverdue').select(['kind', 'dueAt', 'flaggedAt']).where('ticketId', '=', ticketId).execute();

describe('schedule of a job that runs every 10 minutes', () => {
  it('is due at every 10-minute mark of the Shanghai day', () => {
    expect(overdueJob.everyMinutes).toBe(10);
    expect(slotStart(overdueJob, at('2023-07-06T12:00:01+08:00'))).toEqual(at('2023-07-06T12:00:00+08:00'));
    expect(slotStart(overdueJob, at('2023-07-06T11:59:59+08:00'))).toEqual(at('2023-07-06T11:50:00+08:00'));
    expect(slotStart({ at: '07:30', dayOffset: -1 }, at('2023-07-06T11:59:59+08:00'))).toBeNull();
    expect(msUntilNext([overdueJob], at('2023-07-06T11:57:30+08:00'))).toBe(150_000);
    // Combined with daily jobs the scheduler wakes at the nearest of them.
    expect(msUntilNext(JOBS, at('2023-07-06T07:25:00+08:00'))).toBe(5 * 60_000);
  });
});

describe('an urgent ticket', () => {
  it('is flagged for its first contact 2 h + 1 s after receipt, once', async () => {
    const received = at('2023-07-06T10:00:00+08:00');
    const created = await f.as.OPS(
      `mutation($s: ID!, $u: ID!, $t: DateTime!) { createTicket(number: "URGENT-OVERDUE-1", streetId: $s, unitId: $u, category: COMPLAINT, urgent: true, receivedAt: $t) { id firstContactDue } }`,
      { s: String(f.streetId), u: String(f.unitA), t: received.toISOString() },
    );
    expectOk(created);
    const id = Number(created.data.createTicket.id);
    const due = new Date(received.getTime() + 2 * 3_600_000);
    expect(new Date(created.data.createTicket.firstContactDue)).toEqual(due);

    // One second before the limit: the slot runs and flags nothing for it.
    const before = await runDueJobs(f.db, new Date(due.getTime() - 1000), [overdueJob]);
    expect(before.map((o) => o.status)).toEqual(['ran']);
    expect(await flagsOf(id)).toEqual([]);

    // 2 h + 1 s after receipt: the next slot (12:00) flags it, with an OVERDUE event.
    const now = new Date(due.getTime() + 1000);
    expect((await runDueJobs(f.db, now, [overdueJob])).map((o) => o.status)).toEqual(['ran']);
    expect(await flagsOf(id)).toEqual([{ kind: 'FIRST_CONTACT', dueAt: due, flaggedAt: now }]);
    const events = await f.db.db.selectFrom('ticketEvent').select(['kind', 'note']).where('ticketId', '=', id).where('kind', '=', 'OVERDUE').execute();
    expect(events).toEqual([{ kind: 'OVERDUE', note: '超过先行联系时限' }]);

    // The same slot again is a no-op; the next slot runs but adds nothing for this ticket.
    expect((await runDueJobs(f.db, new Date(due.getTime() + 5 * 60_000), [overdueJob])).map((o) => o.status)).toEqual(['done-already']);
    expect((await runDueJobs(f.db, new Date(due.getTime() + 10 * 60_000), [overdueJob])).map((o) => o.status)).toEqual(['ran']);
    expect(await flagsOf(id)).toHaveLength(1);
    expect(await f.db.db.selectFrom('ticketEvent').select('id').where('ticketId', '=', id).where('kind', '=', 'OVERDUE').execute()).toHaveLength(1);
    // One job_run row for the day, holding the latest slot's run.
    const runs = await f.db.db.selectFrom('jobRun').select(['day', 'startedAt']).where('job', '=', 'overdue-flags').where('day', '=', '2023-07-06').execute();
    expect(runs).toEqual([{ day: '2023-07-06', startedAt: new Date(due.getTime() + 10 * 60_000) }]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('several processes on one PostgreSQL', () => {
  it('run each 10-minute slot exactly once', async () => {
    const other = await openDatabase({ databaseUrl: process.env.DATABASE_URL, searchPath: f.db.schema, poolMax: 5 });
    try {
      for (const now of [at('2023-08-01T09:00:30+08:00'), at('2023-08-01T09:04:00+08:00'), at('2023-08-01T09:10:05+08:00')]) {
        const outcomes = (await Promise.all([f.db, other, f.db, other].map((db) => runDueJobs(db, now, [overdueJob])))).flat();
        const ran = outcomes.filter((o) => o.status === 'ran').length;
        // 09:00 and 09:10 are new slots (one run each); 09:04 is inside the 09:00 slot (none).
        expect(ran, now.toISOString()).toBe(now.getUTCMinutes() === 4 ? 0 : 1);
      }
    } finally {
      await other.close();
    }
  });
});
