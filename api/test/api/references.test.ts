// Reference fields whose column is not named `<field>_id` (return_request.decided_by …) still resolve.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('none');
});
afterAll(() => db?.close());

it('shows who requested and who decided a return, by id and by user', async () => {
  const api = testApi(db);
  const d = await db.db.insertInto('district').values({ code: 'RF', name: '引用区' }).returning('id').executeTakeFirstOrThrow();
  const s = await db.db.insertInto('street').values({ code: 'RF', name: '引用街道', districtId: d.id }).returning('id').executeTakeFirstOrThrow();
  const [a, b] = await db.db.insertInto('unit').values([
    { code: 'A', name: '甲单位', streetId: s.id, peerGroup: 'DEPARTMENT' },
    { code: 'B', name: '乙单位', streetId: s.id, peerGroup: 'DEPARTMENT' },
  ]).returning('id').execute();
  const ops = await api.signedIn('OPS');
  const t = await ops('mutation($s: ID!, $u: ID) { createTicket(number: "RF-1", streetId: $s, unitId: $u, category: COMPLAINT, receivedAt: "2023-06-21T01:00:00Z") { id version } }', { s: String(s.id), u: String(a!.id) });
  const handler = await api.signedIn('UNIT_HANDLER', { unitId: a!.id });
  const r = await handler('mutation($id: ID!, $v: Int!) { requestReturn(id: $id, version: $v, reason: "不属于本单位职责") { returnRequests { id } } }', { id: t.data.createTicket.id, v: t.data.createTicket.version });
  expect(r.errors).toBeUndefined();
  const rrId = r.data.requestReturn.returnRequests[0].id;
  const leader = await api.signedIn('LEADER');
  const dec = await leader('mutation($id: ID!, $u: ID) { decideReturn(returnRequestId: $id, approve: true, toUnitId: $u, note: "改派乙单位") { status } }', { id: rrId, u: String(b!.id) });
  expect(dec.errors).toBeUndefined();
  const q = await ops('query($id: ID!) { ReturnRequest(id: $id) { requestedById requestedBy { role } decidedById decidedBy { role } } }', { id: rrId });
  expect(q.errors).toBeUndefined();
  expect(q.data.ReturnRequest.requestedBy.role).toBe('UNIT_HANDLER');
  expect(q.data.ReturnRequest.decidedBy.role).toBe('LEADER');
  expect(q.data.ReturnRequest.decidedById).toMatch(/^\d+$/);
  const sorted = await ops('{ allReturnRequests(sortField: "decidedById") { id } }');
  expect(sorted.errors).toBeUndefined();
});
