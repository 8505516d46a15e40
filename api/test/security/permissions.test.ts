// `me { permissions canRevealPersonalData }`: the caller's rights as the API enforces them, the one source the
// admin reads (admin/src/access.ts) instead of keeping its own copy of the matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createApiToken } from '../../src/repos/auth';
import { ROLES, type Role } from '../../src/auth/roles';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let unitId: number;
beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  const d = await admin('mutation { createDistrict(code: "PD", name: "浦东新区") { id } }');
  const s = await admin('mutation($d: ID!) { createStreet(code: "TQ", name: "塘桥街道", districtId: $d) { id } }', { d: d.data.createDistrict.id });
  const u = await admin('mutation($s: ID!) { createUnit(code: "CG", name: "城管中队", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: s.data.createStreet.id });
  unitId = Number(u.data.createUnit.id);
});
afterAll(() => db?.close());

const ME = '{ me { role canRevealPersonalData permissions { resource read write } } }';
type Perm = { resource: string; read: boolean; write: boolean };

describe('me.permissions', () => {
  it('says for every role exactly which resources it may list (checked against the API itself)', async () => {
    const disagreements: string[] = [];
    for (const role of ROLES) {
      const q = await api.signedIn(role as Role, role === 'UNIT_HANDLER' ? { unitId } : {});
      const me = (await q<{ me: { permissions: Perm[] } }>(ME)).data!.me;
      expect(me.permissions.length).toBeGreaterThan(20);
      for (const p of me.permissions) {
        const r = await q(`{ _all${p.resource}sMeta { count } }`);
        const allowed = !r.errors;
        if (allowed !== p.read) disagreements.push(`${role} ${p.resource}: says read=${p.read}, API ${allowed ? 'allows' : r.errors![0]!.extensions?.code}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('follows a resource’s own declared access (ExtensionRequest: decided by leaders only)', async () => {
    const perms = async (role: Role) => (await (await api.signedIn(role))<{ me: { permissions: Perm[] } }>(ME)).data!.me.permissions;
    const of = (list: Perm[], name: string) => list.find((p) => p.resource === name);
    const ops = await perms('OPS');
    expect(of(ops, 'Ticket')).toEqual({ resource: 'Ticket', read: true, write: true });
    expect(of(ops, 'User')).toEqual({ resource: 'User', read: false, write: false });
    expect(of(ops, 'ExtensionRequest')).toEqual({ resource: 'ExtensionRequest', read: true, write: false });
    expect(of(await perms('LEADER'), 'ExtensionRequest')?.write).toBe(true);
    expect((await perms('ADMIN')).every((p) => p.read && p.write)).toBe(true);
    const reader = await perms('API_READER');
    expect(reader.some((p) => p.write)).toBe(false); // the matrix gives none; limits.ts refuses mutations anyway
  });
});

describe('me.canRevealPersonalData', () => {
  const reveal = async (q: Awaited<ReturnType<typeof api.signedIn>>) => (await q<{ me: { canRevealPersonalData: boolean } }>(ME)).data!.me.canRevealPersonalData;

  it('is true for OPS, LEADER, unit handlers and anyone with the permission; false otherwise and for tokens', async () => {
    expect(await reveal(await api.signedIn('OPS'))).toBe(true);
    expect(await reveal(await api.signedIn('LEADER'))).toBe(true);
    expect(await reveal(await api.signedIn('UNIT_HANDLER', { unitId }))).toBe(true);
    expect(await reveal(await api.signedIn('PARTY_OFFICE'))).toBe(false);
    expect(await reveal(await api.signedIn('DISCIPLINE'))).toBe(false);
    expect(await reveal(await api.signedIn('PARTY_OFFICE', { canReadPersonalData: true }))).toBe(true);
    const { token } = await createApiToken(db.db, { name: 'perm-ops-token', role: 'OPS', createdBy: null });
    const viaToken = await api.raw(ME, {}, { authorization: `Bearer ${token}` });
    expect(viaToken.body.data.me).toMatchObject({ role: 'OPS', canRevealPersonalData: false });
  });

  it('agrees with what revealTicketPersonalData allows', async () => {
    const refused = await (await api.signedIn('PARTY_OFFICE'))('mutation { revealTicketPersonalData(ticketId: "999999", reason: "核实") { ticketId } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allowed = await (await api.signedIn('OPS'))('mutation { revealTicketPersonalData(ticketId: "999999", reason: "核实") { ticketId } }');
    expect(allowed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND'); // past the permission check
  });

  it('comes back from login too', async () => {
    await api.signedIn('OPS'); // creates a user; log in again by name through the raw mutation
    const name = (await db.db.selectFrom('appUser').select('username').where('role', '=', 'OPS').orderBy('id', 'desc').executeTakeFirstOrThrow()).username;
    const r = await api.raw('mutation($u: String!) { login(username: $u, password: "password-123") { role canRevealPersonalData permissions { resource read } } }', { u: name });
    expect(r.body.data.login.canRevealPersonalData).toBe(true);
    expect(r.body.data.login.permissions.find((p: Perm) => p.resource === 'User').read).toBe(false);
  });
});
