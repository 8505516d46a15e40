// Before the season (domain.md §5): on the demo (塘桥 2023) June 2024's forecast names the summer topics 2023 made
// hot, and proactive tasks go to a unit's 我的待办 and are done with an outcome, street by street.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createUser } from '../../src/repos/auth';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const demoAvailable = fs.existsSync(path.join(root, 'seeds/demo.ts'));

type Client = Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
const FORECAST = `query($s: ID!, $m: String!) { seasonForecast(streetId: $s, month: $m) { topic committeeName unitId unit { name } lastYear yearBefore change keyPeriods handlingUnits { id } } }`;
const MYWORK = `{ myWork { key count items { resource id title } } }`;
const CREATE = `mutation($s: ID!, $u: ID!, $t: String!, $c: String, $d: Date!) { createProactiveTask(streetId: $s, unitId: $u, topic: $t, committeeName: $c, title: "夏季前排查油烟扰民", dueOn: $d) { id version status } }`;
const COMPLETE = `mutation($id: ID!, $v: Int!, $o: String) { completeProactiveTask(id: $id, version: $v, outcome: $o) { id status outcome doneAt } }`;

describe.skipIf(!demoAvailable)('before the season on the demo', () => {
  let db: TestDatabase;
  let api: ReturnType<typeof testApi>;
  let tq: number;
  let other: number;
  let tqOps: Client;
  let otherOps: Client;
  let rows: any[];
  const signIn = async (username: string, u: Parameters<typeof createUser>[1] extends infer P ? Omit<P & object, 'username' | 'password'> : never) => {
    await createUser(db.db, { username, password: 'password-123', ...(u as any) });
    return api.as(await api.login(username, 'password-123'));
  };

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    api = testApi(db);
    const streets = await db.db.selectFrom('street').select(['id', 'code']).orderBy('id').execute();
    tq = streets.find((s) => s.code === 'TQ')!.id;
    other = streets.find((s) => s.code !== 'TQ')!.id;
    tqOps = await signIn('season_tq_ops', { role: 'OPS', streetId: tq });
    otherOps = await signIn('season_other_ops', { role: 'OPS', streetId: other });
    const r = await tqOps(FORECAST, { s: tq, m: '2024-06' });
    expect(r.errors).toBeUndefined();
    rows = r.data.seasonForecast;
  }, 600_000);
  afterAll(() => db?.close());

  it('June 2024 lists the barbecue and the sewage/waterlogging topics 2023 made hot, near the top', () => {
    // Measured on the demo: 菜场 南泉路, 餐饮油烟 塘桥 (the barbecue shop), 雨污水工程 浦建路 and 南泉路, 道路积水 塘东.
    const top = rows.slice(0, 5).map((r) => r.topic);
    expect(top).toContain('餐饮油烟');
    expect(top.some((t) => t === '雨污水工程' || t === '道路积水')).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].lastYear).toBeGreaterThanOrEqual(rows[i].lastYear);
    for (const r of rows) expect(r.change).toBe(r.lastYear - r.yearBefore);
    const food = rows.find((r) => r.topic === '餐饮油烟')!;
    expect(food).toMatchObject({ committeeName: '塘桥居委', unit: { name: '塘桥居委' }, yearBefore: 0 });
    expect(food.lastYear).toBeGreaterThan(10);
    expect(food.unitId).not.toBeNull();
    expect(food.handlingUnits.length).toBeGreaterThan(0);
    // 台风季 (06-15–09-30) covers June for 道路积水; 夏令热线 (July–August) does not.
    const water = rows.find((r) => r.topic === '道路积水');
    if (water) expect(water.keyPeriods).toEqual(['台风季']);
  });

  it('flags 夏令热线 in July and refuses a bad month naming the field', async () => {
    const july = (await tqOps(FORECAST, { s: tq, m: '2024-07' })).data.seasonForecast as any[];
    expect(july.find((r) => r.topic === '噪声')?.keyPeriods).toContain('夏令热线');
    const bad = await tqOps(FORECAST, { s: tq, m: '2024-6' });
    expect(bad.errors?.[0]?.message).toContain('月份');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Another street's forecast is not there for a street account.
    expect((await otherOps(FORECAST, { s: tq, m: '2024-06' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the key periods are seeded district configuration a street account reads but cannot change', async () => {
    const r = await tqOps(`{ allKeyPeriods(perPage: 20) { id name fromMd toMd topics version } }`);
    expect(r.errors).toBeUndefined();
    const byName = Object.fromEntries((r.data.allKeyPeriods as any[]).map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['台风季', '文明创城', '春节', '进博会', '夏令热线'].sort());
    expect(byName['夏令热线'].topics).toEqual(['噪声', '道路积水', '空调外机']);
    expect(byName['进博会']).toMatchObject({ fromMd: '11-01', toMd: '11-30', topics: ['街面秩序', '餐饮油烟'] });
    const p = byName['进博会'];
    const w = await tqOps(`mutation($id: ID!, $v: Int!) { updateKeyPeriod(id: $id, version: $v, note: "x") { id } }`, { id: p.id, v: p.version });
    expect(w.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a task goes to its unit handler’s 我的待办, needs an outcome to be done, then leaves it', async () => {
    const food = rows.find((r) => r.topic === '餐饮油烟')!;
    const unitId = Number(food.unitId);
    const otherUnit = await db.db.selectFrom('unit').select('id').where('streetId', '=', tq).where('id', '<>', unitId).orderBy('id').executeTakeFirstOrThrow();
    const handler = await signIn('season_handler', { role: 'UNIT_HANDLER', unitId });
    const otherHandler = await signIn('season_handler2', { role: 'UNIT_HANDLER', unitId: otherUnit.id });

    const before = (await handler(MYWORK)).data.myWork as any[];
    expect(before.find((s) => s.key === 'proactiveTasks')).toBeUndefined(); // shown only when there is one

    const c = await tqOps(CREATE, { s: tq, u: unitId, t: food.topic, c: food.committeeName, d: '2024-05-31' });
    expect(c.errors).toBeUndefined();
    const task = c.data.createProactiveTask;
    expect(task.status).toBe('OPEN');

    const mine = ((await handler(MYWORK)).data.myWork as any[]).find((s) => s.key === 'proactiveTasks');
    expect(mine).toMatchObject({ count: 1, items: [{ resource: 'ProactiveTask', id: task.id }] });
    expect(mine.items[0].title).toContain('夏季前排查油烟扰民');
    expect(((await otherHandler(MYWORK)).data.myWork as any[]).find((s) => s.key === 'proactiveTasks')).toBeUndefined();
    expect(((await tqOps(MYWORK)).data.myWork as any[]).find((s) => s.key === 'proactiveTasks')?.count).toBe(1);
    // Another unit's handler cannot complete it: for it the task does not exist.
    expect((await otherHandler(COMPLETE, { id: task.id, v: task.version, o: '已处理' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const refused = await handler(COMPLETE, { id: task.id, v: task.version, o: '  ' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('办理结果');
    const still = await db.db.selectFrom('proactiveTask').select('status').where('id', '=', Number(task.id)).executeTakeFirstOrThrow();
    expect(still.status).toBe('OPEN');

    const done = await handler(COMPLETE, { id: task.id, v: task.version, o: '已约谈商户，加装净化设备' });
    expect(done.errors).toBeUndefined();
    expect(done.data.completeProactiveTask).toMatchObject({ status: 'DONE', outcome: '已约谈商户，加装净化设备' });
    expect(done.data.completeProactiveTask.doneAt).not.toBeNull();
    expect(((await handler(MYWORK)).data.myWork as any[]).find((s) => s.key === 'proactiveTasks')).toBeUndefined();
    const again = await handler(COMPLETE, { id: task.id, v: task.version + 1, o: '再次' });
    expect(again.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('a street account sees none of another street’s tasks and cannot give them to its units', async () => {
    const unit = await db.db.selectFrom('unit').select('id').where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    const c = await tqOps(CREATE, { s: tq, u: unit.id, t: '噪声', c: null, d: '2024-06-30' });
    expect(c.errors).toBeUndefined();
    const id = c.data.createProactiveTask.id;
    const list = await otherOps(`{ allProactiveTasks(perPage: 100) { id streetId } _allProactiveTasksMeta { count } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data.allProactiveTasks.map((t: any) => t.id)).not.toContain(id);
    expect((await otherOps(`query($id: ID!) { ProactiveTask(id: $id) { id } }`, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await otherOps(COMPLETE, { id, v: 1, o: '越权' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(((await otherOps(MYWORK)).data.myWork as any[]).find((s) => s.key === 'proactiveTasks')).toBeUndefined();
    // A street account cannot give a task to another street's unit.
    const otherUnit = await db.db.selectFrom('unit').select('id').where('streetId', '=', other).orderBy('id').executeTakeFirstOrThrow();
    expect((await tqOps(CREATE, { s: tq, u: otherUnit.id, t: '噪声', c: null, d: '2024-06-30' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A district account giving one across streets is refused naming the field.
    const district = await api.signedIn('OPS');
    const cross = await district(CREATE, { s: tq, u: otherUnit.id, t: '噪声', c: null, d: '2024-06-30' });
    expect(cross.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cross.errors?.[0]?.message).toContain('责任单位');
  });
});
