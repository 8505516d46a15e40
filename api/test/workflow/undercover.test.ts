// 暗访 of UNFOUNDED tickets (domain.md §5): the monthly sample (reproducible from its stored seed, 15% by default,
// redrawn only before any visit is recorded), the recording of a visit (an overturned finding writes exactly one
// negative record and, when asked, one 纪检 referral), refusals that write nothing, roles, and the monthly job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { drawSample } from '../../src/domain/undercover-sample';
import { JOBS, runJob } from '../../src/jobs';
import { at, expectCode, expectOk, setupFixture, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const DRAW = `mutation($s: ID!, $m: String!, $share: Float, $seed: Int, $redraw: Boolean) {
  drawUndercoverSample(streetId: $s, month: $m, share: $share, seed: $seed, redraw: $redraw) {
    streetId month seed share population size recordedCount overturnedCount street { name }
    visits { id version ticketId month visitedAt overturned negativeRecordId disciplineReferralId ticket { number unit { name } } }
  } }`;
const SAMPLE = `query($s: ID!, $m: String!) { undercoverSample(streetId: $s, month: $m) { seed share population size visits { id ticketId } } }`;
const RECORD = `mutation($id: ID!, $v: Int!, $d: Date!, $f: String!, $o: Boolean!, $item: ID, $p: Float, $refer: Boolean, $c: Conduct) {
  recordUndercoverVisit(id: $id, version: $v, visitedAt: $d, finding: $f, overturned: $o, negativeItemId: $item, points: $p, referToDiscipline: $refer, conduct: $c) {
    id version visitedAt finding overturned recordedBy negativeRecordId disciplineReferralId
    negativeRecord { unitId itemId ticketId date points } disciplineReferral { unitId conduct ticketIds visitIds referredBy }
  } }`;

const count = async (table: string, where = 'true') =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(f.db.db)).rows[0]!.n);

/** A closed ticket whose 不属实 finding was accepted, closed at `closedAt`. */
function unfounded(closedAt: string, over: Record<string, unknown> = {}) {
  const c = at(closedAt);
  return ticketIn(f, 'CLOSED', { receivedAt: new Date(c.getTime() - 3 * 86_400_000), submittedAt: c, closedAt: c, factFinding: 'UNFOUNDED', unfoundedAccepted: true, resolution: 'EXPLAINED', ...over });
}

/** `n` tickets of the population closed in the month (alternating units A and B). */
async function population(month: string, n: number) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await unfounded(`${month}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`, { unitId: i % 2 ? f.unitB : f.unitA })).id);
  return out;
}

async function drawn(month: string, seed = 20230701) {
  const r = await f.as.OPS(DRAW, { s: f.streetId, m: month, seed });
  expectOk(r);
  return r.data.drawUndercoverSample;
}

