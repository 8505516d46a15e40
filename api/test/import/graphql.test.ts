// importTickets over GraphQL (contract.md "Import"): a multipart upload per the GraphQL multipart request spec,
// through yoga.fetch in process.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi, type GqlResult } from '../helpers/api';
import { createUser } from '../../src/repos/auth';
import type { Role } from '../../src/auth/roles';
import { SAMPLE_CSV, createStreet, toCsv, type Street } from './fixtures';

const RESULT = 'inserted updated unchanged rows errors { row column message number } notes { row column message number } notices';
const IMPORT = `mutation($streetId: ID!, $file: File!) { importTickets(streetId: $streetId, file: $file) { ${RESULT} } }`;
const CHECK = `query($streetId: ID!, $file: File!) { checkImport(streetId: $streetId, file: $file) { ${RESULT} } }`;

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let street: Street;
const cookies: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  street = await createStreet(db.db);
  for (const role of ['OPS', 'ADMIN', 'UNIT_HANDLER', 'LEADER'] as Role[]) {
    const username = `import_${role.toLowerCase()}`;
    await createUser(db.db, { username, password: 'password-123', role, unitId: role === 'UNIT_HANDLER' ? street.units.CG : null });
    cookies[role] = await api.login(username, 'password-123');
  }
});
afterAll(() => db?.close());

