// The report archive over HTTP: generateReport (a new version each time), the reports resource, reportContent,
// the downloads with the caller's session (another street's report is 404), and the scheduled 周报 with a
// movable clock (made once on Monday 08:30; a rerun makes no second copy) on the OPS clerk's 我的待办.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/app';
import { createUser } from '../../src/repos/auth';
import { createApiYoga } from '../../src/yoga';
import { REPORT_JOBS, runDueJobs, runJob } from '../../src/jobs';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { twoStreets, type TwoStreets } from './two-streets';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof startServer>>;
let s: TwoStreets;
const cookies: Record<string, string> = {};

async function gql(who: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookies[who] ? { cookie: cookies[who] } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await r.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string; fieldErrors?: Record<string, string> } }[] };
}

async function login(username: string) {
  const r = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($u: String!) { login(username: $u, password: "password-123") { id } }', variables: { u: username } }),
  });
  cookies[username] = r.headers.get('set-cookie')!.split(';')[0]!;
}

const GENERATE = 'mutation($kind: ReportKind!, $street: ID!, $period: String!) { generateReport(kind: $kind, streetId: $street, period: $period) { id kind period version docxUrl xlsxUrl } }';
const LIST = '{ allReports(sortField: "id", sortOrder: "ASC") { id kind period streetId street { name } version createdAt createdBy { name } docxUrl xlsxUrl } _allReportsMeta { count } }';

beforeAll(async () => {
  db = await createTestDatabase('none');
  s = await twoStreets(db);
  app = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', quiet: true });
  for (const [username, role, streetId] of [['opsA', 'OPS', s.streetA], ['opsB', 'OPS', s.streetB], ['jjA', 'DISCIPLINE', s.streetA], ['district', 'OPS', null]] as const) {
    await createUser(db.db, { username, password: 'password-123', role, displayName: `${username} 名`, streetId, unitId: null });
    await login(username);
  }
}, 120_000);
afterAll(() => app?.close());

