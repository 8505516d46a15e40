// The GraphQL surface of rankings and indicators (contract.md "Rankings and indicators"): shapes, periods,
// explanations, authorization, and publishing a month as a frozen snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { addAward, addTicket, at, makeStreet, type Org } from './fixtures';
import { unitRanking } from '../../src/reports/ranking';
import { shanghaiDate } from '../../src/domain/time';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
type Client = Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let ops: Client;
let org: Org;
let other: Org;
const units = {} as Record<'A' | 'B' | 'R' | 'X', number>;

const KPIS = 'receivedCount closedCount firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate';
const UNIT_RANKING = `query($s: ID!, $m: String!) { unitRanking(streetId: $s, month: $m) {
  rank unit { id code } peerGroup kpis { ${KPIS} } baseScore bonus deduction total sampleTooSmall } }`;

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  ops = await api.signedIn('OPS');
  org = await makeStreet(db);
  other = await makeStreet(db, org.districtId);
  units.A = await org.unit('A');
  units.B = await org.unit('B');
  units.R = await org.unit('R', 'RESIDENTIAL');
  units.X = await other.unit('X');
  // June 2023: A closes 27 tickets, 4 of them late; B 6, all late and explained; R 2 (样本不足); X in the other street 5.
  for (let i = 0; i < 27; i++) {
    await addTicket(db, {
      streetId: org.streetId, unitId: units.A, receivedAt: at('2023-06-05 09:00'), firstContactAt: at('2023-06-05 10:00'),
      completionDue: at('2023-06-09 23:59:59'), closedAt: i < 4 ? at('2023-06-12 10:00') : at('2023-06-08 10:00'),
      resolution: i === 0 ? 'UNRESOLVED' : 'ACTUALLY_RESOLVED', callbacks: [{ calledAt: at('2023-06-13 10:00'), result: 'SATISFIED' }],
    });
  }
  for (const [unit, street, n] of [[units.B, org.streetId, 6], [units.R, org.streetId, 2], [units.X, other.streetId, 5]] as const) {
    for (let i = 0; i < n; i++) {
      await addTicket(db, {
        streetId: street, unitId: unit, receivedAt: at('2023-06-05 09:00'), firstContactAt: at('2023-06-05 10:00'),
        completionDue: at('2023-06-09 23:59:59'), closedAt: at('2023-06-30 23:59:59'), resolution: 'EXPLAINED',
      });
    }
  }
  await addAward(db, { unitId: units.B, month: '2023-06', status: 'SELECTED', points: 0.2 });
});
afterAll(() => db?.close());

