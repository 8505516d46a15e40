// 距攻坚目标 (gapToTarget) as one table, for the unit handler's dashboard and for 指标解释's unit panel alike: each rate
// now (with its fraction) against its target, and the gap — met, how many more successes reach it and the open tickets
// that decide it, or, once the month is over or the open tickets cannot close it, how far it fell short.
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { usePageText } from '../work/pageText';
import { RATE_OF, type Indicator } from './api';
import { enDashboard, zhDashboard } from './dashboardMessages';
import { monthDays, pct } from './format';

export interface Gap {
  indicator: Indicator; target: number; rate: number | null; numerator: number; denominator: number; met: boolean; needed: number | null;
  decidingTickets: { id: string; number: string }[];
}
export interface GapToTarget { month: string; asOf: string; inCampaign: boolean; campaignFrom: string; campaignTo: string; unit: { name: string }; indicators: Gap[] }

/** The gapToTarget fields the table reads. */
export const GAP_FIELDS = `month asOf inCampaign campaignFrom campaignTo unit { name }
  indicators { indicator target rate numerator denominator met needed decidingTickets { id number } }`;

export const useGapText = () => usePageText(zhDashboard, enDashboard);

/** Successes short of the target over a finished denominator: each miss turned into a success adds one. */
export function shortBy(numerator: number, denominator: number, target: number): number {
  if (denominator === 0) return 0;
  return Math.max(0, Math.ceil(target * denominator - numerator - 1e-9));
}

/** The answer is as of the month's end (Asia/Shanghai): nothing open can change it any more. */
export function gapMonthOver(gap: Pick<GapToTarget, 'asOf' | 'month'>): boolean {
  return new Date(gap.asOf).getTime() >= new Date(`${monthDays(gap.month).to}T23:59:59+08:00`).getTime() - 1000;
}

const fraction = (n: number, d: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}/${d}`;

export const GapTable = ({ gap, decidingMax = 5 }: { gap: GapToTarget; decidingMax?: number }) => {
  const text = useGapText();
  const translate = useTranslate();
  const monthOver = gapMonthOver(gap);
  return (
    <Table size="small" sx={{ mt: 1 }} data-testid="gap-table">
      <TableHead>
        <TableRow>
          <TableCell>{text('gap.col.indicator')}</TableCell>
          <TableCell align="right">{text('gap.col.now')}</TableCell>
          <TableCell align="right">{text('gap.col.target')}</TableCell>
          <TableCell>{text('gap.col.gap')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {gap.indicators.filter((g) => RATE_OF[g.indicator]).map((g) => {
          const tone = g.met ? 'success.main' : g.denominator === 0 ? 'text.secondary' : 'error.main';
          return (
            <TableRow key={g.indicator} data-testid={`gap-${g.indicator}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate(`reports.indicator.${g.indicator}`)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                <Typography component="span" variant="body2" sx={{ color: g.rate === null ? 'text.secondary' : tone, fontWeight: 600 }}>{pct(g.rate)}</Typography>
                {g.denominator ? <Typography component="span" variant="caption" color="text.secondary">{` ${fraction(g.numerator, g.denominator)}`}</Typography> : null}
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>{pct(g.target)}</TableCell>
              <TableCell sx={{ color: tone }}>
                <GapText gap={g} monthOver={monthOver} decidingMax={decidingMax} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};

const GapText = ({ gap: g, monthOver, decidingMax }: { gap: Gap; monthOver: boolean; decidingMax: number }) => {
  const text = useGapText();
  if (g.met) return <>{text('gap.met')}</>;
  if (g.denominator === 0 && g.needed === null) return <>{text('gap.no_data')}</>;
  if (g.needed !== null && !monthOver) {
    return (
      <>
        {text(`gap.needed.${g.indicator}`, { n: g.needed })}
        <Typography variant="caption" component="div" color="text.secondary">
          {g.decidingTickets.length ? (
            <>
              {text('gap.deciding')}
              {g.decidingTickets.slice(0, decidingMax).map((t, i) => (
                <span key={t.id}>{i ? text('gap.list') : ''}<Link to={`/Ticket/${t.id}/show`}>{t.number}</Link></span>
              ))}
              {g.decidingTickets.length > decidingMax ? text('gap.more', { n: g.decidingTickets.length }) : ''}
            </>
          ) : text('gap.deciding_none')}
        </Typography>
      </>
    );
  }
  return <>{text(`gap.short.${g.indicator}`, { n: shortBy(g.numerator, g.denominator, g.target) })}{text(monthOver ? 'gap.ended' : 'gap.unreachable')}</>;
};