/** The GraphQL multipart request: operations, map, then the file part named in the map. */
async function upload(file: Uint8Array, filename: string, opts: { role?: Role; csrf?: boolean; streetId?: string; query?: string } = {}) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: opts.query ?? IMPORT, variables: { streetId: opts.streetId ?? String(street.streetId), file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new File([file as Uint8Array<ArrayBuffer>], filename, { type: filename.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' }));
  const headers: Record<string, string> = {};
  if (opts.csrf !== false) headers['x-graphql-yoga-csrf'] = '1';
  const cookie = opts.role ? cookies[opts.role] : undefined;
  if (cookie) headers.cookie = cookie;
  const res = await api.yoga.fetch('http://localhost/graphql', { method: 'POST', body: form, headers });
  return { status: res.status, body: (await res.json()) as GqlResult };
}

describe('importTickets(streetId, file)', () => {
  it('imports the sample for OPS and answers the counts; the same file again is all unchanged', async () => {
    const sample = fs.readFileSync(SAMPLE_CSV);
    const first = await upload(sample, 'tickets-sample.csv', { role: 'OPS' });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.importTickets).toEqual({ inserted: 5, updated: 0, unchanged: 0, rows: 5, errors: [], notes: [], notices: [] });
    const again = await upload(sample, 'tickets-sample.csv', { role: 'ADMIN' });
    expect(again.body.data.importTickets).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    const audit = await db.db.selectFrom('auditLog').select(['actorLabel', 'after']).where('operation', '=', 'importTickets').orderBy('id').execute();
    expect(audit.map((a) => a.actorLabel)).toEqual(['import_ops', 'import_admin']);
  });

  it('answers a bad file with its errors (not a GraphQL error) and writes nothing', async () => {
    const file = toCsv([
      { 工单编号: 'GQ-1', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队' },
      { 工单编号: 'GQ-2', 受理时间: '2023-06-31 09:12', 工单类型: '投诉', 承办单位: '城管中队' },
    ]);
    const r = await upload(file, 'bad.csv', { role: 'OPS' });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.importTickets).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, errors: [{ row: 3, column: '受理时间', message: '受理时间「2023-06-31 09:12」不是真实存在的日期或时刻', number: 'GQ-2' }] });
    expect(await db.db.selectFrom('ticket').select('id').where('number', 'in', ['GQ-1', 'GQ-2']).execute()).toEqual([]);

    const empty = await upload(new Uint8Array(), 'empty.csv', { role: 'OPS' });
    expect(empty.body.data.importTickets.errors).toEqual([{ row: 1, column: null, message: '文件是空的，或第一行不是表头', number: null }]);
  });

  it('refuses a multipart request without the x-graphql-yoga-csrf header', async () => {
    const r = await upload(fs.readFileSync(SAMPLE_CSV), 'tickets-sample.csv', { role: 'OPS', csrf: false });
    expect(r.status).toBe(403);
    expect(r.body.data ?? null).toBeNull();
  });

  it('is for OPS and ADMIN only: a unit handler and a leader are FORBIDDEN, anonymous is UNAUTHENTICATED', async () => {
    const file = toCsv([{ 工单编号: 'GQ-X', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队' }]);
    for (const role of ['UNIT_HANDLER', 'LEADER'] as Role[]) {
      const r = await upload(file, 'x.csv', { role });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(r.body.data ?? null).toBeNull();
    }
    expect((await upload(file, 'x.csv')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await db.db.selectFrom('ticket').select('id').where('number', '=', 'GQ-X').execute()).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown street', async () => {
    const r = await upload(fs.readFileSync(SAMPLE_CSV), 'x.csv', { role: 'OPS', streetId: '999999' });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reads an .xlsx upload', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导出');
    ws.addRow(['工单编号', '受理时间', '工单类型', '承办单位', '联系电话']);
    ws.addRow([2307010001, new Date(Date.UTC(2023, 6, 1, 8, 30)), '求助', '房管办事处', 13900001111]);
    ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
    const r = await upload(new Uint8Array(await wb.xlsx.writeBuffer()), 'export.xlsx', { role: 'OPS' });
    expect(r.body.data.importTickets).toMatchObject({ inserted: 1, errors: [] });
    const t = await db.db.selectFrom('ticket').selectAll().where('number', '=', '2307010001').executeTakeFirstOrThrow();
    expect(t).toMatchObject({ citizenPhone: '13900001111', unitId: street.units.FG, status: 'RECEIVED' });
    expect(t.receivedAt.toISOString()).toBe('2023-07-01T00:30:00.000Z');
  });
});

describe('checkImport(streetId, file)', () => {
  const count = async (table: 'ticket' | 'auditLog' | 'ticketEvent' | 'callback') => (await db.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const file = toCsv([
    { 工单编号: 'CQ-1', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队', 先行联系时间: '2023-06-23 10:00', 办结时间: '2023-06-22 16:00', 回访时间: '2023-06-24 10:00', 回访结果: '满意' },
    { 工单编号: 'CQ-2', 受理时间: '2023-06-21 10:00', 工单类型: '求助', 承办单位: 'FG' },
  ]);

  it('answers what the import would do, with the notes, and writes nothing — not even an audit row', async () => {
    const before = await Promise.all([count('ticket'), count('auditLog'), count('ticketEvent'), count('callback')]);
    const r = await upload(file, 'check.csv', { role: 'OPS', query: CHECK });
    expect(r.body.errors).toBeUndefined();
    const note = { row: 2, column: '先行联系时间', message: '先行联系时间（2023-06-23 10:00）晚于办结时间（2023-06-22 16:00）', number: 'CQ-1' };
    expect(r.body.data.checkImport).toEqual({ inserted: 2, updated: 0, unchanged: 0, rows: 2, errors: [], notes: [note], notices: [] });
    expect(await Promise.all([count('ticket'), count('auditLog'), count('ticketEvent'), count('callback')])).toEqual(before);

    // Confirmed: the import does what the check said, and the ticket carries the note.
    const imported = await upload(file, 'check.csv', { role: 'OPS' });
    expect(imported.body.data.importTickets).toEqual(r.body.data.checkImport);
    const id = (await db.db.selectFrom('ticket').select('id').where('number', '=', 'CQ-1').executeTakeFirstOrThrow()).id;
    const ops = api.as(cookies.OPS!);
    const t = await ops('query($id: ID!) { Ticket(id: $id) { number importNotes } }', { id: String(id) });
    expect(t.data.Ticket).toEqual({ number: 'CQ-1', importNotes: [note.message] });
  });

  it('is also a mutation, for upload clients that send only mutations, with the same answer and nothing written', async () => {
    const audits = await count('auditLog');
    const r = await upload(file, 'x.csv', { role: 'OPS', query: CHECK.replace(/^query/, 'mutation') });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.checkImport).toEqual((await upload(file, 'x.csv', { role: 'OPS', query: CHECK })).body.data.checkImport);
    expect(await count('auditLog')).toBe(audits);
  });

  it('is for OPS and ADMIN only, like the import', async () => {
    expect((await upload(file, 'x.csv', { role: 'ADMIN', query: CHECK })).body.data.checkImport).toMatchObject({ inserted: 0, unchanged: 2 });
    for (const role of ['UNIT_HANDLER', 'LEADER'] as Role[]) {
      const r = await upload(file, 'x.csv', { role, query: CHECK });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await upload(file, 'x.csv', { query: CHECK })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('request size (yoga.ts useRequestBodyLimit; the HTTP path is in security/hostile.test.ts)', () => {
  const post = (body: BodyInit, headers: Record<string, string>) =>
    api.yoga.fetch('http://localhost/graphql', { method: 'POST', body, headers: { 'x-graphql-yoga-csrf': '1', cookie: cookies.OPS!, ...headers }, duplex: 'half' } as RequestInit);

  it('refuses an upload declaring more than 101 MB before reading it, in Chinese', async () => {
    const r = await post('--x--\r\n', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(((await r.json()) as GqlResult).errors).toEqual([
      { message: '请求过大（200.0 MB），一次最多上传 100.0 MB，请拆分后分批导入', extensions: { code: 'PAYLOAD_TOO_LARGE' } },
    ]);
  });

  it('keeps 25 MB for anything but an upload, declared or counted as it arrives', async () => {
    const query = `query { me { username } } # ${'x'.repeat(25_000_000)}`;
    const declared = await post(JSON.stringify({ query }), { 'content-type': 'application/json' });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as GqlResult).errors?.[0]).toMatchObject({ message: `请求过大（${(Buffer.byteLength(JSON.stringify({ query })) / 1048576).toFixed(1)} MB），请求内容最多 23.8 MB`, extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    // No Content-Length: a stream of 1 MB pieces.
    const piece = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let n = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ < 30) c.enqueue(piece);
        else c.close();
      },
    });
    const counted = await post(stream, { 'content-type': 'application/json' });
    expect(counted.status).toBe(413);
    expect(((await counted.json()) as GqlResult).errors).toEqual([{ message: '请求过大（超过 23.8 MB），请求内容最多 23.8 MB', extensions: { code: 'PAYLOAD_TOO_LARGE' } }]);
    // Under the limit, still answered.
    expect((await api.as(cookies.OPS!)('{ me { username } }')).data.me.username).toBe('import_ops');
  });
});
