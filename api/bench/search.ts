// What the ticket search `q` costs on the demo street: `[DATABASE_URL=…] npx tsx api/bench/search.ts [repeats]`.
// `_allTicketsMeta(filter: { q })` and a 25-row page of `allTickets` through the GraphQL endpoint in process, as OPS,
// for a short q that matches, a 100-character q that matches nothing (every ticket's 工单编号, 主题 and 诉求内容 are
// scanned with ILIKE '%…%': the worst case the length cap allows) and a refused 100,000-character q. One JSON line
// per case with the median and slowest of `repeats` calls, after one warm-up call.
import { createTestDatabase } from '../test/helpers/db';
import { createApiYoga } from '../src/yoga';
import { createUser } from '../src/repos/auth';
import { MAX_SEARCH_LENGTH } from '../src/security/stringLimits';

const repeats = Number(process.argv[2] ?? 7);
const db = await createTestDatabase('demo');
const yoga = createApiYoga({ db: db.appDb, production: true });
await createUser(db.db, { username: 'bench_search', password: 'password-123', role: 'OPS' });
const post = async (query: string, variables: Record<string, unknown>, cookie?: string) => {
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> } };
};
const login = await post('mutation { login(username: "bench_search", password: "password-123") { id } }', {});
const cookie = login.res.headers.get('set-cookie')!.split(';')[0]!;
const tickets = Number((await db.db.selectFrom('ticket').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const sample = await db.db.selectFrom('ticket').select('content').where('content', 'is not', null).limit(1).executeTakeFirst();
const word = (sample?.content ?? '路灯').slice(0, 2);

const cases: Record<string, string> = {
  [`q "${word}" (matches)`]: word,
  [`q ${MAX_SEARCH_LENGTH} chars (no match, full scan)`]: '无'.repeat(MAX_SEARCH_LENGTH),
  'q 100,000 chars (refused)': '无'.repeat(100_000),
};
const queries = {
  meta: 'query($q: String) { _allTicketsMeta(filter: { q: $q }) { count } }',
  page: 'query($q: String) { allTickets(filter: { q: $q }, perPage: 25) { id number topic status } }',
};
for (const [name, q] of Object.entries(cases)) {
  for (const [kind, query] of Object.entries(queries)) {
    await post(query, { q }, cookie);
    const ms: number[] = [];
    let result: Awaited<ReturnType<typeof post>>['body'] | undefined;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      result = (await post(query, { q }, cookie)).body;
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const answer = result?.errors ? result.errors[0]!.extensions?.code : kind === 'meta' ? result?.data._allTicketsMeta.count : result?.data.allTickets.length;
    console.log(JSON.stringify({ bench: 'ticket-search', engine: db.kind, tickets, case: name, query: kind, answer, medianMs: +ms[ms.length >> 1]!.toFixed(1), maxMs: +ms[ms.length - 1]!.toFixed(1) }));
  }
}
await db.close();