describe('generateReport and the archive', () => {
  let first: any;
  it('generates a 周报 and, generated again, a new version', async () => {
    const r1 = await gql('opsA', GENERATE, { kind: 'WEEKLY', street: String(s.streetA), period: '2023-W24' });
    expect(r1.errors).toBeUndefined();
    first = r1.data.generateReport;
    expect(first).toMatchObject({ kind: 'WEEKLY', period: '2023-W24', version: 1, docxUrl: `/reports/${first.id}.docx`, xlsxUrl: `/reports/${first.id}.xlsx` });
    const r2 = await gql('opsA', GENERATE, { kind: 'WEEKLY', street: String(s.streetA), period: '2023-W24' });
    expect(r2.data.generateReport.version).toBe(2);
    const list = await gql('opsA', LIST);
    expect(list.data._allReportsMeta.count).toBe(2);
    expect(list.data.allReports.map((r: any) => r.version)).toEqual([1, 2]);
    expect(list.data.allReports[0]).toMatchObject({ streetId: String(s.streetA), createdBy: { name: 'opsA 名' }, docxUrl: first.docxUrl });
  });

  it('refuses a bad period with a Chinese error naming it, writing nothing', async () => {
    const r = await gql('opsA', GENERATE, { kind: 'MONTHLY', street: String(s.streetA), period: '2023-6' });
    expect(r.errors?.[0]?.extensions?.fieldErrors?.period).toMatch(/YYYY-MM/);
    expect((await gql('opsA', LIST)).data._allReportsMeta.count).toBe(2);
  });

  it('Report(id).content and reportContent carry the same figures', async () => {
    const one = await gql('opsA', 'query($id: ID!) { Report(id: $id) { id content } }', { id: first.id });
    const live = await gql('opsA', 'query($s: ID) { reportContent(kind: WEEKLY, streetId: $s, period: "2023-W24") }', { s: String(s.streetA) });
    const strip = (d: any) => ({ ...d, computedAt: null, date: null });
    expect(strip(one.data.Report.content)).toEqual(strip(live.data.reportContent));
    expect(one.data.Report.content.sections.length).toBeGreaterThan(3);
  });

  it('downloads the .docx and .xlsx with the session; another street’s account gets 404, none 401', async () => {
    const docx = await fetch(`${app.url}${first.docxUrl}`, { headers: { cookie: cookies.opsA! } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.headers.get('content-disposition')).toContain('.docx');
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const xlsx = await fetch(`${app.url}${first.xlsxUrl}`, { headers: { cookie: cookies.district! } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await fetch(`${app.url}${first.docxUrl}`, { headers: { cookie: cookies.opsB! } })).status).toBe(404);
    expect((await fetch(`${app.url}${first.docxUrl}`, { headers: { cookie: cookies.jjA! } })).status).toBe(404); // 纪检: ranking notices only
    expect((await fetch(`${app.url}${first.docxUrl}`)).status).toBe(401);
    expect((await fetch(`${app.url}/reports/999999.docx`, { headers: { cookie: cookies.opsA! } })).status).toBe(404);
  });

  it('a street account sees and makes only its own street’s reports', async () => {
    expect((await gql('opsB', LIST)).data._allReportsMeta.count).toBe(0);
    const one = await gql('opsB', 'query($id: ID!) { Report(id: $id) { id } }', { id: first.id });
    expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const gen = await gql('opsB', GENERATE, { kind: 'WEEKLY', street: String(s.streetA), period: '2023-W24' });
    expect(gen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const content = await gql('opsB', 'query($s: ID) { reportContent(kind: WEEKLY, streetId: $s, period: "2023-W24") }', { s: String(s.streetA) });
    expect(content.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The district account sees every street's.
    expect((await gql('district', LIST)).data._allReportsMeta.count).toBe(2);
  });

  it('纪检 reads the ranking notice', async () => {
    const gen = await gql('opsA', GENERATE, { kind: 'RANKING_NOTICE', street: String(s.streetA), period: '2023-06' });
    expect(gen.errors).toBeUndefined();
    const list = await gql('jjA', LIST);
    expect(list.data.allReports.map((r: any) => r.kind)).toEqual(['RANKING_NOTICE']);
    const notice = await gql('jjA', 'query($id: ID!) { Report(id: $id) { content } }', { id: gen.data.generateReport.id });
    expect(notice.data.Report.content.copyTo).toEqual(['纪检监察室']);
    expect((await fetch(`${app.url}${gen.data.generateReport.docxUrl}`, { headers: { cookie: cookies.jjA! } })).status).toBe(200);
  });
});

describe('the scheduled 周报', () => {
  const weekly = REPORT_JOBS.find((j) => j.name === 'weekly-report')!;
  const count = async () => (await db.db.selectFrom('report').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'WEEKLY').where('period', '=', '2023-W25').where('createdBy', 'is', null).executeTakeFirstOrThrow()).n;

  it('is made once on Monday 08:30 for the week before, for each street with tickets', async () => {
    // Sunday evening and Monday 08:29: the latest Monday run is the week before's (W24 → reports of W23).
    const early = await runDueJobs(db, new Date('2023-06-26T08:29:00+08:00'), [weekly]);
    expect(early).toEqual([expect.objectContaining({ day: '2023-06-19', status: 'ran', result: { streets: 2, reports: 1, existing: 1 } })]);
    expect(Number(await count())).toBe(0);
    const now = new Date('2023-06-26T08:30:00+08:00');
    const run = await runDueJobs(db, now, [weekly]);
    expect(run).toEqual([expect.objectContaining({ job: 'weekly-report', day: '2023-06-26', status: 'ran', result: { streets: 2, reports: 2, existing: 0 } })]);
    expect(Number(await count())).toBe(2);
    // Again at once, later that day, on Wednesday: the same Monday's run, done already.
    for (const t of ['2023-06-26T08:30:00+08:00', '2023-06-26T17:00:00+08:00', '2023-06-28T09:00:00+08:00']) {
      expect((await runDueJobs(db, new Date(t), [weekly]))[0]!.status).toBe('done-already');
    }
    expect(Number(await count())).toBe(2);
    // Even if the day's record were lost, the archive check makes no second copy.
    await db.db.deleteFrom('jobRun').where('job', '=', 'weekly-report').where('day', '=', '2023-06-26').execute();
    const again = await runJob(db, weekly, '2023-06-26', now);
    expect(again).toMatchObject({ status: 'ran', result: { reports: 0, existing: 2 } });
    expect(Number(await count())).toBe(2);
  });

  it('shows on the OPS clerk’s 我的待办 for that street only', async () => {
    const yoga = createApiYoga({ db: db.appDb, production: false, now: () => new Date('2023-06-27T09:00:00+08:00') });
    const ask = async (who: string) => {
      const r = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies[who]! },
        body: JSON.stringify({ query: '{ myWork { key count items { resource id title } } }' }),
      });
      return ((await r.json()) as any).data.myWork.find((x: any) => x.key === 'newReports');
    };
    const a = await ask('opsA');
    expect(a.count).toBe(1);
    expect(a.items[0]).toMatchObject({ resource: 'Report', title: expect.stringContaining('周报 2023-W25') });
    // B had no 周报 of W24 yet when the 19 June run came due (A's was made by hand): it got one then, and W25.
    expect((await ask('opsB')).count).toBe(2);
    expect((await ask('district')).count).toBe(3);
  });
});
