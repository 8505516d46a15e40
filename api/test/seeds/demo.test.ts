// The demo seed as a specification of the demo story: exact first-half totals, indicator bands by month,
// repeat-call peaks, a complete A/B register, the district's computed street ranking (domain.md §9: Tangqiao
// 32nd in May and 31st in June 2023), every 2023 ticket closed, the live tail, reproducibility. Runs on the demo test
// database: a clone of the seeded PGlite template by default, a freshly seeded PostgreSQL schema with DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seedBase, DEFAULT_SCHEME_NAME } from '../../../seeds/base';
import { generateDemo, demoChecksum, DEFAULT_DEMO_SEED } from '../../../seeds/demo';
import { streetRanking } from '../../src/reports/ranking';
import { createTestDatabase, DEMO_TODAY, type TestDatabase } from '../helpers/db';
import { liveDutyRoster } from '../../../seeds/demo-tail';

const TIMEOUT = 120_000;

// The demo test database is the seed's own run: `createTestDatabase('demo')` migrates, seeds the base and the demo
// (`prepareDatabase`, as the server does) once into the shared template, cloned here; on PostgreSQL it runs here.
let opened: TestDatabase;

beforeAll(async () => {
  opened = await createTestDatabase('demo');
}, 300_000); // the first demo suite of a run seeds the template

afterAll(async () => {
  await opened?.close();
}, TIMEOUT);

const rows = async <R>(q: ReturnType<typeof sql<R>>) => (await q.execute(opened.db)).rows;

/** Shanghai month [start, end) as SQL timestamptz literals. */
const monthBounds = (m: number) => {
  const start = `2023-${String(m).padStart(2, '0')}-01 00:00+08`;
  const end = m === 12 ? '2024-01-01 00:00+08' : `2023-${String(m + 1).padStart(2, '0')}-01 00:00+08`;
  return [start, end] as const;
};

interface MonthKpis {
  closed: number;
  firstContact: number | null;
  resolution: number | null;
  satisfaction: number | null;
}

/** domain.md §3 for street TQ and one month, in plain SQL. */
async function tangqiaoMonth(m: number): Promise<MonthKpis> {
  const [start, end] = monthBounds(m);
  const [r] = await rows<MonthKpis>(sql`
    with c as (
      select t.* from ticket t join street s on s.id = t.street_id
      where s.code = 'TQ' and t.repeat_of_id is null
        and t.closed_at >= ${start}::timestamptz and t.closed_at < ${end}::timestamptz
    ),
    r as (select * from c where resolution is not null and not (fact_finding = 'UNFOUNDED' and unfounded_accepted)),
    latest as (
      select distinct on (cb.ticket_id) cb.ticket_id, cb.result
      from callback cb join r on r.id = cb.ticket_id
      where cb.reached
      order by cb.ticket_id, cb.called_at desc
    )
    select
      (select count(*)::int from c) as closed,
      (select avg(case when first_contact_at <= first_contact_due then 1.0 else 0.0 end)::float8 from c) as "firstContact",
      (select avg(case when resolution in ('ACTUALLY_RESOLVED', 'EXPLAINED') then 1.0 else 0.0 end)::float8 from r) as resolution,
      (select avg(case result when 'SATISFIED' then 1.0 when 'BASICALLY_SATISFIED' then 0.8 when 'NEUTRAL' then 0.6 else 0.0 end)::float8
         from latest) as satisfaction
  `);
  return r!;
}

