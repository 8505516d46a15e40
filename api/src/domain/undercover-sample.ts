// The monthly 暗访 sample of UNFOUNDED tickets (domain.md §5 "Unfounded tickets and undercover visits").
//
// Population (the street's tickets of month M): tickets of the street that are not repeat children (the master
// carries the matter, as in the KPI closed set), whose fact finding is 不属实 UNFOUNDED and accepted (the same
// test that takes them out of the resolution rate), and whose closedAt lies in M as an Asia/Shanghai calendar
// month [start, end) — the month the finding was accepted in, like the closed set C of domain.md §3.
//
// The sample is "bottom-k" on a seeded hash: every ticket gets a pseudo-random rank hash(seed, id) and the k
// lowest ranks are chosen. So the same seed and the same tickets give the same sample in any input order, and
// adding a ticket later changes the sample by at most one ticket in, one out (the newcomer displaces the
// highest-ranked chosen one only when it ranks lower, or joins when k grows).

export const DEFAULT_UNDERCOVER_SHARE = 0.15;

/** The negative-list item written when a visit overturns a 不属实 finding, unless the recorder picks another. */
export const OVERTURNED_DEFAULT_ITEM_CODE = 'NL08';

/** murmur3's 32-bit finaliser: a cheap, well-mixed bijection on uint32. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The ticket's rank under a seed (lower is drawn first). */
export function sampleRank(seed: number, ticketId: number): number {
  return fmix32((seed >>> 0) ^ fmix32(ticketId >>> 0) ^ 0x9e3779b9);
}

/** ceil(share × n), immune to float noise (0.15 × 20 is 3.0000000000000004, which must give 3, not 4). */
export function sampleSize(n: number, share: number): number {
  if (n <= 0) return 0;
  return Math.min(n, Math.ceil(Math.round(share * n * 1e6) / 1e6));
}

/** Share is a fraction in (0, 1] with at most three decimals (the column is numeric(4,3)); returns the error. */
export function shareError(share: number): string | undefined {
  if (!Number.isFinite(share) || share <= 0 || share > 1) return '抽样比例应大于 0 且不超过 1（例如 0.15）';
  if (Math.abs(Math.round(share * 1000) - share * 1000) > 1e-6) return '抽样比例最多三位小数';
  return undefined;
}

/** A fresh seed: a positive 31-bit integer, so it fits PostgreSQL's integer. */
export function randomSeed(random: () => number = Math.random): number {
  return 1 + Math.floor(random() * 0x7ffffffe);
}

/**
 * The tickets to visit: ceil(share × n) of the distinct ids, lowest seeded rank first (ties, which a bijection
 * makes impossible for distinct ids, would fall back to the id). Returned in draw order.
 */
export function drawSample(ticketIds: readonly number[], seed: number, share: number = DEFAULT_UNDERCOVER_SHARE): number[] {
  const ids = [...new Set(ticketIds)];
  const k = sampleSize(ids.length, share);
  return ids
    .map((id) => ({ id, rank: sampleRank(seed, id) }))
    .sort((a, b) => a.rank - b.rank || a.id - b.id)
    .slice(0, k)
    .map((x) => x.id);
}

/** The calendar month before `month` ('YYYY-MM'). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
