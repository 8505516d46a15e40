// 拖延接单's window (issue #14, migrations/0025): the scheme's acceptWithinWorkdays is read and written through the
// ScoringScheme resource, an integer of 1–10 working days, refused in Chinese naming the field; it enters no
// ranking, so a scheme a published ranking froze still takes a new window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptWithinWorkdays } from '../../src/repos/workflow';
import { expectOk, setupFixture, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

describe('ScoringScheme.acceptWithinWorkdays', () => {
  it('defaults to 1, is written and read back, and is what the late-acceptance check uses', async () => {
    const made = await f.as.ADMIN('mutation { createScoringScheme(name: "2024 方案", active: true) { id version acceptWithinWorkdays } }');
    expectOk(made);
    expect(made.data.createScoringScheme.acceptWithinWorkdays).toBe(1);
    const { id, version } = made.data.createScoringScheme;
    const upd = await f.as.ADMIN('mutation($id: ID!, $v: Int) { updateScoringScheme(id: $id, version: $v, acceptWithinWorkdays: 3) { acceptWithinWorkdays } }', { id, v: version });
    expectOk(upd);
    expect(upd.data.updateScoringScheme.acceptWithinWorkdays).toBe(3);
    const read = await f.as.OPS('query($id: ID!) { ScoringScheme(id: $id) { acceptWithinWorkdays } allScoringSchemes(filter: { active: true }) { acceptWithinWorkdays } }', { id });
    expectOk(read);
    expect(read.data).toEqual({ ScoringScheme: { acceptWithinWorkdays: 3 }, allScoringSchemes: [{ acceptWithinWorkdays: 3 }] });
    expect(await acceptWithinWorkdays(f.db.db)).toBe(3);

    const fresh = await f.as.ADMIN('mutation { createScoringScheme(name: "五日方案", acceptWithinWorkdays: 5) { acceptWithinWorkdays } }');
    expectOk(fresh);
    expect(fresh.data.createScoringScheme.acceptWithinWorkdays).toBe(5);
  });

  it('refuses 0, 11 and a fraction, naming the field in Chinese; only ADMIN writes it', async () => {
    const { id, version } = (await f.as.ADMIN('{ allScoringSchemes(filter: { active: true }) { id version } }')).data.allScoringSchemes[0];
    for (const [n, message] of [[0, '受理时限（工作日）不能小于 1'], [11, '受理时限（工作日）不能大于 10']] as const) {
      const r = await f.as.ADMIN('mutation($id: ID!, $v: Int, $n: Int) { updateScoringScheme(id: $id, version: $v, acceptWithinWorkdays: $n) { id } }', { id, v: version, n });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.fieldErrors).toEqual({ acceptWithinWorkdays: message });
    }
    const created = await f.as.ADMIN('mutation { createScoringScheme(name: "坏方案", acceptWithinWorkdays: 0) { id } }');
    expect(created.errors?.[0]?.extensions?.fieldErrors).toEqual({ acceptWithinWorkdays: '受理时限（工作日）不能小于 1' });
    const fraction = await f.as.ADMIN('mutation($id: ID!, $v: Int) { updateScoringScheme(id: $id, version: $v, acceptWithinWorkdays: 2.5) { id } }', { id, v: version });
    expect(fraction.errors?.length).toBeGreaterThan(0);
    expect(fraction.data?.updateScoringScheme ?? null).toBeNull();
    const ops = await f.as.OPS('mutation($id: ID!, $v: Int) { updateScoringScheme(id: $id, version: $v, acceptWithinWorkdays: 2) { id } }', { id, v: version });
    expect(ops.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await acceptWithinWorkdays(f.db.db)).toBe(3);
  });

  it('stays editable on a scheme a published ranking used (it enters no ranking)', async () => {
    const { id, version } = (await f.as.ADMIN('{ allScoringSchemes(filter: { active: true }) { id version } }')).data.allScoringSchemes[0];
    await f.db.db.insertInto('rankingSnapshot').values({ streetId: f.streetId, month: '2024-01', schemeId: Number(id), rows: JSON.stringify([]) }).execute();
    const frozen = await f.as.ADMIN('mutation($id: ID!, $v: Int) { updateScoringScheme(id: $id, version: $v, wSatisfaction: 40) { id } }', { id, v: version });
    expect(frozen.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const r = await f.as.ADMIN('mutation($id: ID!, $v: Int) { updateScoringScheme(id: $id, version: $v, acceptWithinWorkdays: 2) { acceptWithinWorkdays } }', { id, v: version });
    expectOk(r);
    expect(r.data.updateScoringScheme.acceptWithinWorkdays).toBe(2);
  });
});