describe('unitRanking and streetRanking', () => {
  it('returns every active unit in rank order, unranked last, as the report computes it', async () => {
    const r = await ops(UNIT_RANKING, { s: org.streetId, m: '2023-06' });
    expect(r.errors).toBeUndefined();
    const rows = r.data.unitRanking as any[];
    expect(rows.map((x) => [x.unit.code, x.rank, x.sampleTooSmall])).toEqual([
      ['A', 1, false],
      ['B', 2, false],
      ['R', null, true],
    ]);
    expect(rows[1]).toMatchObject({ peerGroup: 'DEPARTMENT', bonus: 0.2, deduction: 0, kpis: { onTimeRate: 0, actualResolvedShare: 0, satisfactionRate: null } });
    const direct = await unitRanking(db.db, { streetId: org.streetId, month: '2023-06' });
    expect(rows.map((x) => [x.total, x.baseScore, x.kpis])).toEqual(direct.rows.map((x) => [x.total, x.baseScore, x.kpis]));
  });

  it('ranks the streets of a district', async () => {
    const r = await ops(`query($d: ID!) { streetRanking(districtId: $d, month: "2023-06") { rank street { id } kpis { closedCount } baseScore total sampleTooSmall } }`, { d: org.districtId });
    expect(r.errors).toBeUndefined();
    expect(r.data.streetRanking.map((x: any) => [Number(x.street.id), x.kpis.closedCount, x.rank])).toEqual([
      [org.streetId, 35, 1],
      [other.streetId, 5, 2],
    ]);
  });

  it('refuses a malformed month with BAD_USER_INPUT and a field error', async () => {
    for (const m of ['2023-13', '2023-6', 'June', '2023-06-01', '']) {
      const r = await ops(UNIT_RANKING, { s: org.streetId, m });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.fieldErrors?.month).toBeTruthy();
    }
    const s = await ops(`{ streetRanking(districtId: "${org.districtId}", month: "2023/06") { rank } }`);
    expect(s.errors?.[0]?.extensions?.fieldErrors?.month).toBeTruthy();
  });

  it('answers NOT_FOUND for a street or district that does not exist', async () => {
    expect((await ops(UNIT_RANKING, { s: 999999, m: '2023-06' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await ops(UNIT_RANKING, { s: 'abc', m: '2023-06' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await ops('{ streetRanking(districtId: "999999", month: "2023-06") { rank } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('kpis, kpiTrend, kpiExplain', () => {
  const KPI_Q = `query($t: NodeType!, $id: ID!, $from: Date!, $to: Date!) { kpis(nodeType: $t, nodeId: $id, from: $from, to: $to) { ${KPIS} } }`;

  it('takes local dates with `to` inclusive: the period ends at the start of the next day', async () => {
    const onLastDay = await ops(KPI_Q, { t: 'UNIT', id: units.B, from: '2023-06-01', to: '2023-06-30' });
    expect(onLastDay.data.kpis.closedCount).toBe(6); // closed 2023-06-30 23:59:59
    const dayBefore = await ops(KPI_Q, { t: 'UNIT', id: units.B, from: '2023-06-01', to: '2023-06-29' });
    expect(dayBefore.data.kpis).toMatchObject({ closedCount: 0, firstContactRate: null });
    const street = await ops(KPI_Q, { t: 'STREET', id: org.streetId, from: '2023-06-01', to: '2023-06-30' });
    expect(street.data.kpis).toMatchObject({ receivedCount: 35, closedCount: 35 });
    const district = await ops(KPI_Q, { t: 'DISTRICT', id: org.districtId, from: '2023-06-01', to: '2023-06-30' });
    expect(district.data.kpis.closedCount).toBe(40);
    const reversed = await ops(KPI_Q, { t: 'UNIT', id: units.B, from: '2023-06-30', to: '2023-06-01' });
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives twelve months of a year for dashboards', async () => {
    const r = await ops(`{ kpiTrend(nodeType: UNIT, nodeId: "${units.A}", year: 2023) { month kpis { closedCount onTimeRate } baseScore } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.kpiTrend).toHaveLength(12);
    expect(r.data.kpiTrend[5]).toMatchObject({ month: '2023-06', kpis: { closedCount: 27, onTimeRate: 23 / 27 } });
    expect(r.data.kpiTrend[0]).toMatchObject({ month: '2023-01', kpis: { closedCount: 0, onTimeRate: null }, baseScore: null });
    expect((await ops(`{ kpiTrend(nodeType: UNIT, nodeId: "${units.A}", year: 1800) { month } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('explains an indicator ticket by ticket: 27 due, 4 late', async () => {
    const q = `query($m: Boolean) { kpiExplain(nodeType: UNIT, nodeId: "${units.A}", from: "2023-06-01", to: "2023-06-30", indicator: ON_TIME, onlyMisses: $m) {
      indicator numerator denominator rate target truncated items { inNumerator score reason ticket { id number closedAt completionDue } } } }`;
    const all = await ops(q);
    expect(all.errors).toBeUndefined();
    const e = all.data.kpiExplain;
    expect(e).toMatchObject({ indicator: 'ON_TIME', numerator: 23, denominator: 27, rate: 23 / 27, target: 1, truncated: false });
    expect(e.items).toHaveLength(27);
    expect(e.items.filter((i: any) => !i.inNumerator)).toHaveLength(4);
    expect(e.items.find((i: any) => !i.inNumerator).reason).toBe('逾期办结');
    const misses = await ops(q, { m: true });
    expect(misses.data.kpiExplain.items).toHaveLength(4);
    const res = await ops(`{ kpiExplain(nodeType: UNIT, nodeId: "${units.A}", from: "2023-06-01", to: "2023-06-30", indicator: RESOLUTION) { numerator denominator target items { inNumerator } } }`);
    expect(res.data.kpiExplain).toMatchObject({ numerator: 26, denominator: 27, target: 0.97 });
  });
});

describe('gapToTarget', () => {
  it('lists, for the running month, how far each indicator is from its target and which open tickets decide it', async () => {
    const now = new Date();
    const month = shanghaiDate(now).slice(0, 7);
    const unitId = await other.unit('GAP');
    const open = await addTicket(db, { streetId: other.streetId, unitId, receivedAt: new Date(now.getTime() - 60_000) });
    const r = await ops(`query($u: ID!, $m: String!) { gapToTarget(unitId: $u, month: $m) {
      unit { code } month inCampaign campaignFrom campaignTo
      indicators { indicator target rate numerator denominator met needed reachable decidingTickets { id } } } }`, { u: unitId, m: month });
    expect(r.errors).toBeUndefined();
    const g = r.data.gapToTarget;
    expect(g).toMatchObject({ unit: { code: 'GAP' }, month, campaignFrom: '2023-09-01', campaignTo: '2023-12-09' });
    expect(g.indicators.map((i: any) => i.indicator)).toEqual(['FIRST_CONTACT', 'ON_TIME', 'RESOLUTION', 'ACTUAL_RESOLVED_SHARE', 'SATISFACTION']);
    const resolution = g.indicators.find((i: any) => i.indicator === 'RESOLUTION');
    expect(resolution).toMatchObject({ target: 0.97, rate: null, denominator: 0, met: false, needed: 1, reachable: true });
    expect(resolution.decidingTickets).toEqual([{ id: String(open) }]);
  });
});

describe('authorization', () => {
  it('refuses callers who are not signed in', async () => {
    const r = await api.as(null)(UNIT_RANKING, { s: org.streetId, m: '2023-06' });
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets every staff role and API_READER read', async () => {
    for (const role of ['ADMIN', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'API_READER'] as const) {
      const c = await api.signedIn(role);
      const r = await c(UNIT_RANKING, { s: org.streetId, m: '2023-06' });
      expect(r.errors).toBeUndefined();
      expect(r.data.unitRanking).toHaveLength(3);
    }
  });

  it('shows a unit handler its own unit only: others are NOT_FOUND, rankings carry its row alone', async () => {
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: units.A });
    const own = await handler(UNIT_RANKING, { s: org.streetId, m: '2023-06' });
    expect(own.errors).toBeUndefined();
    expect(own.data.unitRanking.map((x: any) => [x.unit.code, x.rank])).toEqual([['A', 1]]);
    const q = (t: string, id: number) => handler(`{ kpis(nodeType: ${t}, nodeId: "${id}", from: "2023-06-01", to: "2023-06-30") { closedCount } }`);
    expect((await q('UNIT', units.A)).data.kpis.closedCount).toBe(27);
    for (const [t, id] of [['UNIT', units.B], ['STREET', org.streetId], ['DISTRICT', org.districtId]] as const) {
      expect((await q(t, id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await handler(UNIT_RANKING, { s: other.streetId, m: '2023-06' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await handler(`{ streetRanking(districtId: "${org.districtId}", month: "2023-06") { rank } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const explainOther = await handler(`{ kpiExplain(nodeType: UNIT, nodeId: "${units.B}", from: "2023-06-01", to: "2023-06-30", indicator: CLOSED) { denominator } }`);
    expect(explainOther.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await handler(`{ gapToTarget(unitId: "${units.B}", month: "2023-06") { month } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const explainOwn = await handler(`{ kpiExplain(nodeType: UNIT, nodeId: "${units.A}", from: "2023-06-01", to: "2023-06-30", indicator: CLOSED) { denominator } }`);
    expect(explainOwn.data.kpiExplain.denominator).toBe(27);
  });
});

describe('publishing a month (frozen snapshot)', () => {
  const PUBLISH = `mutation($s: ID!, $m: String!, $r: Boolean) { publishUnitRanking(streetId: $s, month: $m, replace: $r) { published publishedAt schemeId differences { field } } }`;
  const STATUS = `query($s: ID!, $m: String!) { rankingStatus(streetId: $s, month: $m) { published publishedAt differences { unitId unit { code } field snapshot current } } }`;

  it('only OPS, LEADER and ADMIN publish, and only a month that has ended', async () => {
    for (const role of ['PARTY_OFFICE', 'DISCIPLINE', 'API_READER'] as const) {
      const r = await (await api.signedIn(role))(PUBLISH, { s: org.streetId, m: '2023-06' });
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: units.A });
    expect((await handler(PUBLISH, { s: org.streetId, m: '2023-06' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const current = shanghaiDate(new Date()).slice(0, 7);
    const r = await ops(PUBLISH, { s: org.streetId, m: current });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.fieldErrors?.month).toBeTruthy();
  });

  it('freezes the table: later edits show as differences, never as a silent change', async () => {
    expect((await ops(STATUS, { s: org.streetId, m: '2023-06' })).data.rankingStatus).toEqual({ published: false, publishedAt: null, differences: [] });
    const before = (await ops(UNIT_RANKING, { s: org.streetId, m: '2023-06' })).data.unitRanking;
    const pub = await ops(PUBLISH, { s: org.streetId, m: '2023-06' });
    expect(pub.errors).toBeUndefined();
    expect(pub.data.publishUnitRanking).toMatchObject({ published: true, differences: [] });
    const audit = await db.db.selectFrom('auditLog').selectAll().where('operation', '=', 'publishUnitRanking').execute();
    expect(audit).toHaveLength(1);

    // A late correction to June: R gets three more closures and reaches the minimum sample.
    for (let i = 0; i < 3; i++) {
      await addTicket(db, { streetId: org.streetId, unitId: units.R, receivedAt: at('2023-06-20 09:00'), firstContactAt: at('2023-06-20 10:00'), closedAt: at('2023-06-21 10:00'), resolution: 'ACTUALLY_RESOLVED' });
    }
    expect((await ops(UNIT_RANKING, { s: org.streetId, m: '2023-06' })).data.unitRanking).toEqual(before);
    const status = (await ops(STATUS, { s: org.streetId, m: '2023-06' })).data.rankingStatus;
    expect(status.published).toBe(true);
    const diffs = status.differences.filter((d: any) => d.unit.code === 'R');
    expect(diffs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'rank', snapshot: null, current: 1 }),
        expect.objectContaining({ field: 'sampleTooSmall', snapshot: true, current: false }),
        expect.objectContaining({ field: 'kpis.closedCount', snapshot: 2, current: 5 }),
      ]),
    );

    const again = await ops(PUBLISH, { s: org.streetId, m: '2023-06' });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const replaced = await ops(PUBLISH, { s: org.streetId, m: '2023-06', r: true });
    expect(replaced.errors).toBeUndefined();
    expect((await ops(STATUS, { s: org.streetId, m: '2023-06' })).data.rankingStatus.differences).toEqual([]);
    const after = (await ops(UNIT_RANKING, { s: org.streetId, m: '2023-06' })).data.unitRanking;
    expect(after.find((x: any) => x.unit.code === 'R')).toMatchObject({ rank: 1, sampleTooSmall: false });
  });

  it('freezes the scoring scheme a published month used: new rules are a new scheme', async () => {
    const admin = await api.signedIn('ADMIN');
    const scheme = (await admin('{ allScoringSchemes(filter: { active: true }) { id version } }')).data.allScoringSchemes[0];
    const edit = await admin('mutation($id: ID!, $v: Int) { updateScoringScheme(id: $id, version: $v, wSatisfaction: 40) { id } }', { id: scheme.id, v: scheme.version });
    expect(edit.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fresh = await admin('mutation { createScoringScheme(name: "2024 方案", wSatisfaction: 40, active: true) { id active } }');
    expect(fresh.data.createScoringScheme.active).toBe(true);
    const old = await admin('query($id: ID!) { ScoringScheme(id: $id) { active wSatisfaction } }', { id: scheme.id });
    expect(old.data.ScoringScheme).toEqual({ active: false, wSatisfaction: 30 });
  });
});
