// 我的待办's 今日预警摘要 section (issue #14 leftovers): a 苗头 item reads 「苗头 · 主题 · 地点」 (not 「苗头 · 苗头 · …」),
// a repeat warning gets its colour; OPS and ADMIN, who read every recipient's list, see each warning once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { writeStreetDigest } from '../../src/repos/digest';
import { shanghaiDate } from '../../src/domain/time';
import { expectOk, setupFixture, ticketIn, type Fixture } from '../workflow/setup';

let f: Fixture;
let ids: { yellow: number; red: number; hot: number; bare: number };
beforeAll(async () => {
  f = await setupFixture();
  const k = f.db.db;
  const yellowT = await ticketIn(f, 'IN_PROGRESS', { topic: '噪声扰民' });
  const redT = await ticketIn(f, 'IN_PROGRESS', { unitId: f.unitC, topic: '占道经营' });
  const day = shanghaiDate(new Date());
  const w = (masterTicketId: number, unitId: number, level: string, count: number) =>
    k.insertInto('warning').values({ streetId: f.streetId, masterTicketId, unitId, date: day, level, count }).returning('id').executeTakeFirstOrThrow();
  const h = (topic: string, place: { road: string } | { committeeName: string }, unitIds: number[]) =>
    k.insertInto('hotspotWarning')
      .values({ streetId: f.streetId, topic, road: null, committeeName: null, ...place, unitIds, baseline: 1, peakCount: 6, peakOn: day, openedOn: day, lastDay: day })
      .returning('id').executeTakeFirstOrThrow();
  ids = {
    yellow: (await w(yellowT.id, f.unitA, 'YELLOW', 6)).id,
    red: (await w(redT.id, f.unitC, 'RED', 11)).id,
    // Two units with different 分管领导: this 苗头 is on both units' lists and both deputies' lists.
    hot: (await h('占道经营', { road: '东方路' }, [f.unitA, f.unitC])).id,
    bare: (await h('噪声扰民', { committeeName: '塘桥居委' }, [f.unitB])).id,
  };
  await f.db.db.transaction().execute((trx) => writeStreetDigest(trx, f.streetId, day));
  // The same warning on five lists (two units, two deputies, the main leader's for the red one).
  const { n } = (await sql<{ n: number }>`select count(*)::int as n from warning_digest`.execute(k)).rows[0]!;
  expect(n).toBeGreaterThanOrEqual(5);
});
afterAll(() => f?.db.close());

const digestOf = async (c: any) => {
  const r = await c('{ myWork { key count items { resource id title } } }');
  expectOk(r);
  return r.data.myWork.find((s: any) => s.key === 'warningDigest') as { count: number; items: Array<{ resource: string; id: string; title: string }> };
};

describe('我的待办 · 今日预警摘要', () => {
  it('titles a 苗头 once and a repeat warning by its colour', async () => {
    const titles = (await digestOf(f.as.HANDLER_A)).items.map((i) => i.title).sort();
    expect(titles).toEqual(['苗头 · 占道经营 · 东方路 · 6 件', '黄色 · 重复件 · 噪声扰民 · 6 件'].sort());
    expect((await digestOf(f.as.HANDLER_B)).items.map((i) => i.title)).toEqual(['苗头 · 噪声扰民 · 塘桥居委 · 6 件']);
    for (const c of [f.as.OPS, f.as.LEADER, f.as.LEADER2, f.as.HANDLER_A]) {
      for (const i of (await digestOf(c)).items) expect(i.title).not.toMatch(/苗头 · 苗头|· ·|· $/);
    }
    expect((await digestOf(f.as.LEADER2)).items.map((i) => i.title)).toEqual(['红色 · 重复件 · 占道经营 · 11 件']);
  });

  it('lists each warning once for OPS and ADMIN, who read every recipient list', async () => {
    for (const c of [f.as.OPS, f.as.ADMIN]) {
      const d = await digestOf(c);
      const keys = d.items.map((i) => `${i.resource}${i.id}`);
      expect(keys.sort()).toEqual([`Warning${ids.yellow}`, `Warning${ids.red}`, `HotspotWarning${ids.hot}`, `HotspotWarning${ids.bare}`].sort());
      expect(d.count).toBe(4);
    }
    // A 分管领导 reads the deputy lists; the 苗头 on two deputies' lists shows once there too.
    const leader = (await digestOf(f.as.LEADER)).items.map((i) => `${i.resource}${i.id}`);
    expect(leader.length).toBe(new Set(leader).size);
  });
});
