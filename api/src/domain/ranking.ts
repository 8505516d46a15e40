// Monthly ranking (绩效排名, domain.md §4) as pure functions: the rolling window of a unit short of closed tickets,
// the base score, bonus and deduction, the total and the rank inside a peer group. reports/ranking.ts reads the
// per-month counts in one SQL statement and ranks them here; the tests compare that with domain/kpi.ts on tickets.
import { emptyCounts, RATE_KEYS, ratesFromCounts, type KpiCounts, type Kpis, type RateKey, type SatisfactionVariant } from './kpi';

export interface ScoringScheme {
  id: number | null;
  name: string;
  /** wᵢ of each indicator. */
  weights: Record<RateKey, number>;
  /** targetᵢ of each indicator, a fraction in (0, 1]; also the 百日攻坚 campaign targets. */
  targets: Record<RateKey, number>;
  /** Fewer closed tickets in the month than this: measured over the rolling window, or else not ranked (样本不足). */
  minSample: number;
  /** The longest rolling window in months (the month and the ones before it); 1 = the month alone. */
  rollingMonths: number;
  satisfactionVariant: SatisfactionVariant;
  campaignFrom: string;
  campaignTo: string;
}

/** domain.md §4 defaults; the database row (scoring_scheme) is what reports use. */
export const DEFAULT_SCHEME: ScoringScheme = {
  id: null,
  name: 'default',
  weights: { firstContactRate: 20, onTimeRate: 20, resolutionRate: 20, actualResolvedShare: 10, satisfactionRate: 30 },
  targets: { firstContactRate: 1, onTimeRate: 1, resolutionRate: 0.97, actualResolvedShare: 0.8, satisfactionRate: 0.93 },
  minSample: 5,
  rollingMonths: 3,
  satisfactionVariant: 'WEIGHTED',
  campaignFrom: '2023-09-01',
  campaignTo: '2023-12-09',
};

/**
 * Base score 0–100 = 100 · Σ wᵢ·min(1, rateᵢ/targetᵢ) / Σ wᵢ over the indicators that have a rate: a null rate
 * drops out and the others are rescaled. No indicator with a rate (or only zero weights) → no score.
 * The sums run in RATE_KEYS order, as in the SQL, so both give the same floating-point value.
 */
export function baseScore(kpis: Kpis, scheme: Pick<ScoringScheme, 'weights' | 'targets'>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const key of RATE_KEYS) {
    const rate = kpis[key];
    if (rate === null) continue;
    weighted += scheme.weights[key] * Math.min(1, rate / scheme.targets[key]);
    weights += scheme.weights[key];
  }
  return weights > 0 ? (100 * weighted) / weights : null;
}

/** Σ points, exact to the cent as the database's numeric sum is. */
export function sumPoints(points: readonly number[]): number {
  return points.reduce((cents, p) => cents + Math.round(p * 100), 0) / 100;
}

/** Total = base + bonus − deduction; no total without a base. */
export function totalScore(base: number | null, bonus: number, deduction: number): number | null {
  return base === null ? null : base + bonus - deduction;
}

/**
 * A total rounded to 4 decimals, the precision at which totals tie. It reproduces PostgreSQL's
 * `round(total::numeric, 4)`: float8 → numeric keeps 15 significant digits, then rounds half away from zero.
 */
export function scoreKey(x: number): number {
  if (!Number.isFinite(x)) return x;
  // Fast path (a district's year keys ~16,000 totals): for |x| < 1000 the 15 digits and x·10⁴'s rounding move x·10⁴ by
  // < 10⁻⁸, so away from a half (> 10⁻⁶) the nearest integer is the one PostgreSQL rounds to. (+ 0: no −0.)
  const scaled = x * 1e4;
  if (Math.abs(x) < 1000 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) return Math.round(scaled) / 1e4 + 0;
  const [mantissa, exponent] = x.toPrecision(15).split('e') as [string, string | undefined];
  const negative = mantissa.startsWith('-');
  const [intPart, fracPart = ''] = mantissa.replace('-', '').split('.') as [string, string | undefined];
  const digits = BigInt(intPart + fracPart);
  // value = digits · 10^(scale), and we want round(value · 10^4)
  const shift = Number(exponent ?? 0) - fracPart.length + 4;
  let q: bigint;
  if (shift >= 0) q = digits * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    q = digits / div;
    if ((digits % div) * 2n >= div) q += 1n;
  }
  const v = Number(q) / 1e4;
  return negative && v !== 0 ? -v : v;
}

// ---- The rolling window (近N月) ----

