// How soon a clerk sees the admin's first screens on the demo district (issue #12: "a first screen within 1 s"):
// the real server on the embedded demo database serving the production build (admin/dist, precompressed), Debian's
// Chromium with a new profile per run (nothing cached), timed from navigation to
//   login   — the login form can be typed into;
//   home    — after 登录, the home page's content has answered (no spinner or skeleton left);
//   reload  — the same page reloaded with the browser's cache (hashed assets are immutable).
// Each on loopback and on an emulated office link (20 Mbit/s down, 10 up, 20 ms latency). Medians of --runs (5).
//   npx tsx admin/bench/first-screen.ts [--runs 5]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, launchProfile, startApi, waitForAnswered } from '../test/helpers/browser';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const LINKS = {
  loopback: null,
  'office link 20 Mbit/s, 20 ms': { offline: false, latency: 20, downloadThroughput: (20e6 / 8) | 0, uploadThroughput: (10e6 / 8) | 0 },
} as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startApi('demo');
try {
  for (const [link, conditions] of Object.entries(LINKS)) {
    const times: Record<'login' | 'home' | 'reload', number[]> = { login: [], home: [], reload: [] };
    for (let i = 0; i < RUNS; i++) {
      const profile = await launchProfile();
      try {
        const page = profile.page;
        if (conditions) {
          const cdp = await profile.context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', conditions);
        }
        times.login.push(await timed(page, async () => {
          await page.goto(`${server.url}/`);
          await page.locator('input[name="username"]').waitFor({ state: 'visible' });
        }));
        await page.fill('input[name="username"]', 'admin');
        await page.fill('input[name="password"]', ADMIN_PASSWORD);
        times.home.push(await timed(page, async () => {
          await page.click('button[type="submit"]');
          await page.locator('.RaLayout-content').waitFor();
          await waitForAnswered(page);
        }));
        times.reload.push(await timed(page, async () => {
          await page.reload();
          await page.locator('.RaLayout-content').waitFor();
          await waitForAnswered(page);
        }));
      } finally {
        await profile.close();
      }
    }
    const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`${link}: login form ${fmt(times.login)}; home page after 登录 ${fmt(times.home)}; reload ${fmt(times.reload)}`);
  }
} finally {
  await server.close();
}

async function timed(_page: Page, work: () => Promise<void>) {
  const t = performance.now();
  await work();
  return performance.now() - t;
}
