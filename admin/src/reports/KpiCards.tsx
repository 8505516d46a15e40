// The dashboard's indicator cards (every role): each rate with its numerator/denominator (28/30), the change against
// the month before in percentage points (↑1.2 个百分点), and the target. Part of the lazily loaded dashboard.
import { Box, Chip, Stack, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { usePageText } from '../work/pageText';
import { RATES, type Indicator, type Kpis, type RateKey, type Targets } from './api';
import { enDashboard, zhDashboard } from './dashboardMessages';
import { DASH, meets, pct } from './format';

export interface KpiFraction { indicator: Indicator; numerator: number; denominator: number }
export type KpisWithFractions = Kpis & { fractions?: KpiFraction[] | null };
/** The fields of a dashboard's `kpis` query: the rates and their fractions. */
export const KPI_CARD_FIELDS = 'receivedCount closedCount firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate fractions { indicator numerator denominator }';

/** 'YYYY-MM' → the month before. */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) - 1;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** A numerator as counted: whole tickets, or a score sum (satisfaction) with one decimal. */
const count = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The change in percentage points, rounded to one decimal; null when either month has no rate. */
export function changePoints(rate: number | null | undefined, previous: number | null | undefined): number | null {
  if (rate === null || rate === undefined || previous === null || previous === undefined) return null;
  return Math.round((rate - previous) * 1000) / 10;
}

/** 24 px in a narrow window, 30 px from about 1500 px wide. */
const RATE_SIZE = 'clamp(24px, 2vw, 30px)';

export const useDashboardText = () => usePageText(zhDashboard, enDashboard);

export const KpiCards = ({ kpis, previous, previousMonth, targets, link }: {
  kpis: KpisWithFractions | null;
  previous: Kpis | null;
  previousMonth: string;
  targets: Targets | null;
  /** The explanation page of an indicator, when the data has loaded. */
  link: ((indicator: Indicator) => string) | null;
}) => {
  const translate = useTranslate();
  const text = useDashboardText();
  return (
    // Five in a row from the md breakpoint (1280 px wide windows included), the rate's size following the width.
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'repeat(auto-fit, minmax(170px, 1fr))', md: 'repeat(5, minmax(0, 1fr))' }, gap: { xs: 1.5, lg: 2 } }}>
      {RATES.map(({ key, indicator }) => (
        <KpiCard key={key} rateKey={key} indicator={indicator} label={translate(`reports.indicator.${indicator}`)} kpis={kpis} previous={previous}
          previousMonth={previousMonth} target={targets?.[key] ?? null} link={link} text={text} />
      ))}
    </Box>
  );
};

const KpiCard = ({ rateKey, indicator, label, kpis, previous, previousMonth, target, link, text }: {
  rateKey: RateKey;
  indicator: Indicator;
  label: string;
  kpis: KpisWithFractions | null;
  previous: Kpis | null;
  previousMonth: string;
  target: number | null;
  link: ((indicator: Indicator) => string) | null;
  text: ReturnType<typeof useDashboardText>;
}) => {
  const translate = useTranslate();
  const rate = kpis?.[rateKey] ?? null;
  const ok = target === null ? null : meets(rate, target);
  const color = ok === null ? 'text.secondary' : ok ? 'success.main' : 'error.main';
  const fraction = kpis?.fractions?.find((f) => f.indicator === indicator) ?? null;
  const delta = kpis && previous ? changePoints(rate, previous[rateKey]) : null;
  return (
    <Box data-testid={`kpi-${rateKey}`} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, borderLeft: 4, borderLeftColor: color, minWidth: 0 }}>
      <Typography variant="body2" color="text.secondary">{label}</Typography>
      {kpis && link ? (
        <Link to={link(indicator)} data-testid={`kpi-link-${rateKey}`}
          sx={{ display: 'inline-block', fontSize: RATE_SIZE, lineHeight: 1.25, fontWeight: 700, color, fontVariantNumeric: 'tabular-nums', textDecoration: 'none', '&:hover': { textDecoration: 'underline' } }}
          title={rate === null ? translate('reports.common.no_rate') : undefined}>
          {pct(rate)}
        </Link>
      ) : (
        <Typography sx={{ fontSize: RATE_SIZE, lineHeight: 1.25, fontWeight: 700, color: 'text.disabled' }}>{DASH}</Typography>
      )}
      {/* Always its own line, so the five cards stay the same height whatever the widths of the numbers. */}
      <Typography data-testid={fraction ? `kpi-fraction-${rateKey}` : undefined} title={text('card.fraction_title', { what: text(`card.what.${indicator}`) })}
        sx={{ fontSize: 15, fontWeight: 600, color: 'text.secondary', fontVariantNumeric: 'tabular-nums', minHeight: '1.5em' }}>
        {fraction ? text('card.fraction', { numerator: count(fraction.numerator), denominator: fraction.denominator }) : null}
      </Typography>
      {kpis && previous ? (
        <Typography variant="caption" component="div" data-testid={`kpi-change-${rateKey}`} sx={{ fontVariantNumeric: 'tabular-nums' }}
          title={text('card.last_title', { month: previousMonth, rate: pct(previous[rateKey]) })}
          color={delta === null || delta === 0 ? 'text.secondary' : delta > 0 ? 'success.main' : 'error.main'}>
          {delta === null ? text('card.no_last') : delta === 0 ? text('card.same') : text(delta > 0 ? 'card.up' : 'card.down', { delta: Math.abs(delta).toFixed(1) })}
        </Typography>
      ) : null}
      <Stack direction="row" sx={{ alignItems: 'center', columnGap: 1, rowGap: 0.25, mt: 0.25, flexWrap: 'wrap' }}>
        <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>{translate('reports.common.target', { target: target === null ? DASH : pct(target) })}</Typography>
        {ok === null ? null : (
          <Chip size="small" label={translate(ok ? 'reports.dashboard.met' : 'reports.dashboard.missed')} color={ok ? 'success' : 'error'} variant="outlined" sx={{ height: 20 }} />
        )}
      </Stack>
    </Box>
  );
};
