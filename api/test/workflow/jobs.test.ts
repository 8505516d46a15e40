// Scheduled jobs (api/src/jobs): fixed Shanghai times, idempotent reruns, exactly one run per (job, day) when
// several processes share a PostgreSQL, and what each job writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connection';
import { JOBS, dueDay, msUntilNext, runDueJobs, runJob, type JobDefinition } from '../../src/jobs';
import { refreshWarningsForGroups } from '../../src/repos/warnings';
import { setupFixture, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const job = (name: string) => JOBS.find((j) => j.name === name)!;
const count = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(f.db.db)).rows[0]!.n);

describe('schedule', () => {
  it('runs each job for the day of its latest Asia/Shanghai time', () => {
    const digest = { at: '07:30', dayOffset: -1 };
    // 2023-06-21 07:29 Shanghai is before the 07:30 run: the latest run was on the 20th, for the 19th.
    expect(dueDay(digest, new Date('2023-06-21T07:29:00+08:00'))).toBe('2023-06-19');
    expect(dueDay(digest, new Date('2023-06-21T07:30:00+08:00'))).toBe('2023-06-20');
    // 23:30 UTC on the 20th is already 07:30 on the 21st in Shanghai.
    expect(dueDay(digest, new Date('2023-06-20T23:30:00Z'))).toBe('2023-06-20');
    expect(dueDay({ at: '00:05', dayOffset: 0 }, new Date('2023-06-21T00:04:00+08:00'))).toBe('2023-06-20');
    expect(msUntilNext([{ at: '00:05', dayOffset: 0 }, { at: '07:30', dayOffset: -1 }], new Date('2023-06-21T07:00:00+08:00'))).toBe(30 * 60_000);
    expect(msUntilNext([{ at: '00:05', dayOffset: 0 }], new Date('2023-06-21T07:00:00+08:00'))).toBe((17 * 60 + 5) * 60_000);
  });
});

describe('overdue flags', () => {
  it('flags each open ticket past a due once, with an OVERDUE event, and not closed ones', async () => {
    const late = await ticketIn(f, 'ACCEPTED', { firstContactDue: new Date('2023-06-22T09:00:00+08:00'), completionDue: new Date('2023-06-28T23:59:59.999+08:00') });
    const done = await ticketIn(f, 'CLOSED');
    const future = await ticketIn(f, 'IN_PROGRESS', { completionDue: new Date('2099-01-01T00:00:00Z') });
    const now = new Date('2023-07-01T00:05:00+08:00');
    const r = await runJob(f.db, job('overdue-flags'), '2023-07-01', now);
    expect(r.status).toBe('ran');
    const flags = await f.db.db.selectFrom('ticketOverdue').selectAll().where('ticketId', 'in', [late.id, done.id, future.id]).orderBy('kind').execute();
    expect(flags.map((x) => [x.ticketId, x.kind])).toEqual([[late.id, 'COMPLETION'], [late.id, 'FIRST_CONTACT']]);
    const events = await f.db.db.selectFrom('ticketEvent').select(['kind', 'note']).where('ticketId', '=', late.id).where('kind', '=', 'OVERDUE').execute();
    expect(events.map((e) => e.note).sort()).toEqual(['超过先行联系时限', '超过办结时限'].sort());
    // Another day's run adds nothing for the same tickets.
    await runJob(f.db, job('overdue-flags'), '2023-07-02', new Date('2023-07-02T00:05:00+08:00'));
    expect(await count(`select count(*)::int as n from ticket_event where kind = 'OVERDUE' and ticket_id = ${late.id}`)).toBe(2);
  });
});

describe('warning follow-up', () => {
  async function group(day: string, due: string) {
    const receivedAt = new Date(`${day}T09:00:00+08:00`);
    const master = await ticketIn(f, 'IN_PROGRESS', { receivedAt, completionDue: new Date(due) });
    const ids = [master.id];
    for (let i = 0; i < 4; i++) ids.push((await ticketIn(f, 'IN_PROGRESS', { receivedAt, completionDue: new Date(due), repeatOfId: master.id })).id);
    await refreshWarningsForGroups(f.db.db, [master.id], new Date('2023-07-01T00:00:00+08:00'));
    return { master, ids };
  }

  it('closes a warning whose tickets are all closed and flags one unresolved past its due for special study', async () => {
    const a = await group('2023-07-03', '2023-07-10T23:59:59.999+08:00');
    const b = await group('2023-07-04', '2023-07-11T23:59:59.999+08:00');
    const w = () => f.db.db.selectFrom('warning').select(['masterTicketId', 'status', 'specialStudy', 'level', 'count']).where('masterTicketId', 'in', [a.master.id, b.master.id]).orderBy('masterTicketId').execute();
    expect(await w()).toEqual([
      { masterTicketId: a.master.id, status: 'OPEN', specialStudy: false, level: 'YELLOW', count: 5 },
      { masterTicketId: b.master.id, status: 'OPEN', specialStudy: false, level: 'YELLOW', count: 5 },
    ]);
    // Group a is closed behind the warnings' back (e.g. an import); b stays open past its due.
    await f.db.db.updateTable('ticket').set({ status: 'CLOSED', closedAt: new Date('2023-07-05T10:00:00+08:00') }).where('id', 'in', a.ids).execute();
    const r = await runJob(f.db, job('warning-follow-up'), '2023-07-12', new Date('2023-07-12T00:10:00+08:00'));
    expect(r.status).toBe('ran');
    expect(await w()).toEqual([
      { masterTicketId: a.master.id, status: 'CLOSED', specialStudy: false, level: 'YELLOW', count: 5 },
      { masterTicketId: b.master.id, status: 'OPEN', specialStudy: true, level: 'YELLOW', count: 5 },
    ]);
    expect(r.status === 'ran' && r.result).toMatchObject({ closed: 1, specialStudy: 1 });
  });
});

