// Live updates from the API (subscription `changes`, server-sent events on /graphql — same origin, so the CSP's
// connect-src 'self' allows it): one stream per tab while signed in, reopened after a drop. Each change of tickets or
// warnings the account may see is announced as a window event; 我的待办 and open pages refresh on it.
import { GRAPHQL_URL } from '../dataProvider/request';

export interface LiveChange { table: 'TICKET' | 'WARNING'; ids: string[] | null; streetIds: string[] | null }

export const LIVE_CHANGE = 'rexian:live-change';
const QUERY = 'subscription LiveChanges { changes { table ids streetIds } }';
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

let stream: AbortController | null = null;
let connected = false;
let users = 0;

/** True while the stream is open: pollers may then rely on it. */
export const liveConnected = () => connected;

/** Blocks of `event: next\ndata: {…}` separated by blank lines (graphql-sse's distinct-connection mode). */
export function parseEvents(buffer: string): { events: Array<{ data?: { changes?: LiveChange }; errors?: unknown[] }>; rest: string } {
  const events = [];
  let cut: number;
  while ((cut = buffer.indexOf('\n\n')) >= 0) {
    const block = buffer.slice(0, cut);
    buffer = buffer.slice(cut + 2);
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (/^event: next$/m.test(block) && data) events.push(JSON.parse(data));
  }
  return { events, rest: buffer };
}

async function run(abort: AbortController) {
  for (let attempt = 0; !abort.signal.aborted; attempt++) {
    try {
      const res = await fetch(GRAPHQL_URL, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: QUERY }),
        signal: abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (!connected) {
          connected = true;
          attempt = 0;
        }
        const parsed = parseEvents(buffer + value);
        buffer = parsed.rest;
        for (const e of parsed.events) {
          if (e.errors?.length) return; // signed out or not allowed: stop until the next sign-in
          if (e.data?.changes) window.dispatchEvent(new CustomEvent<LiveChange>(LIVE_CHANGE, { detail: e.data.changes }));
        }
      }
    } catch {
      // dropped (server restart, network): retried below
    } finally {
      connected = false;
    }
    if (abort.signal.aborted) return;
    await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
  }
}

/** Opens the tab's stream (shared by every caller) and returns its release. */
export function openLiveChanges(): () => void {
  users++;
  if (!stream) {
    stream = new AbortController();
    void run(stream);
  }
  return () => {
    if (--users > 0) return;
    stream?.abort();
    stream = null;
  };
}

/** Calls `onChange` for each live change until the returned function is called. */
export function onLiveChange(onChange: (change: LiveChange) => void): () => void {
  const listener = (e: Event) => onChange((e as CustomEvent<LiveChange>).detail);
  window.addEventListener(LIVE_CHANGE, listener);
  return () => window.removeEventListener(LIVE_CHANGE, listener);
}
