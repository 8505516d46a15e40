// 每日预警汇总 (domain.md §5, issue #14 item 4): written at 08:30 on working days, once; each level reads its
// own lists — a unit head its unit's, a 分管领导 its units', the 主要领导 RED and special-study items. A unit head
// reads its own unit's warnings and no other unit's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, runJob } from '../../src/jobs';
import { digestRecipients, type DigestItem } from '../../src/repos/digest';
import { expectCode, expectOk, setupFixture, ticketIn, type Fixture } from '../workflow/setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const item = (over: Partial<DigestItem>): DigestItem => ({ kind: 'REPEAT', id: 1, level: 'YELLOW', date: '2024-03-04', count: 5, unitIds: [1], title: 't', ticketId: null, ticketNumber: null, specialStudy: false, ...over });

describe('who gets which item (pure)', () => {
  it('unit heads their unit’s, deputies their units’, the main leader RED and special study', () => {
    const units = [{ id: 1, deputyLeader: '李' }, { id: 2, deputyLeader: '李' }, { id: 3, deputyLeader: '陈' }];
    const yellow = item({ id: 1, unitIds: [1] });
    const red = item({ id: 2, level: 'RED', unitIds: [3] });
    const study = item({ id: 3, unitIds: [2], specialStudy: true });
    const hot = item({ kind: 'HOTSPOT', id: 4, level: 'HOTSPOT', unitIds: [1, 3] });
    const rows = digestRecipients([yellow, red, study, hot], units);
    const of = (a: string, r: string) => rows.find((x) => x.audience === a && x.recipient === r)?.items.map((i) => `${i.kind}${i.id}`);
    expect(of('UNIT', '1')).toEqual(['REPEAT1', 'HOTSPOT4']);
    expect(of('UNIT', '2')).toEqual(['REPEAT3']);
    expect(of('DEPUTY', '李')).toEqual(['REPEAT1', 'REPEAT3', 'HOTSPOT4']);
    expect(of('DEPUTY', '陈')).toEqual(['REPEAT2', 'HOTSPOT4']);
    expect(of('MAIN', 'MAIN')).toEqual(['REPEAT2', 'REPEAT3']);
  });
});

describe('the digest job and the lists each level reads', () => {
  it('runs once on a working day, skips a weekend, and scopes every reader', async () => {
    const yellowT = await ticketIn(f, 'IN_PROGRESS');
    const redT = await ticketIn(f, 'IN_PROGRESS', { unitId: f.unitC });
    const k = f.db.db;
    const yellow = await k.insertInto('warning').values({ streetId: f.streetId, masterTicketId: yellowT.id, unitId: f.unitA, date: '2024-03-04', level: 'YELLOW', count: 6 }).returning('id').executeTakeFirstOrThrow();
    const red = await k.insertInto('warning').values({ streetId: f.streetId, masterTicketId: redT.id, unitId: f.unitC, date: '2024-03-04', level: 'RED', count: 11 }).returning('id').executeTakeFirstOrThrow();
    const job = JOBS.find((j) => j.name === 'warning-digest')!;
    expect(job.at).toBe('08:30');
    const now = new Date('2024-03-05T08:30:00+08:00');
    expect(await runJob(f.db, job, '2024-03-05', now)).toMatchObject({ status: 'ran', result: { recipients: 5, items: 5 } });
    expect((await runJob(f.db, job, '2024-03-05', now)).status).toBe('done-already');
    expect(await runJob(f.db, job, '2024-03-09', now)).toMatchObject({ status: 'ran', result: { skipped: 1 } }); // a Saturday
    expect(await k.selectFrom('warningDigest').select('id').where('day', '=', '2024-03-09').execute()).toEqual([]);

    const Q = '{ warningDigest(day: "2024-03-05") { audience recipient items { kind id level } } }';
    const lists = async (c: any) => {
      const r = await c(Q);
      expectOk(r);
      return r.data.warningDigest.map((l: any) => [l.audience, l.recipient, l.items.map((i: any) => `${i.level}${i.id}`)]);
    };
    expect(await lists(f.as.HANDLER_A)).toEqual([['UNIT', '城管中队', [`YELLOW${yellow.id}`]]]);
    expect(await lists(f.as.HANDLER_B)).toEqual([]);
    expect(await lists(f.as.LEADER2)).toEqual([['MAIN', '主要领导', [`RED${red.id}`]]]);
    expect(await lists(f.as.LEADER)).toEqual([['DEPUTY', '李副主任', [`YELLOW${yellow.id}`]], ['DEPUTY', '陈副主任', [`RED${red.id}`]]]);
    expect((await lists(f.as.OPS)).length).toBe(5);
    expectCode(await f.as.DISCIPLINE(Q), 'FORBIDDEN');

    // The unit head reads its own unit's warnings (no longer 「没有「查看预警」的权限」), and only those.
    const W = 'query($s: ID!) { warnings(streetId: $s, from: "2024-03-01", to: "2024-03-31") { id unit { id } } }';
    const mine = await f.as.HANDLER_A(W, { s: String(f.streetId) });
    expectOk(mine);
    expect(mine.data.warnings.map((w: any) => w.id)).toEqual([String(yellow.id)]);
    const none = await f.as.HANDLER_B('{ allWarnings { id } }');
    expectOk(none);
    expect(none.data.allWarnings).toEqual([]);
    expectCode(await f.as.HANDLER_B('query($id: ID!) { Warning(id: $id) { id } }', { id: String(red.id) }), 'NOT_FOUND');
  });
});