describe('unsatisfied digest', () => {
  it('materialises one row per unit for the day, level 2 when a ticket had two 不满意 in a row', async () => {
    const closedAt = new Date('2023-08-01T10:00:00+08:00');
    const once = await ticketIn(f, 'CLOSED', { receivedAt: new Date('2023-07-28T09:00:00+08:00'), submittedAt: closedAt, closedAt });
    const twice = await ticketIn(f, 'CLOSED', { receivedAt: new Date('2023-07-28T09:00:00+08:00'), submittedAt: closedAt, closedAt, unitId: f.unitB });
    await f.db.db.insertInto('callback').values([
      { ticketId: once.id, calledAt: new Date('2023-08-03T10:00:00+08:00'), result: 'UNSATISFIED' },
      { ticketId: twice.id, calledAt: new Date('2023-08-02T10:00:00+08:00'), result: 'UNSATISFIED' },
      { ticketId: twice.id, calledAt: new Date('2023-08-03T11:00:00+08:00'), result: 'UNSATISFIED' },
    ]).execute();
    const r = await runJob(f.db, job('unsatisfied-digest'), '2023-08-03', new Date('2023-08-04T07:30:00+08:00'));
    expect(r.status === 'ran' && r.result).toEqual({ units: 2, tickets: 2 });
    const rows = await f.db.db.selectFrom('unsatisfiedPush').selectAll().where('day', '=', '2023-08-03').orderBy('unitId').execute();
    expect(rows.map((x) => ({ unitId: x.unitId, head: x.unitHead, level: x.level, n: x.ticketCount, esc: x.escalatedCount }))).toEqual([
      { unitId: f.unitA, head: '张队长', level: 1, n: 1, esc: 0 },
      { unitId: f.unitB, head: '王主任', level: 2, n: 1, esc: 1 },
    ]);
    expect((rows[1]!.items as any[])[0]).toMatchObject({ ticketId: twice.id, consecutiveUnsatisfied: 2, escalated: true, firstCallback: false });
    // A rerun for the same day is a no-op.
    expect((await runJob(f.db, job('unsatisfied-digest'), '2023-08-03')).status).toBe('done-already');
  });
});

describe('runDueJobs', () => {
  it('runs every job once for its day; a rerun is a no-op', async () => {
    const now = new Date('2024-03-05T08:00:00+08:00');
    const first = await runDueJobs(f.db, now);
    expect(first.map((o) => [o.job, o.day, o.status])).toEqual([
      ['overdue-flags', '2024-03-05', 'ran'],
      ['warning-follow-up', '2024-03-05', 'ran'],
      ['unsatisfied-digest', '2024-03-04', 'ran'],
      ['undercover-sample', '2024-03-01', 'ran'],
      ['late-acceptance', '2024-03-05', 'ran'],
      ['warning-digest', '2024-03-04', 'ran'],
    ]);
    const events = await count(`select count(*)::int as n from ticket_event where kind = 'OVERDUE'`);
    const second = await runDueJobs(f.db, now);
    expect(second.map((o) => o.status)).toEqual(['done-already', 'done-already', 'done-already', 'done-already', 'done-already', 'done-already']);
    expect(await count(`select count(*)::int as n from ticket_event where kind = 'OVERDUE'`)).toBe(events);
    expect(await count(`select count(*)::int as n from job_run where day in ('2024-03-05', '2024-03-04')`)).toBe(5);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('several processes on one PostgreSQL', () => {
  it('runs a job exactly once when two runners race for it', async () => {
    // A second connection pool on the same schema stands for a second API process.
    const other = await openDatabase({ databaseUrl: process.env.DATABASE_URL, searchPath: f.db.schema, poolMax: 5 });
    try {
      let calls = 0;
      const slow: JobDefinition = {
        name: 'race-test', at: '00:00', dayOffset: 0,
        run: async (trx) => {
          calls++;
          await sql`select pg_sleep(0.3)`.execute(trx);
          return { calls };
        },
      };
      const outcomes = await Promise.all([f.db, other, f.db, other].map((db) => runJob(db, slow, '2024-01-01')));
      expect(calls).toBe(1);
      expect(outcomes.filter((o) => o.status === 'ran')).toHaveLength(1);
      expect(outcomes.every((o) => ['ran', 'busy', 'done-already'].includes(o.status))).toBe(true);
      // Later runs (after the winner committed) see the recorded day and do nothing.
      expect((await runJob(other, slow, '2024-01-01')).status).toBe('done-already');
      expect(calls).toBe(1);

      // The real jobs, started at once by two processes: one set of runs, no duplicate flags or events.
      const now = new Date('2024-05-06T08:00:00+08:00');
      await ticketIn(f, 'IN_PROGRESS', { completionDue: new Date('2024-05-01T23:59:59.999+08:00'), firstContactAt: new Date('2023-06-21T10:00:00+08:00') });
      const [a, b] = await Promise.all([runDueJobs(f.db, now), runDueJobs(other, now)]);
      const ran = [...a, ...b].filter((o) => o.status === 'ran').map((o) => o.job).sort();
      expect(ran).toEqual(['late-acceptance', 'overdue-flags', 'undercover-sample', 'unsatisfied-digest', 'warning-digest', 'warning-follow-up']);
      expect(await count(`select count(*)::int as n from (select ticket_id, after->>'kind' from ticket_event where kind = 'OVERDUE' group by 1, 2 having count(*) > 1) d`)).toBe(0);
    } finally {
      await other.close();
    }
  });
});