/** 'YYYY-MM' and the n − 1 months before it, the month first. */
export function monthsBack(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

export interface RankingWindow {
  /** Months the indicators cover: 1 (the month) or the rolling window. */
  windowMonths: number;
  /** Short of minSample even over rollingMonths: no rank, the month's own figures. */
  sampleTooSmall: boolean;
}

/**
 * domain.md §4: the shortest window of at most rollingMonths months, the month and the months just before it, that
 * reaches minSample closed tickets. `closedByMonth` is the month first, then each month before it.
 */
export function rankingWindow(closedByMonth: readonly number[], scheme: Pick<ScoringScheme, 'minSample' | 'rollingMonths'>): RankingWindow {
  const longest = Math.max(1, Math.min(scheme.rollingMonths, closedByMonth.length));
  let closed = 0;
  for (let n = 1; n <= longest; n++) {
    closed += closedByMonth[n - 1] ?? 0;
    if (closed >= scheme.minSample) return { windowMonths: n, sampleTooSmall: false };
  }
  return { windowMonths: 1, sampleTooSmall: true };
}

const COUNT_KEYS = Object.keys(emptyCounts()) as (keyof KpiCounts)[];

/** Counts of disjoint periods add up to the counts of their union (every set of §3 is a per-ticket test on P). */
export function addCounts(parts: readonly KpiCounts[]): KpiCounts {
  const sum = emptyCounts();
  for (const c of parts) for (const k of COUNT_KEYS) sum[k] += c[k];
  return sum;
}

export interface WindowedKpis extends RankingWindow {
  kpis: Kpis;
  /** Closed tickets of each month considered, the month first (rollingMonths entries). */
  closedByMonth: number[];
}

/**
 * A node's indicators for the ranking from its counts of each month (the month first, rollingMonths entries):
 * over the rolling window when the month alone is short of minSample, else the month's own.
 */
export function windowedKpis(monthly: readonly KpiCounts[], scheme: Pick<ScoringScheme, 'minSample' | 'rollingMonths' | 'satisfactionVariant'>): WindowedKpis {
  const closedByMonth = monthly.map((c) => c.closedCount);
  const { windowMonths, sampleTooSmall } = rankingWindow(closedByMonth, scheme);
  // A district's year ranks ~16,000 unit-months: the month alone (the usual case) is read as it is, not summed.
  const counts = windowMonths === 1 ? monthly[0] ?? emptyCounts() : addCounts(monthly.slice(0, windowMonths));
  return { windowMonths, sampleTooSmall, kpis: ratesFromCounts(counts, scheme.satisfactionVariant), closedByMonth };
}

// ---- Scores and ranks ----

export interface RankCandidate {
  id: number;
  code: string;
  /** Peer group (units) or '' (streets: no peer groups). */
  group: string;
  /** Over the window (windowMonths), or the month's own when sampleTooSmall. */
  kpis: Kpis;
  windowMonths: number;
  sampleTooSmall: boolean;
  /** Closed tickets of each month considered, the month first. */
  closedByMonth: number[];
  /** The month's only, whatever the window. */
  bonus: number;
  deduction: number;
}

export interface RankedRow extends RankCandidate {
  baseScore: number | null;
  total: number | null;
  /** null for 样本不足 and for a row without a score. */
  rank: number | null;
}

export const PEER_GROUP_ORDER = ['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL'] as const;

const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
const ascNullsLast = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/**
 * Ranks inside each group: total desc, then satisfactionRate desc (null last), then code asc; totals equal to
 * 4 decimals share a rank and the next rank skips (1, 2, 2, 4). Rows come in rank order, unranked last; rows of
 * the same rank in peer-group order.
 */
export function rankRows(candidates: readonly RankCandidate[], scheme: Pick<ScoringScheme, 'weights' | 'targets'>): RankedRow[] {
  // Each row once, as a plain literal (a district's year ranks ~16,000 of them), with its sort keys beside it.
  const scored = candidates.map((c, index) => {
    const base = baseScore(c.kpis, scheme);
    const total = totalScore(base, c.bonus, c.deduction);
    const row: RankedRow = {
      id: c.id,
      code: c.code,
      group: c.group,
      kpis: c.kpis,
      windowMonths: c.windowMonths,
      sampleTooSmall: c.sampleTooSmall,
      closedByMonth: c.closedByMonth,
      bonus: c.bonus,
      deduction: c.deduction,
      baseScore: base,
      total,
      rank: null,
    };
    return { row, key: total === null ? null : scoreKey(total), groupIndex: groupIndex(c.group), index };
  });
  // Within a group by key, best first: a ranked row's rank is 1 + the ranked rows of its group with a higher key.
  scored.sort((a, b) => a.groupIndex - b.groupIndex || (a.row.group < b.row.group ? -1 : a.row.group > b.row.group ? 1 : 0) || desc(a.key, b.key));
  let group: string | null = null;
  let ahead = 0; // ranked rows of the group so far
  let previous: RankedRow | null = null; // the last of them, whose key a tie shares
  let previousKey: number | null = null;
  for (const s of scored) {
    if (s.row.group !== group) {
      group = s.row.group;
      ahead = 0;
      previous = null;
    }
    if (s.row.sampleTooSmall || s.key === null) continue;
    s.row.rank = previous !== null && previousKey === s.key ? previous.rank : ahead + 1;
    previous = s.row;
    previousKey = s.key;
    ahead++;
  }
  scored.sort(
    (a, b) =>
      ascNullsLast(a.row.rank, b.row.rank) ||
      a.groupIndex - b.groupIndex ||
      desc(a.key, b.key) ||
      desc(a.row.kpis.satisfactionRate, b.row.kpis.satisfactionRate) ||
      (a.row.code < b.row.code ? -1 : a.row.code > b.row.code ? 1 : 0) ||
      a.index - b.index,
  );
  return scored.map((s) => s.row);
}

function groupIndex(g: string): number {
  const i = (PEER_GROUP_ORDER as readonly string[]).indexOf(g);
  return i < 0 ? PEER_GROUP_ORDER.length : i;
}
