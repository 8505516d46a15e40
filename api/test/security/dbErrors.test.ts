// A transaction the database aborts for a concurrent one — deadlock (40P01) or serialization failure (40001) —
// answers a retryable CONFLICT in Chinese, writes nothing, and is never a masked INTERNAL_SERVER_ERROR. The errors
// are real ones, raised by the database (a trigger stands in for the concurrent transaction), on both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { CONCURRENT_SAVE_MESSAGE, databaseFailure } from '../../src/security/dbErrors';

let db: TestDatabase;
let ops: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let record: { id: string; version: number };

const raised = async (sqlState: string, message: string) => {
  try {
    await sql.raw(`do $$ begin raise exception '${message}' using errcode = '${sqlState}'; end $$`).execute(db.db);
  } catch (e) {
    return e;
  }
  throw new Error('the database raised nothing');
};

beforeAll(async () => {
  db = await createTestDatabase('none');
  const api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  ops = await api.signedIn('OPS');
  const d = await admin('mutation { createDistrict(code: "DE", name: "死锁区") { id } }');
  const s = (await admin('mutation($d: ID!) { createStreet(code: "DE", name: "死锁街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id;
  const unitId = (await admin('mutation($s: ID!) { createUnit(code: "DE1", name: "死锁单位", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s })).data.createUnit.id;
  const itemId = (await ops('mutation { createNegativeItem(code: "DEN", title: "随意退单", points: 0.5) { id } }')).data.createNegativeItem.id;
  record = (await ops('mutation($u: ID!, $i: ID!) { createNegativeRecord(unitId: $u, itemId: $i, date: "2023-10-01", note: "原样") { id version } }', { u: unitId, i: itemId })).data.createNegativeRecord;
  // Saving the note 'deadlock' or 'serialization' fails the way a concurrent transaction would make it fail.
  await sql.raw(`create function simulate_concurrent_abort() returns trigger language plpgsql as $$ begin
      if new.note = 'deadlock' then raise exception 'deadlock detected' using errcode = '40P01'; end if;
      if new.note = 'serialization' then raise exception 'could not serialize access due to concurrent update' using errcode = '40001'; end if;
      return new; end $$`).execute(db.db);
  await sql`create trigger simulate_concurrent_abort before update on negative_record for each row execute function simulate_concurrent_abort()`.execute(db.db);
});
afterAll(() => db?.close());

describe('databaseFailure', () => {
  it('maps deadlock and serialization failure to a retryable CONFLICT', async () => {
    for (const [state, message] of [['40P01', 'deadlock detected'], ['40001', 'could not serialize access due to concurrent update']] as const) {
      const mapped = databaseFailure(await raised(state, message));
      expect(mapped?.message).toBe(CONCURRENT_SAVE_MESSAGE);
      expect(mapped?.extensions).toEqual({ code: 'CONFLICT', retryable: true });
    }
    expect(CONCURRENT_SAVE_MESSAGE).toBe('其他人正在同时保存这些记录，请重试');
  });

  it('leaves other database errors alone (they stay masked or become field errors elsewhere)', async () => {
    expect(databaseFailure(await raised('22012', 'division by zero'))).toBeUndefined();
    expect(databaseFailure(await raised('23505', 'duplicate key value'))).toBeUndefined();
    expect(databaseFailure(new Error('something else'))).toBeUndefined();
  });
});

describe('through the API', () => {
  const note = async () => (await db.db.selectFrom('negativeRecord').select(['note', 'version']).where('id', '=', Number(record.id)).executeTakeFirstOrThrow());

  it('saveSheet and updateNegativeRecord answer CONFLICT with retryable: true and write nothing', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const audits = async () => Number((await db.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await audits();
    try {
      for (const n of ['deadlock', 'serialization']) {
        const sheet = await ops('mutation($rows: [JSON!]!) { saveSheet(resource: "NegativeRecord", rows: $rows) { ok } }', { rows: [{ id: record.id, version: record.version, note: n }] });
        expect(sheet.errors?.[0]).toMatchObject({ message: CONCURRENT_SAVE_MESSAGE, extensions: { code: 'CONFLICT', retryable: true } });
        const single = await ops('mutation($id: ID!, $v: Int, $n: String) { updateNegativeRecord(id: $id, version: $v, note: $n) { id } }', { id: record.id, v: record.version, n });
        expect(single.errors?.[0]).toMatchObject({ message: CONCURRENT_SAVE_MESSAGE, extensions: { code: 'CONFLICT', retryable: true } });
      }
    } finally {
      quiet.mockRestore();
    }
    expect(await note()).toEqual({ note: '原样', version: record.version });
    expect(await audits()).toBe(before);
    // Sending the same save again (what "retry" means) works once the other transaction is gone.
    const again = await ops('mutation($rows: [JSON!]!) { saveSheet(resource: "NegativeRecord", rows: $rows) { ok } }', { rows: [{ id: record.id, version: record.version, note: '重试成功' }] });
    expect(again.data?.saveSheet.ok).toBe(true);
  });
});