describe('the monthly sample', () => {
  it('draws 15% of the street’s accepted 不属实 tickets closed in the Shanghai month, reproducibly from the seed', async () => {
    const ids = await population('2023-07', 20);
    // Not in July's population: not accepted, 属实, a repeat child, closed just outside the month, another street.
    await unfounded('2023-07-10T10:00:00+08:00', { unfoundedAccepted: false });
    await unfounded('2023-07-10T10:00:00+08:00', { factFinding: 'TRUE', unfoundedAccepted: false });
    await unfounded('2023-07-11T10:00:00+08:00', { repeatOfId: ids[0] });
    await unfounded('2023-06-30T23:59:59+08:00');
    await unfounded('2023-08-01T00:00:00+08:00');
    await unfounded('2023-07-12T10:00:00+08:00', { streetId: f.otherStreetId, unitId: f.unitX });
    const audits = await count('audit_log');

    const s = await drawn('2023-07', 777);
    expect(s).toMatchObject({ month: '2023-07', seed: 777, share: 0.15, population: 20, size: 3, recordedCount: 0, street: { name: '塘桥街道' } });
    expect(s.visits.map((v: any) => Number(v.ticketId))).toEqual(drawSample(ids, 777, 0.15));
    expect(s.visits[0].ticket.unit.name).toMatch(/城管中队|房管办事处/);
    expect(await count('audit_log')).toBe(audits + 1);

    // Drawing again returns the stored sample; so does the query.
    const again = await drawn('2023-07', 999);
    expect(again.seed).toBe(777);
    expect(again.visits.map((v: any) => v.id)).toEqual(s.visits.map((v: any) => v.id));
    const q = await f.as.LEADER(SAMPLE, { s: f.streetId, m: '2023-07' });
    expect(q.data.undercoverSample.visits.map((v: any) => v.ticketId)).toEqual(s.visits.map((v: any) => v.ticketId));
    expect(await count('undercover_visit', `month = '2023-07'`)).toBe(3);

    // Redrawn with the same seed, the same tickets come out; with another share, ceil(share × n).
    const same = await f.as.OPS(DRAW, { s: f.streetId, m: '2023-07', seed: 777, redraw: true });
    expect(same.data.drawUndercoverSample.visits.map((v: any) => v.ticketId)).toEqual(s.visits.map((v: any) => v.ticketId));
    const half = await f.as.OPS(DRAW, { s: f.streetId, m: '2023-07', seed: 777, share: 0.5, redraw: true });
    expect(half.data.drawUndercoverSample).toMatchObject({ size: 10, share: 0.5 });
    expect(half.data.drawUndercoverSample.visits).toHaveLength(10);
    expect(await count('undercover_visit', `month = '2023-07'`)).toBe(10);
  });

  it('stores a random seed when none is given, and an empty month gives an empty sample', async () => {
    const r = await f.as.OPS(DRAW, { s: f.streetId, m: '2022-02' });
    expectOk(r);
    expect(r.data.drawUndercoverSample).toMatchObject({ population: 0, size: 0, visits: [] });
    expect(r.data.drawUndercoverSample.seed).toBeGreaterThan(0);
    const stored = await f.db.db.selectFrom('undercoverSample').select('seed').where('month', '=', '2022-02').executeTakeFirstOrThrow();
    expect(stored.seed).toBe(r.data.drawUndercoverSample.seed);
  });

  it('refuses bad input with a Chinese error naming the field, writing nothing', async () => {
    const audits = await count('audit_log');
    const samples = await count('undercover_sample');
    for (const [vars, field] of [
      [{ m: '2023-13' }, 'month'],
      [{ m: '2099-01' }, 'month'],
      [{ m: '2023-05', share: 1.5 }, 'share'],
      [{ m: '2023-05', share: 0 }, 'share'],
    ] as const) {
      const r = await f.as.OPS(DRAW, { s: f.streetId, ...vars });
      expectCode(r, 'BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.fieldErrors![field]).toMatch(/[\u4e00-\u9fa5]/);
    }
    expectCode(await f.as.OPS(DRAW, { s: '999999', m: '2023-05' }), 'NOT_FOUND');
    expect(await count('audit_log')).toBe(audits);
    expect(await count('undercover_sample')).toBe(samples);
  });

  it('refuses a redraw once a visit is recorded, and keeps the sample', async () => {
    await population('2023-04', 10);
    const s = await drawn('2023-04');
    const v = s.visits[0];
    expectOk(await f.as.OPS(RECORD, { id: v.id, v: v.version, d: '2023-05-10', f: '现场核实，确不属实', o: false }));
    const before = await f.db.db.selectFrom('undercoverSample').selectAll().where('streetId', '=', f.streetId).where('month', '=', '2023-04').executeTakeFirstOrThrow();
    const r = await f.as.OPS(DRAW, { s: f.streetId, m: '2023-04', seed: 1, redraw: true });
    expectCode(r, 'BAD_USER_INPUT');
    expect(r.errors![0]!.message).toContain('已有 1 条暗访结果');
    const after = await f.db.db.selectFrom('undercoverSample').selectAll().where('streetId', '=', f.streetId).where('month', '=', '2023-04').executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(await count('undercover_visit', `month = '2023-04'`)).toBe(2);
  });
});

describe('reading a sample', () => {
  it('loads its tickets, units and records in a fixed number of queries, whatever its size (no N+1)', async () => {
    const READ = `query($s: ID!, $m: String!) { undercoverSample(streetId: $s, month: $m) { size street { name }
      visits { id ticket { number closedAt unit { name } } negativeRecord { points item { code } } disciplineReferral { conduct } } } }`;
    const cost = async (month: string) => {
      f.db.queries.reset();
      const r = await f.as.OPS(READ, { s: f.streetId, m: month });
      expectOk(r);
      return { visits: r.data.undercoverSample.visits.length, queries: f.db.queries.count };
    };
    const small = await cost('2023-04');
    const large = await cost('2023-07');
    expect([small.visits, large.visits]).toEqual([2, 10]);
    expect(large.queries).toBe(small.queries);
  });
});

describe('recording a visit', () => {
  let visits: any[];
  beforeAll(async () => {
    await population('2023-03', 30);
    visits = (await drawn('2023-03')).visits;
    expect(visits).toHaveLength(5);
  });
  const version = async (id: string) => (await f.db.db.selectFrom('undercoverVisit').select('version').where('id', '=', Number(id)).executeTakeFirstOrThrow()).version;
  const nl = async (code: string) => (await f.db.db.selectFrom('negativeItem').select(['id', 'points']).where('code', '=', code).executeTakeFirstOrThrow());

  it('an overturned finding writes exactly one negative record (default item, its points) against the ticket’s unit', async () => {
    const v = visits[0];
    const item = await nl('NL08');
    const unitId = (await f.db.db.selectFrom('ticket').select('unitId').where('id', '=', Number(v.ticketId)).executeTakeFirstOrThrow()).unitId;
    const audits = await count('audit_log');
    const r = await f.as.OPS(RECORD, { id: v.id, v: v.version, d: '2023-04-12', f: '暗访发现问题仍存在，原不属实认定不成立', o: true });
    expectOk(r);
    const visit = r.data.recordUndercoverVisit;
    expect(visit).toMatchObject({ overturned: true, visitedAt: '2023-04-12', disciplineReferralId: null, disciplineReferral: null });
    expect(visit.negativeRecord).toEqual({ unitId: String(unitId), itemId: String(item.id), ticketId: v.ticketId, date: '2023-04-12', points: 1.5 });
    expect(await count('negative_record', `ticket_id = ${v.ticketId}`)).toBe(1);
    expect(await count('audit_log')).toBe(audits + 1);
    const events = await f.db.db.selectFrom('ticketEvent').select(['kind', 'note']).where('ticketId', '=', Number(v.ticketId)).where('kind', '=', 'UNDERCOVER_VISIT').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.note).toContain('NL08');

    // Recorded again, now referred to 纪检: no second negative record, one referral linking ticket and visit.
    const again = await f.as.DISCIPLINE(RECORD, { id: v.id, v: visit.version, d: '2023-04-12', f: '复核：原认定不成立', o: true, refer: true });
    expectOk(again);
    expect(again.data.recordUndercoverVisit.negativeRecordId).toBe(visit.negativeRecordId);
    expect(again.data.recordUndercoverVisit.disciplineReferral).toMatchObject({ unitId: String(unitId), conduct: 'FALSIFICATION', ticketIds: [v.ticketId], visitIds: [v.id] });
    const third = await f.as.OPS(RECORD, { id: v.id, v: again.data.recordUndercoverVisit.version, d: '2023-04-12', f: '复核：原认定不成立', o: true, refer: true, c: 'FALSIFICATION' });
    expectOk(third);
    expect(await count('negative_record', `ticket_id = ${v.ticketId}`)).toBe(1);
    expect(await count('discipline_referral', `${v.ticketId} = any(ticket_ids)`)).toBe(1);
  });

  it('takes a chosen item, points and conduct', async () => {
    const v = visits[1];
    const item = await nl('NL04');
    const r = await f.as.OPS(RECORD, { id: v.id, v: v.version, d: '2023-04-13', f: '未实际处置', o: true, item: String(item.id), p: 3, refer: true, c: 'SLOW_ACTION' });
    expectOk(r);
    expect(r.data.recordUndercoverVisit.negativeRecord).toMatchObject({ itemId: String(item.id), points: 3 });
    expect(r.data.recordUndercoverVisit.disciplineReferral).toMatchObject({ conduct: 'SLOW_ACTION' });
  });

  it('a finding that is not overturned writes no record', async () => {
    const v = visits[2];
    const r = await f.as.OPS(RECORD, { id: v.id, v: v.version, d: '2023-04-14', f: '确不属实', o: false });
    expectOk(r);
    expect(r.data.recordUndercoverVisit).toMatchObject({ overturned: false, negativeRecordId: null, disciplineReferralId: null });
    expect(await count('negative_record', `ticket_id = ${v.ticketId}`)).toBe(0);
    expect(await count('discipline_referral', `${v.ticketId} = any(ticket_ids)`)).toBe(0);
  });

  it('writes nothing on an unknown or inactive item, a stale version, bad input, or un-overturning', async () => {
    const v = visits[3];
    const snapshot = async () => ({
      negative: await count('negative_record'),
      referrals: await count('discipline_referral'),
      audits: await count('audit_log'),
      events: await count('ticket_event', `ticket_id = ${v.ticketId}`),
      visit: await f.db.db.selectFrom('undercoverVisit').selectAll().where('id', '=', Number(v.id)).executeTakeFirstOrThrow(),
    });
    const before = await snapshot();
    const base = { id: v.id, v: v.version, d: '2023-04-15', f: '原认定不成立', o: true };
    const unknown = await f.as.OPS(RECORD, { ...base, item: '999999' });
    expectCode(unknown, 'BAD_USER_INPUT');
    expect(unknown.errors![0]!.extensions!.fieldErrors!.negativeItemId).toBe('负面清单事项不存在');
    const inactive = await f.db.db.insertInto('negativeItem').values({ code: 'OLD1', title: '已停用事项', points: 1, active: false }).returning('id').executeTakeFirstOrThrow();
    expectCode(await f.as.OPS(RECORD, { ...base, item: String(inactive.id) }), 'BAD_USER_INPUT');
    expectCode(await f.as.OPS(RECORD, { ...base, v: v.version + 5 }), 'CONFLICT');
    expectCode(await f.as.OPS(RECORD, { ...base, d: '2099-01-01' }), 'BAD_USER_INPUT');
    const early = await f.as.OPS(RECORD, { ...base, d: '2023-02-28' });
    expectCode(early, 'BAD_USER_INPUT');
    expect(early.errors![0]!.extensions!.fieldErrors!.visitedAt).toMatch(/^不能早于办结日期 2023-03-/);
    expectCode(await f.as.OPS(RECORD, { ...base, f: '  ' }), 'BAD_USER_INPUT');
    expectCode(await f.as.OPS(RECORD, { ...base, p: 101 }), 'BAD_USER_INPUT');
    expectCode(await f.as.OPS(RECORD, { ...base, o: false, refer: true }), 'BAD_USER_INPUT');
    expectCode(await f.as.OPS(RECORD, { ...base, id: '999999' }), 'NOT_FOUND');
    expect(await snapshot()).toEqual(before);

    // Once recorded as overturned, it cannot silently become "not overturned".
    const ok = await f.as.OPS(RECORD, base);
    expectOk(ok);
    const after = await snapshot();
    const back = await f.as.OPS(RECORD, { ...base, v: ok.data.recordUndercoverVisit.version, o: false });
    expectCode(back, 'BAD_USER_INPUT');
    expect(await snapshot()).toEqual(after);
  });

  it('is refused to unit handlers and the party office; the generic register cannot bypass it', async () => {
    const v = visits[4];
    const vars = { id: v.id, v: await version(v.id), d: '2023-04-16', f: '原认定不成立', o: true };
    for (const who of ['HANDLER_A', 'PARTY_OFFICE', 'LEADER', 'API_READER'] as const) expectCode(await f.as[who](RECORD, vars), 'FORBIDDEN');
    for (const who of ['HANDLER_A', 'PARTY_OFFICE', 'DISCIPLINE', 'LEADER'] as const) expectCode(await f.as[who](DRAW, { s: f.streetId, m: '2023-03' }), 'FORBIDDEN');
    for (const who of ['HANDLER_A', 'PARTY_OFFICE'] as const) expectCode(await f.as[who](SAMPLE, { s: f.streetId, m: '2023-03' }), 'FORBIDDEN');
    expectCode(await f.as.OPS('mutation($id: ID!, $v: Int) { updateUndercoverVisit(id: $id, version: $v, overturned: true) { id } }', { id: v.id, v: vars.v }), 'FORBIDDEN');
    expectCode(await f.as.OPS('mutation($t: ID!) { createUndercoverVisit(ticketId: $t, month: "2023-03") { id } }', { t: v.ticketId }), 'FORBIDDEN');
    expect(await count('negative_record', `ticket_id = ${v.ticketId}`)).toBe(0);
    expectOk(await f.as.DISCIPLINE(RECORD, vars));
  });
});

