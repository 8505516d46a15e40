// The city of api/bench/city.ts, generated inside PostgreSQL: 16 districts, 215 街镇 of 38 units each (the same unit
// codes and names in every street, as the demo), and N tickets received over 40 months (2023-01 … 2026-04), bigger
// streets getting more, with their callbacks. Deterministic for a given N (setseed and a seeded street shape).
//
// The bulk load is the fast path the triggers cannot take: tickets and callbacks are inserted one month per
// statement with session_replication_role = replica (no statement triggers — 0019 counts, 0022 live notify — and no
// foreign-key checks; the data is consistent by construction) and without the secondary indexes, which are built
// afterwards. The stored counts are then built set-based by migration 0019's own statement (kpi_daily_sql, its
// monthly trigger on kpi_daily_count enabled again), one month of tickets at a time: exactly what the triggers would
// have stored.
import fs from 'node:fs';
import type pg from 'pg';

/** Shanghai's 16 districts and their 街镇 (215 in all); the first is the one the district reports read. */
export const DISTRICTS: [code: string, name: string, streets: number][] = [
  ['PD', '浦东新区', 36], ['HP', '黄浦区', 10], ['XH', '徐汇区', 13], ['CN', '长宁区', 10], ['JA', '静安区', 14],
  ['PT', '普陀区', 10], ['HK', '虹口区', 8], ['YP', '杨浦区', 12], ['MH', '闵行区', 14], ['BS', '宝山区', 12],
  ['JD', '嘉定区', 12], ['JS', '金山区', 11], ['SJ', '松江区', 17], ['QP', '青浦区', 11], ['FX', '奉贤区', 11], ['CM', '崇明区', 14],
];
export const STREETS = DISTRICTS.reduce((n, d) => n + d[2], 0);
export const UNITS = 38;
/** The first street (of the first district) is the benchmarked street clerk's: ~46k tickets a year of 3M. */
export const FOCUS_SHARE = 46_000 / 3_000_000;
export const FIRST_MONTH = '2023-01';
export const MONTHS = 40;
/** The benchmark's "now": the data ends at 2026-05-01; tickets of the last weeks are still open. */
export const NOW = new Date('2026-05-10T00:00:00+08:00');

// Departments and institutions of a Shanghai 街道 (domain.md §9), then its 居委.
const UNIT_NAMES = [
  '党政办公室', '社区党建办公室', '社区管理办公室', '社区服务办公室', '社区平安办公室', '社区自治办公室', '城市运行管理中心',
  '社区事务受理服务中心', '党群服务中心', '城管中队', '房管办事处',
  '市场监督管理所', '派出所', '绿化市容所', '物业管理事务中心',
  ...Array.from({ length: UNITS - 15 }, (_, i) => `第${i + 1}居委`),
];

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each street's share of the tickets: log-normal sizes (σ 0.6), the focus street fixed at FOCUS_SHARE. */
export function streetShares(): number[] {
  const rnd = mulberry32(20230601);
  const w = Array.from({ length: STREETS }, () => Math.exp(0.6 * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())));
  const rest = w.slice(1).reduce((a, b) => a + b, 0);
  return w.map((x, i) => (i === 0 ? FOCUS_SHARE : ((1 - FOCUS_SHARE) * x) / rest));
}

