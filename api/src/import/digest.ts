// Row digests: a re-import of rows that did not change since the import that wrote them skips them before validating
// them against stored data, planning or writing (issue 12 item 3; migration 0027).
//
// A row's digest is the md5 of everything its outcome depends on besides the stored ticket: the importing street,
// the street's units as validation matches them, the columns the file has (an absent column keeps the stored value)
// and the row's cells as read. A ticket stores '<digest>:<version>' when an import writes it; any later change to
// the ticket moves its version, so a matching digest means the row would be planned as unchanged. Callbacks live in
// their own table and can be edited or removed without touching the ticket: a row with a callback is skipped only
// while the ticket still has a callback at that time (repos/ticketImport.ts unchangedRows).
import crypto from 'node:crypto';
import { COLUMNS, type Column } from './format';
import { readWallTime } from './columns';
import type { ParsedSheet } from './parse';
import { noTurns, type Turns } from './turns';

/** Bumped when what a digest covers changes: every stored digest then stops matching (a one-time long way). */
const DIGEST_VERSION = 'v1';
const SEP = '\u0001';

export interface DigestCandidate {
  /** The row as a spreadsheet shows it. */
  row: number;
  number: string;
  digest: string;
  /** The row's 回访时间 when it has one: skipped only while the ticket has a callback at that time. */
  calledAt: Date | null;
  /** The row's 重复工单号: skipped only when that master's row is skipped too and the ticket still points to it. */
  master: string | null;
}

// One-shot hashing (crypto.hash): a third of createHash's cost per row.
const md5 = (text: string) => crypto.hash('md5', text, 'hex');

/** What validation matches units by (validate.ts unitMatcher): a change to any of it re-validates every row. */
export function unitsFingerprint(units: ReadonlyArray<{ id: number; code: string; name: string; aliases: unknown; peerGroup: string }>): string {
  const sorted = [...units].sort((a, b) => a.id - b.id).map((u) => [u.id, u.code, u.name, u.aliases, u.peerGroup]);
  return md5(JSON.stringify(sorted));
}

/**
 * The rows that may be skipped, with their digests: rows with a 工单编号 that appears once in the file. A repeat's
 * root depends on its master's row, so importTickets skips it only along with its master (see skippable).
 */
export async function digestCandidates(sheet: ParsedSheet, streetId: number, unitsPrint: string, turn: Turns = noTurns): Promise<DigestCandidate[]> {
  const count = new Map<string, number>();
  for (const r of sheet.rows) {
    const n = r.values['工单编号'];
    if (n) count.set(n, (count.get(n) ?? 0) + 1);
  }
  const has = new Set<Column>(sheet.columns);
  const present = COLUMNS.filter((c) => has.has(c));
  const prefix = [DIGEST_VERSION, String(streetId), unitsPrint, present.join(',')].join(SEP) + SEP;
  const out: DigestCandidate[] = [];
  for (const r of sheet.rows) {
    const number = r.values['工单编号'];
    if (!number || count.get(number) !== 1) continue;
    let calledAt: Date | null = null;
    const called = r.values['回访时间'];
    if (called) {
      const t = readWallTime(called);
      if (!('value' in t)) continue; // a bad time: validation says so
      calledAt = t.value;
    }
    let text = prefix;
    for (const c of present) text += (r.values[c] ?? '') + SEP;
    out.push({ row: r.row, number, digest: md5(text), calledAt, master: r.values['重复工单号'] || null });
    if (turn.due()) await turn.next();
  }
  return out;
}

/**
 * The candidates to skip, given those whose ticket matched (unchangedRows: the stored master's number of each). A
 * row without 重复工单号 whose ticket matched is skipped; a repeat only when its master's row in this file is skipped
 * as a plain row (so the master is still the root it was) and its ticket still points to that master — a master
 * moved since would otherwise keep the child where it went.
 */
export function skippable(candidates: readonly DigestCandidate[], matched: ReadonlyMap<string, { repeatOfNumber: string | null }>): DigestCandidate[] {
  const plain = new Set(candidates.filter((c) => c.master === null && matched.has(c.number)).map((c) => c.number));
  return candidates.filter((c) => {
    const m = matched.get(c.number);
    if (!m) return false;
    return c.master === null || (plain.has(c.master) && m.repeatOfNumber === c.master);
  });
}

/** A stored digest for a ticket at `version`. */
export const storedDigest = (digest: string, version: number) => `${digest}:${version}`;