describe('the monthly job', () => {
  const job = JOBS.find((j) => j.name === 'undercover-sample')!;

  it('on the 1st draws the month before for every street not drawn yet, once', async () => {
    const ids = await population('2023-09', 7);
    await unfounded('2023-09-05T10:00:00+08:00', { streetId: f.otherStreetId, unitId: f.unitX });
    const r = await runJob(f.db, job, '2023-10-01', new Date('2023-10-01T01:00:00+08:00'));
    expect(r.status === 'ran' && r.result).toEqual({ streets: 2, visits: 3 });
    const sample = await f.db.db.selectFrom('undercoverSample').selectAll().where('streetId', '=', f.streetId).where('month', '=', '2023-09').executeTakeFirstOrThrow();
    expect(sample).toMatchObject({ population: 7, drawnBy: null });
    const visits = await f.db.db.selectFrom('undercoverVisit').select('ticketId').where('streetId', '=', f.streetId).where('month', '=', '2023-09').orderBy('id').execute();
    // Reproducible from the stored seed.
    expect(visits.map((v) => v.ticketId)).toEqual(drawSample(ids, sample.seed, 0.15));
    expect((await runJob(f.db, job, '2023-10-01')).status).toBe('done-already');
    expect(await count('undercover_sample', `month = '2023-09'`)).toBe(2);
  });

  it('leaves a street drawn by hand as it is', async () => {
    await population('2023-11', 4);
    const byHand = await drawn('2023-11', 4242);
    const r = await runJob(f.db, job, '2023-12-01', new Date('2023-12-01T01:00:00+08:00'));
    expect(r.status === 'ran' && r.result).toEqual({ streets: 1, visits: 0 });
    const s = await f.db.db.selectFrom('undercoverSample').select('seed').where('streetId', '=', f.streetId).where('month', '=', '2023-11').executeTakeFirstOrThrow();
    expect(s.seed).toBe(4242);
    expect(byHand.visits).toHaveLength(1);
  });

  it('is due on the 1st of the month, caught up later in the month', async () => {
    const { dueDay } = await import('../../src/jobs');
    expect(dueDay(job, new Date('2023-10-01T00:59:00+08:00'))).toBe('2023-09-01');
    expect(dueDay(job, new Date('2023-10-01T01:00:00+08:00'))).toBe('2023-10-01');
    expect(dueDay(job, new Date('2023-10-17T09:00:00+08:00'))).toBe('2023-10-01');
  });
});
