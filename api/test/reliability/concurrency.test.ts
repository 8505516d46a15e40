// 20 clients editing the same ticket at once: optimistic versions turn every race into a reported CONFLICT, so no
// update is lost; the same race through a deliberately unversioned read-modify-write loses updates (the test bites).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { CREATE_TICKET } from '../security/helpers';

const CLIENTS = 20;
let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let ticketId: string;
let ops: Array<ReturnType<ReturnType<typeof testApi>['as']>>;

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  const d = await admin('mutation { createDistrict(code: "CC", name: "并发区") { id } }');
  const s = (await admin('mutation($d: ID!) { createStreet(code: "CC", name: "并发街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id;
  const t = await admin(CREATE_TICKET, { n: 'CC-1', s, c: 'COMPLAINT', r: '2023-06-21T01:00:00Z' });
  ticketId = t.data.createTicket.id;
  const { createUser } = await import('../../src/repos/auth');
  await createUser(db.db, { username: 'cc_ops', password: 'password-123', role: 'OPS' });
  ops = [];
  for (let i = 0; i < CLIENTS; i++) ops.push(api.as(await api.login('cc_ops', 'password-123')));
});
afterAll(() => db?.close());

const markers = (content: string | null) => new Set((content ?? '').split('|').filter(Boolean));

describe('concurrent edits of one row', () => {
  it(`${CLIENTS} clients through the API: zero lost updates, conflicts reported as CONFLICT`, async () => {
    const t0 = Date.now();
    let conflicts = 0;
    let other = 0;
    await Promise.all(
      ops.map(async (client, i) => {
        for (let attempt = 0; attempt < 200; attempt++) {
          const cur = (await client('query($id: ID!) { Ticket(id: $id) { version content } }', { id: ticketId })).data.Ticket;
          const r = await client('mutation($id: ID!, $v: Int, $c: String) { updateTicket(id: $id, version: $v, content: $c) { version } }', {
            id: ticketId, v: cur.version, c: `${cur.content ?? ''}|c${i}`,
          });
          if (!r.errors) return;
          if (r.errors[0]!.extensions?.code === 'CONFLICT') conflicts++;
          else other++;
        }
        throw new Error(`client ${i} never got its update in`);
      }),
    );
    const final = await db.db.selectFrom('ticket').select(['content', 'version']).where('id', '=', Number(ticketId)).executeTakeFirstOrThrow();
    const lost = CLIENTS - markers(final.content).size;
    console.log(JSON.stringify({ scenario: 'concurrent-versioned', engine: db.kind, clients: CLIENTS, writes: CLIENTS, conflictsReported: conflicts, otherErrors: other, lostUpdates: lost, finalVersion: final.version, ms: Date.now() - t0 }));
    expect(other).toBe(0);
    expect(lost).toBe(0);
    expect(conflicts).toBeGreaterThan(0); // the race really happened
  });

  it('the same race without the version check loses updates (so the test above would catch a regression)', async () => {
    await db.db.updateTable('ticket').set({ content: null }).where('id', '=', Number(ticketId)).execute();
    /** Deliberately unversioned read-modify-write: what updateRowVersioned prevents. */
    const unversionedAppend = async (i: number) => {
      const cur = await db.db.selectFrom('ticket').select('content').where('id', '=', Number(ticketId)).executeTakeFirstOrThrow();
      await db.db.updateTable('ticket').set({ content: `${cur.content ?? ''}|c${i}` }).where('id', '=', Number(ticketId)).execute();
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => unversionedAppend(i)));
    const final = await db.db.selectFrom('ticket').select('content').where('id', '=', Number(ticketId)).executeTakeFirstOrThrow();
    const lost = CLIENTS - markers(final.content).size;
    console.log(JSON.stringify({ scenario: 'concurrent-unversioned-control', engine: db.kind, clients: CLIENTS, lostUpdates: lost }));
    expect(lost).toBeGreaterThan(0);
  });
});
