// Number formats of the report screens: rates as percentages with two decimals, "—" where a rate has no
// denominator (never 0 and never 100%), scores with two decimals.
export const DASH = '—';

export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return DASH;
  return `${(rate * 100).toFixed(2)}%`;
}

export function score(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return DASH;
  return v.toFixed(2);
}

/** Meets the target? null when there is no rate. A small epsilon: 0.97 stored as 0.9699999… still meets 97%. */
export function meets(rate: number | null | undefined, target: number): boolean | null {
  if (rate === null || rate === undefined) return null;
  return rate + 1e-9 >= target;
}

/** 'YYYY-MM' → its first and last local dates. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The first month of the n months ending with `month` (YYYY-MM): a ranking row's rolling window (近N月). */
export function firstMonthOf(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) - (n - 1);
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** The month (YYYY-MM, Asia/Shanghai) of an instant. */
export function shanghaiMonth(iso: string | Date): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The previous full month in Shanghai (the default when nothing has data yet). */
export function previousMonth(now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A date-time in Shanghai as YYYY-MM-DD HH:mm, as the city export writes it. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