describe('demo seed', () => {
  it('has the plan’s exact first-half category totals for 塘桥街道 (2719 tickets)', async () => {
    const got = await rows<{ category: string; n: number }>(sql`
      select t.category, count(*)::int as n from ticket t join street s on s.id = t.street_id
      where s.code = 'TQ' and t.received_at >= '2023-01-01 00:00+08' and t.received_at < '2023-07-01 00:00+08'
      group by t.category`);
    const byCategory = Object.fromEntries(got.map((r) => [r.category, r.n]));
    expect(byCategory).toEqual({ COMPLAINT: 1808, HELP: 758, CONSULT: 77, SUGGESTION: 37, OTHER: 1, PHOTO_REPORT: 38 });
  });

  it('has a busier second half and peer streets with fewer tickets', async () => {
    const got = await rows<{ code: string; h1: number; h2: number }>(sql`
      select s.code,
        count(*) filter (where t.received_at < '2023-07-01 00:00+08')::int as h1,
        count(*) filter (where t.received_at >= '2023-07-01 00:00+08')::int as h2
      from ticket t join street s on s.id = t.street_id group by s.code`);
    const by = Object.fromEntries(got.map((r) => [r.code, r]));
    expect(by.TQ!.h2).toBeGreaterThan(by.TQ!.h1);
    const peers = got.filter((r) => r.code !== 'TQ');
    expect(peers.length).toBeGreaterThanOrEqual(2);
    for (const p of peers) expect(p.h1 + p.h2).toBeLessThan(by.TQ!.h1 + by.TQ!.h2);
    // Outside 2023 only Tangqiao's live tail: the 14 days before the seed's day.
    const outside = await rows<{ code: string; first: string; last: string }>(sql`
      select s.code, min((t.received_at at time zone 'Asia/Shanghai')::date)::text as first, max((t.received_at at time zone 'Asia/Shanghai')::date)::text as last
      from ticket t join street s on s.id = t.street_id
      where t.received_at < '2023-01-01 00:00+08' or t.received_at >= '2024-01-01 00:00+08' group by s.code`);
    expect(outside).toEqual([{ code: 'TQ', first: '2024-01-01', last: '2024-01-14' }]);
  });

  it('gives every unit a current A and B role, and keeps some history', async () => {
    const missing = await rows<{ name: string }>(sql`
      select u.name from unit u
      where (select count(*) from role_assignment r where r.unit_id = u.id and r.role = 'A' and r.effective_to is null) <> 1
         or (select count(*) from role_assignment r where r.unit_id = u.id and r.role = 'B' and r.effective_to is null) <> 1`);
    expect(missing).toEqual([]);
    const [counts] = await rows<{ units: number; tq: number; residential: number; closed: number }>(sql`
      select (select count(*)::int from unit) as units,
             (select count(*)::int from unit u join street s on s.id = u.street_id where s.code = 'TQ') as tq,
             (select count(*)::int from unit u join street s on s.id = u.street_id where s.code = 'TQ' and u.peer_group = 'RESIDENTIAL') as residential,
             (select count(*)::int from role_assignment where effective_to is not null) as closed`);
    expect(counts!.tq).toBe(38);
    expect(counts!.residential).toBe(23);
    expect(counts!.closed).toBeGreaterThan(0);
    const [alias] = await rows<{ name: string }>(sql`select name from unit where '市场监管所' = any(aliases) and street_id = (select id from street where code = 'TQ')`);
    expect(alias?.name).toBe('市场监督管理所');
  });

  it('keeps first contact, resolution and satisfaction inside the plan’s bands in January–June', async () => {
    const months = [];
    for (let m = 1; m <= 6; m++) months.push(await tangqiaoMonth(m));
    for (const k of months) {
      expect(k.closed).toBeGreaterThan(200);
      expect(k.firstContact!).toBeGreaterThanOrEqual(0.95);
      expect(k.firstContact!).toBeLessThanOrEqual(0.99);
      expect(k.resolution!).toBeGreaterThanOrEqual(0.9);
      expect(k.resolution!).toBeLessThanOrEqual(0.92);
      expect(k.satisfaction!).toBeGreaterThanOrEqual(0.75);
      expect(k.satisfaction!).toBeLessThanOrEqual(0.9);
    }
    // May and June are the worst months of the half.
    const sat = months.map((k) => k.satisfaction!);
    const worstTwo = [...sat].sort((a, b) => a - b).slice(0, 2);
    expect(worstTwo.sort()).toEqual([sat[4]!, sat[5]!].sort());
  }, TIMEOUT);

  it('reaches the campaign targets in November and December', async () => {
    for (const m of [11, 12]) {
      const k = await tangqiaoMonth(m);
      expect(k.firstContact!).toBeGreaterThanOrEqual(0.99);
      expect(k.resolution!).toBeGreaterThanOrEqual(0.97);
      expect(k.satisfaction!).toBeGreaterThanOrEqual(0.93);
    }
    const sep = await tangqiaoMonth(9);
    const jun = await tangqiaoMonth(6);
    expect(sep.satisfaction!).toBeGreaterThan(jun.satisfaction!);
  }, TIMEOUT);

  it('has repeat groups with ≥ 5 and ≥ 10 tickets received on one day, always pointing at the root', async () => {
    const peaks = await rows<{ n: number }>(sql`
      select count(*)::int as n from ticket
      group by coalesce(repeat_of_id, id), (received_at at time zone 'Asia/Shanghai')::date
      having count(*) >= 5 order by n desc`);
    expect(peaks.length).toBeGreaterThanOrEqual(5);
    expect(peaks.filter((p) => p.n >= 10).length).toBeGreaterThanOrEqual(2);
    const chained = await rows<{ n: number }>(sql`
      select count(*)::int as n from ticket c join ticket m on m.id = c.repeat_of_id
      where m.repeat_of_id is not null or m.received_at > c.received_at or m.street_id <> c.street_id`);
    expect(chained[0]!.n).toBe(0);
  });

  it('is Pudong’s 36 街镇, each with its own 城管中队 and 居委 and tickets in every month of 2023', async () => {
    const streets = await rows<{ code: string; name: string; cgzd: number; committees: number; months: number }>(sql`
      select s.code, s.name,
        (select count(*)::int from unit u where u.street_id = s.id and u.code = 'CGZD' and u.name = '城管中队') as cgzd,
        (select count(*)::int from unit u where u.street_id = s.id and u.peer_group = 'RESIDENTIAL') as committees,
        (select count(distinct date_trunc('month', t.closed_at at time zone 'Asia/Shanghai'))::int from ticket t
          where t.street_id = s.id and t.closed_at < '2024-01-01 00:00+08') as months
      from street s order by s.id`);
    expect(streets).toHaveLength(36);
    expect(streets[0]!.name).toBe('塘桥街道');
    expect(streets.filter((s) => s.name.endsWith('镇'))).toHaveLength(24);
    for (const s of streets) expect([s.code, s.cgzd, s.committees >= 3, s.months]).toEqual([s.code, 1, true, 12]);
  });

  it('ranks Tangqiao 32nd in May and 31st in June 2023 among the 36, lower half in the first half-year, climbing in the campaign', async () => {
    const district = await opened.db.selectFrom('district').select('id').executeTakeFirstOrThrow();
    const now = new Date('2024-03-01T00:00:00+08:00');
    const ranks: number[] = [];
    for (let m = 1; m <= 12; m++) {
      const { rows: table } = await streetRanking(opened.db, { districtId: district.id, month: `2023-${String(m).padStart(2, '0')}`, now });
      expect(table).toHaveLength(36);
      expect(table.filter((r) => r.rank === null).map((r) => r.streetCode)).toEqual([]); // every street ranked every month
      ranks.push(table.find((r) => r.streetCode === 'TQ')!.rank!);
    }
    console.log(`[demo] 塘桥街道 street rank 2023-01…12: ${ranks.join(', ')}`);
    expect(ranks[4]).toBe(32);
    expect(ranks[5]).toBe(31);
    expect(ranks.slice(0, 6).reduce((a, r) => a + r, 0) / 6).toBeGreaterThan(18);
    expect(ranks[11]!).toBeLessThan(ranks[7]!);
    for (let m = 8; m < 11; m++) expect(ranks[m + 1]!).toBeLessThanOrEqual(ranks[m]!); // Sep → Dec
  }, TIMEOUT);

  it('closes every 2023 ticket; the live tail holds open tickets at every stage, most within their due time', async () => {
    const [year] = await rows<{ open: number }>(sql`select count(*)::int as open from ticket where received_at < '2024-01-01 00:00+08' and status <> 'CLOSED'`);
    expect(year!.open).toBe(0);
    const open = await rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from ticket where status <> 'CLOSED' group by status`);
    const by = Object.fromEntries(open.map((r) => [r.status, r.n]));
    for (const s of ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURN_PENDING']) expect(by[s], s).toBeGreaterThan(0);
    const [returns] = await rows<{ pending: number; awaiting: number }>(sql`
      select count(*) filter (where status = 'PENDING')::int as pending, count(*) filter (where status = 'AWAITING_MAIN_LEADER')::int as awaiting
      from return_request where decided_at is null`);
    expect(returns).toEqual({ pending: 1, awaiting: 1 });
    // As of the seed's day: a few overdue, most still within their completion due time.
    const [due] = await rows<{ open: number; overdue: number }>(sql`
      select count(*)::int as open, count(*) filter (where completion_due < ${DEMO_TODAY + ' 00:00+08'}::timestamptz)::int as overdue
      from ticket where status <> 'CLOSED'`);
    expect(due!.overdue).toBeGreaterThan(0);
    expect(due!.overdue).toBeLessThanOrEqual(5);
    expect(due!.open).toBeGreaterThan(30);
    const [future] = await rows<{ n: number }>(sql`
      select count(*)::int as n from ticket
      where greatest(received_at, dispatched_at, accepted_at, first_contact_at, submitted_at, closed_at) >= ${DEMO_TODAY + ' 00:00+08'}::timestamptz`);
    expect(future!.n).toBe(0);
    const [bad] = await rows<{ n: number }>(sql`
      select count(*)::int as n from ticket
      where (status = 'CLOSED' and (closed_at is null or first_contact_at is null or resolution is null))
         or (status <> 'CLOSED' and closed_at is not null)
         or dispatched_at < received_at or accepted_at < dispatched_at or first_contact_at < accepted_at`);
    expect(bad!.n).toBe(0);
  });

  it('fills the registers', async () => {
    const [c] = await rows<Record<string, number>>(sql`
      select (select count(*)::int from callback) as callbacks,
             (select count(*)::int from ticket_event) as events,
             (select count(*)::int from closure_audit where jsonb_array_length(checks) = 8) as audits,
             (select count(*)::int from return_request) as returns,
             (select count(*)::int from award where status = 'SELECTED') as awards,
             (select count(*)::int from negative_record) as negatives,
             (select count(*)::int from negative_quota) as quotas,
             (select count(*)::int from interview) as interviews,
             (select count(*)::int from assistance) as assistance,
             (select count(*)::int from duty_roster) as roster,
             (select count(*)::int from pairing) as pairings,
             (select count(*)::int from leader_order) as orders,
             (select count(*)::int from app_user) as users`);
    for (const k of ['callbacks', 'events', 'audits', 'returns', 'awards', 'negatives', 'quotas', 'interviews', 'assistance', 'pairings', 'orders']) {
      expect(c![k], k).toBeGreaterThan(0);
    }
    // 2023's 52 weeks, and the live weeks (the tail and 8 ahead) with the demo leader (周建国, the `leader` account) on duty.
    expect(c!.roster).toBe(52 + liveDutyRoster(DEMO_TODAY).length);
    const live = await rows<{ leaderName: string }>(sql`select r.leader_name from duty_roster r join street s on s.id = r.street_id where s.code = 'TQ' and r.iso_week = '2024-W03'`);
    expect(live.map((r) => r.leaderName)).toEqual(['周建国']);
    // Users are the application's (prepareDatabase: admin and the demo accounts), none the seed's own.
    const users = await rows<{ username: string }>(sql`select username from app_user`);
    expect(users.map((u) => u.username)).toContain('admin');
  });

  it('writes exactly what the generator builds, and the generator is reproducible', async () => {
    const a = generateDemo({ today: DEMO_TODAY });
    const b = generateDemo({ seed: DEFAULT_DEMO_SEED, today: DEMO_TODAY });
    expect(b.tickets.map((t) => t.number)).toEqual(a.tickets.map((t) => t.number));
    expect(demoChecksum(b)).toBe(demoChecksum(a));
    expect(demoChecksum(generateDemo({ seed: 7, today: DEMO_TODAY }))).not.toBe(demoChecksum(a));
    // The live tail moves with the day; the year does not.
    const later = generateDemo({ today: '2024-02-20' });
    expect(later.tickets.filter((t) => t.receivedAt < new Date('2024-01-01T00:00:00+08:00')).map((t) => t.number)).toEqual(
      a.tickets.filter((t) => t.receivedAt < new Date('2024-01-01T00:00:00+08:00')).map((t) => t.number),
    );

    const stored = await rows<{ number: string }>(sql`select number from ticket order by id`);
    expect(stored.map((r) => r.number)).toEqual(a.tickets.map((t) => t.number));
  }, TIMEOUT);

  it('seedBase is idempotent', async () => {
    const count = async () =>
      (
        await rows<Record<string, number>>(sql`
          select (select count(*)::int from work_calendar) as calendar, (select count(*)::int from sla_rule) as sla,
                 (select count(*)::int from scoring_scheme) as schemes, (select count(*)::int from topic) as topics,
                 (select count(*)::int from negative_item) as items`)
      )[0]!;
    const before = await count();
    await seedBase(opened.db);
    expect(await count()).toEqual(before);
    expect(before.calendar).toBeGreaterThan(700);
    const [scheme] = await rows<{ name: string }>(sql`select name from scoring_scheme where active`);
    expect(scheme!.name).toBe(DEFAULT_SCHEME_NAME);
  });
});