/** Tickets per month: summer busier (夏令热线), the Spring Festival quieter, +5 % a year; sums to `total`. */
export function monthCounts(total: number): number[] {
  const season = [0.85, 0.7, 0.95, 1, 1.05, 1.15, 1.3, 1.3, 1.1, 1, 0.95, 0.9];
  const w = Array.from({ length: MONTHS }, (_, m) => season[m % 12]! * 1.05 ** (m / 12));
  const sum = w.reduce((a, b) => a + b, 0);
  const counts = w.map((x) => Math.floor((total * x) / sum));
  counts[MONTHS - 1]! += total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

export const monthKey = (m: number) => {
  const y = 2023 + Math.floor(m / 12);
  return `${y}-${String((m % 12) + 1).padStart(2, '0')}`;
};

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
const SLOTS = 10_000;

export interface LoadPhases { [phase: string]: number }

/**
 * Loads the city into the (migrated, empty) schema on `c`'s search_path, as its owner. Prints progress; returns the
 * seconds of each phase.
 */
export async function loadCity(c: pg.Client, total: number, log: (line: string) => void): Promise<LoadPhases> {
  const phases: LoadPhases = {};
  const phase = async (name: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    phases[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${secs(t0)} s   (load ${loadavg()})`);
  };
  await c.query(`set maintenance_work_mem = '1GB'`);
  await c.query(`set synchronous_commit = off`);
  await c.query(`select setseed(0.20230601)`);

  let streetIds: number[] = [];
  await phase('organisation (16 districts, 215 streets, 8170 units)', async () => {
    let s = 0;
    for (const [code, name, n] of DISTRICTS) {
      const d = (await c.query(`insert into district (code, name) values ($1, $2) returning id`, [code, name])).rows[0].id as number;
      // Street codes and names as a city's are: unique in the city, a district's own prefix.
      const rows = (await c.query(
        `insert into street (code, name, district_id)
         select $1 || lpad(i::text, 2, '0'), $2 || '第' || i || '街镇', $3::int from generate_series(1, $4::int) i order by i returning id`,
        [code, name.slice(0, 2), d, n],
      )).rows as { id: number }[];
      streetIds.push(...rows.map((r) => r.id).sort((a, b) => a - b));
      s += n;
    }
    if (s !== STREETS) throw new Error(`${s} streets, expected ${STREETS}`);
    await c.query(
      `insert into unit (code, name, street_id, peer_group)
       select 'U' || lpad((k + 1)::text, 2, '0'), ($2::text[])[k + 1], st.id,
              case when k < 11 then 'DEPARTMENT' when k < 15 then 'INSTITUTION' else 'RESIDENTIAL' end
       from unnest($1::int[]) with ordinality as st(id, s) cross join generate_series(0, ${UNITS - 1}) k
       order by st.s, k`,
      [streetIds, UNIT_NAMES],
    );
  });
  // Street s is streetIds[s]; its unit k is unit0 + s·38 + k (inserted in that order into a fresh table).
  const unit0 = (await c.query(`select min(id)::int as id from unit`)).rows[0].id as number;
  const check = (await c.query(
    `select count(*)::int as n from unit u join unnest($1::int[]) with ordinality as st(id, s) on st.id = u.street_id
     where u.id = $2::int + (st.s - 1) * ${UNITS} + substr(u.code, 2)::int - 1`,
    [streetIds, unit0],
  )).rows[0].n as number;
  if (check !== STREETS * UNITS) throw new Error('unit ids are not contiguous by street: the generator cannot address them');

  // The street of a ticket: a slot of SLOTS drawn uniformly, each street holding slots in proportion to its share.
  const shares = streetShares();
  const slots: number[] = [];
  let acc = 0;
  shares.forEach((share, s) => {
    acc += share * SLOTS;
    while (slots.length < Math.round(acc)) slots.push(s);
  });

  // Without the secondary indexes during the load: each is built once afterwards (constraint indexes stay).
  const { rows: indexes } = await c.query(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i join pg_class t on t.oid = i.indrelid
     where t.oid in ('ticket'::regclass, 'callback'::regclass)
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by 1`,
  );
  await phase(`drop ${indexes.length} secondary indexes of ticket and callback`, async () => {
    for (const ix of indexes) await c.query(`drop index ${ix.name}`);
  });

  const counts = monthCounts(total);
  const now = NOW.toISOString();
  await c.query(`set session_replication_role = replica`); // no triggers, no foreign-key checks: this session only
  await phase(`tickets and callbacks (${MONTHS} months)`, async () => {
    let from = 1;
    for (let m = 0; m < MONTHS; m++) {
      const t0 = performance.now();
      const to = from + counts[m]! - 1;
      const [y, mo] = monthKey(m).split('-').map(Number) as [number, number];
      const start = new Date(Date.UTC(y, mo - 1, 1) - 8 * 3600_000).toISOString();
      const end = new Date(Date.UTC(y, mo, 1) - 8 * 3600_000).toISOString();
      // The arrays as parameters: constants of the plan, read per row without detoasting.
      await c.query(ticketSql, [from, to, start, end, now, unit0, slots, streetIds]);
      const t1 = performance.now();
      const cb = await c.query(callbackSql, [from, to, now]);
      log(`    ${monthKey(m)}: ${counts[m]} tickets ${secs(t0)} s (callbacks ${cb.rowCount} ${secs(t1)} s), ${to}/${total}`);
      from = to + 1;
    }
  });
  await c.query(`set session_replication_role = origin`);
  await c.query(`select setval(pg_get_serial_sequence('ticket', 'id'), (select max(id) from ticket))`);
  await c.query(`select setval(pg_get_serial_sequence('callback', 'id'), (select max(id) from callback))`);

  for (const ix of indexes) await phase(`index ${ix.name}`, () => c.query(ix.def));

  // The stored counts: 0019's own statement over the tickets, a month of them at a time; kpi_daily_count's insert and
  // update triggers (enabled: this session is back to origin) keep kpi_monthly_count as they always do.
  const cols = 'id, unit_id, repeat_of_id, received_at, closed_at, completion_due, first_contact_at, first_contact_due, resolution, fact_finding, unfounded_accepted';
  await phase('kpi_daily_count and kpi_monthly_count (kpi_daily_sql, by month)', async () => {
    let from = 1;
    for (let m = 0; m < MONTHS; m++) {
      const to = from + counts[m]! - 1;
      const stmt = (await c.query(`select kpi_daily_sql($1) as s`, [`(select 1 as sign, ${cols} from ticket where id between ${from} and ${to})`])).rows[0].s as string;
      await c.query(stmt);
      from = to + 1;
    }
  });
  await phase('vacuum analyze', () => c.query(`vacuum analyze ticket, callback, kpi_daily_count, kpi_monthly_count, unit, street, district`));
  return phases;
}

/** The machine's load average (1, 5, 15 min): every figure is printed with it. */
export const loadavg = () => {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
};

// One month of tickets, ids $1…$2 received in [$3, $4). Closed unless still recent at $5 (0.5 % never are); 5 %
// repeat children of an earlier ticket of the month; 3 % without a first contact. Every text column the list and the
// reports show is filled, so rows are as wide as real ones (~0.5 kB).
const ticketSql = `
  insert into ticket (id, number, street_id, unit_id, category, channel, urgent, topic, content, citizen_name, citizen_phone,
    address, committee_name, status, received_at, dispatched_at, accepted_at, first_contact_at, submitted_at, closed_at,
    first_contact_due, completion_due, fact_finding, unfounded_accepted, resolution, reply_text, repeat_of_id, created_at, updated_at)
  select g.i, 'C' || lpad(g.i::text, 9, '0'), ($8::int[])[g.s + 1], $6::int + g.s * ${UNITS} + g.k,
    (array['COMPLAINT','COMPLAINT','COMPLAINT','HELP','CONSULT','SUGGESTION','OTHER','PHOTO_REPORT'])[1 + g.i % 8],
    (array['HOTLINE','HOTLINE','HOTLINE','HOTLINE','WEB','APP','PHOTO','GRID'])[1 + (g.i / 8) % 8],
    g.i % 37 = 0, g.topic,
    '市民来电反映' || g.addr || '附近' || g.topic || '问题，已持续多日，希望有关部门尽快处理并答复。',
    '市民' || (g.i % 997), '139' || lpad(((g.i::bigint * 7919) % 100000000)::text, 8, '0'), g.addr,
    case when g.k >= 15 then '第' || (g.k - 14) || '居委' end,
    case when g.closed then 'CLOSED' else (array['RECEIVED','DISPATCHED','ACCEPTED','IN_PROGRESS','SUBMITTED'])[1 + g.i % 5] end,
    g.r, g.r + interval '10 minutes', g.r + interval '1 hour',
    case when g.x3 < 0.97 then g.r + g.x4 * interval '30 hours' end,
    case when g.closed then g.c - interval '2 hours' end, case when g.closed then g.c end,
    g.r + interval '1 day', g.r + g.due_days * interval '1 day',
    case when g.closed then case when g.x6 < 0.05 then 'UNFOUNDED' when g.x6 < 0.15 then 'PARTLY_TRUE' else 'TRUE' end end,
    g.closed and g.x6 < 0.04,
    case when g.closed then (array['ACTUALLY_RESOLVED','ACTUALLY_RESOLVED','ACTUALLY_RESOLVED','EXPLAINED','UNRESOLVED'])[1 + floor(g.x7 * 5)::int] end,
    case when g.closed then '已处理完毕并答复市民' end,
    case when g.i % 20 = 7 and g.i - 1000 > $1::int then g.i - 1 - ((g.i::bigint * 7919) % 1000)::int end,
    g.r, coalesce(g.c, g.r)
  from (
    select q.*, q.c < $5::timestamptz and q.x1 < 0.995 as closed
    from (
      select i, s, k, r, x1, x3, x4, x6, x7, due_days,
             r + (0.2 + 12 * power(x5, 1.5)) * interval '1 day' as c,
             (array['噪声扰民','物业维修','街面秩序','餐饮油烟','垃圾清运','违法搭建','道路开挖','道路积水','菜场','绿化','停车'])[1 + (i * 31) % 11] as topic,
             (array['浦建路','南泉路','东方路','塘桥新路','龙阳路','蓝村路','峨山路','浦东南路'])[1 + (i / 3) % 8] || (i % 400) || '号' as addr
      from (
        select i, ($7::int[])[1 + floor(random() * ${SLOTS})::int] as s, floor(${UNITS} * power(random(), 1.6))::int as k,
               $3::timestamptz + random() * ($4::timestamptz - $3::timestamptz) as r,
               random() as x1, random() as x3, random() as x4, random() as x5, random() as x6, random() as x7,
               (array[3, 5, 10, 10, 10, 15])[1 + i % 6] as due_days
        from generate_series($1::int, $2::int) i
      ) p
    ) q
  ) g`;

// 90 % of the closed tickets of the month get a callback a day after closing, 10 % a second one the day after.
const callbackSql = `
  insert into callback (ticket_id, called_at, result, caller, source)
  select t.id, t.closed_at + n * interval '1 day' + interval '3 hours',
         (array['SATISFIED','SATISFIED','SATISFIED','SATISFIED','BASICALLY_SATISFIED','BASICALLY_SATISFIED','NEUTRAL','UNSATISFIED','NOT_REACHED','REFUSED'])[1 + floor(random() * 10)::int],
         '回访员', 'IMPORT'
  from ticket t cross join generate_series(1, 2) n
  where t.id between $1::int and $2::int and t.closed_at is not null and ((n = 1 and t.id % 10 <> 0) or (n = 2 and t.id % 10 = 3))
    and t.closed_at + n * interval '1 day' + interval '3 hours' < $3::timestamptz`;
