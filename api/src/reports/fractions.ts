// The numerator and denominator behind each rate of the four indicators (the dashboard's "28/30"), from the same
// counts the rates are computed from (reports/kpis.ts nodeKpis), so the fraction and the rate always agree.
import type { Indicator, KpiCounts, Kpis, RateKey } from '../domain/kpi';

export interface KpiFraction {
  indicator: Indicator;
  rate: RateKey;
  /** Tickets counted (for satisfaction: the weighted or binary score sum of the scheme's variant). */
  numerator: number;
  denominator: number;
}

/** A Kpis value that still carries the counts it was computed from (the `kpis` and `kpiTrend` answers). */
export type KpisWithCounts = Kpis & { counts?: KpiCounts };

export function kpiFractions(k: KpisWithCounts): KpiFraction[] | null {
  const c = k.counts;
  if (!c) return null;
  // Satisfaction's numerator is the score sum: the rate × |S| gives it under whichever variant the rate used.
  const score = k.satisfactionRate === null ? 0 : Math.round(k.satisfactionRate * c.satisfactionBaseCount * 1e6) / 1e6;
  return [
    { indicator: 'FIRST_CONTACT', rate: 'firstContactRate', numerator: c.firstContactOnTimeCount, denominator: c.closedCount },
    { indicator: 'ON_TIME', rate: 'onTimeRate', numerator: c.onTimeCount, denominator: c.dueCount },
    { indicator: 'RESOLUTION', rate: 'resolutionRate', numerator: c.resolvedCount, denominator: c.resolutionBaseCount },
    { indicator: 'ACTUAL_RESOLVED_SHARE', rate: 'actualResolvedShare', numerator: c.actuallyResolvedCount, denominator: c.resolvedCount },
    { indicator: 'SATISFACTION', rate: 'satisfactionRate', numerator: score, denominator: c.satisfactionBaseCount },
  ];
}
