// The monthly-meeting parts of 绩效排名 (issue #15): a rate coloured against its target (green at or above, red
// below, the number kept dark enough to read, the target in a tooltip and the accessible name), the rank change
// against the previous month (↑2 / ↓1 / 新 / —), the scoring rules folded into one line, who published, and the
// publish dialog that warns about open tickets and pending callbacks but still lets the leader publish.
import { useEffect, useState } from 'react';
import {
  Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, Chip, CircularProgress, Dialog, DialogActions,
  DialogContent, DialogContentText, DialogTitle, Stack, TableCell, Tooltip, Typography,
} from '@mui/material';
import { alpha } from '@mui/material/styles';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import FunctionsIcon from '@mui/icons-material/Functions';
import { useTranslate } from 'react-admin';
import { usePageText } from '../../work/pageText';
import { query, RATES, type RateKey } from '../api';
import { DASH, meets, pct } from '../format';
import { enRankingMeeting, zhRankingMeeting } from './messages';

export const useMeetingText = () => usePageText(zhRankingMeeting, enRankingMeeting);

export interface RankingRules {
  schemeName: string;
  fromSnapshot: boolean;
  minSample: number;
  rollingMonths: number;
  satisfactionVariant: string;
  excellentPoints: number;
  demonstrationMinPoints: number;
  demonstrationMaxPoints: number;
  indicators: { indicator: string; rateField: RateKey; weight: number; target: number }[];
  negativeItems: { code: string; title: string; points: number }[];
}
export const RULES_FIELDS = `rules { schemeName fromSnapshot minSample rollingMonths satisfactionVariant excellentPoints demonstrationMinPoints demonstrationMaxPoints
  indicators { indicator rateField weight target } negativeItems { code title points } }`;

export type Targets = Partial<Record<RateKey, number>>;
export const targetsOf = (rules: RankingRules | null | undefined): Targets =>
  Object.fromEntries((rules?.indicators ?? []).map((i) => [i.rateField, i.target]));

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** A percentage without trailing zeros: 97%, 93.5%. */
const targetPct = (t: number) => `${Number((t * 100).toFixed(2))}%`;

/**
 * A rate cell: green at or above its target, red below, the target in the tooltip and the accessible name. A row of
 * 样本不足 (`unranked`: too few closed tickets, greyed, no rank) is not held against the targets: its rates stay plain.
 * Both tabs of 绩效排名 (units and streets) colour their rates with this.
 */
export const RateCell = ({ rateKey, rate, target, unranked = false }: { rateKey: RateKey; rate: number | null; target: number | undefined; unranked?: boolean }) => {
  const t = useMeetingText();
  const translate = useTranslate();
  const indicator = translate(`reports.indicator.${RATES.find((r) => r.key === rateKey)!.indicator}`);
  if (unranked) return <TableCell align="right" sx={num} data-rate={rateKey} data-meets="unranked">{pct(rate)}</TableCell>;
  if (target === undefined) return <TableCell align="right" sx={num} data-rate={rateKey}>{pct(rate)}</TableCell>;
  const ok = meets(rate, target);
  const label = t(ok === null ? 'target.none' : ok ? 'target.met' : 'target.missed', { indicator, rate: pct(rate), target: targetPct(target) });
  return (
    <TableCell align="right" sx={num} data-rate={rateKey} data-meets={ok === null ? 'none' : ok ? 'yes' : 'no'}>
      <Tooltip title={label}>
        <Box component="span" aria-label={label} tabIndex={0}
          sx={(theme) => ({
            display: 'inline-block', px: 0.5, py: 0.25, borderRadius: 1, fontWeight: 500,
            ...(ok === null ? {} : ok
              ? { color: theme.palette.success.dark, bgcolor: alpha(theme.palette.success.main, 0.12) }
              : { color: theme.palette.error.dark, bgcolor: alpha(theme.palette.error.main, 0.12) }),
          })}>
          {pct(rate)}
        </Box>
      </Tooltip>
    </TableCell>
  );
};

/** The colour legend above the table. */
export const TargetLegend = () => {
  const t = useMeetingText();
  const swatch = (ok: boolean) => (theme: import('@mui/material').Theme) => ({
    px: 0.75, borderRadius: 1, fontSize: 12,
    color: ok ? theme.palette.success.dark : theme.palette.error.dark,
    bgcolor: alpha(ok ? theme.palette.success.main : theme.palette.error.main, 0.12),
  });
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 1, color: 'text.secondary', fontSize: 13 }} data-testid="target-legend">
      <span>{t('target.legend')}</span>
      <Box component="span" sx={swatch(true)}>{t('target.legend_met')}</Box>
      <Box component="span" sx={swatch(false)}>{t('target.legend_missed')}</Box>
    </Stack>
  );
};

export interface ChangeRow { rank: number | null; previousRank: number | null; rankChange: number | null; newlyRanked: boolean }

/** ↑2 / ↓1 / 新 / — as the API gives it (— for an unchanged rank and for a row without a rank). */
export function changeLabel(r: ChangeRow, newLabel = '新'): string {
  if (r.newlyRanked) return newLabel;
  if (r.rankChange === null || r.rankChange === 0) return DASH;
  return r.rankChange > 0 ? `↑${r.rankChange}` : `↓${-r.rankChange}`;
}

export const RankChangeCell = ({ row, previousMonth }: { row: ChangeRow; previousMonth: string }) => {
  const t = useMeetingText();
  const label = changeLabel(row, t('change.new_label'));
  const p = { prev: previousMonth, from: row.previousRank, to: row.rank };
  const tip = row.newlyRanked ? t('change.new', p)
    : row.rank === null ? t('change.unranked')
    : row.rankChange === null ? t('change.unranked')
    : row.rankChange > 0 ? t('change.up', { ...p, n: row.rankChange })
    : row.rankChange < 0 ? t('change.down', { ...p, n: -row.rankChange })
    : t('change.same', p);
  const color = row.newlyRanked ? 'info.dark' : row.rankChange && row.rankChange > 0 ? 'success.dark' : row.rankChange && row.rankChange < 0 ? 'error.dark' : 'text.secondary';
  return (
    <TableCell align="center" sx={{ ...num, fontWeight: 600 }} data-testid="rank-change">
      <Tooltip title={tip}>
        <Box component="span" aria-label={tip} tabIndex={0} sx={{ color }}>{label}</Box>
      </Tooltip>
    </TableCell>
  );
};

/** The scoring rules, folded to one line; unfolded: the base formula, each indicator's weight and target, bonus and deduction. */
export const RulesPanel = ({ rules }: { rules: RankingRules }) => {
  const t = useMeetingText();
  const translate = useTranslate();
  const points = rules.negativeItems.map((i) => i.points);
  const fmt = (n: number) => String(Number(n.toFixed(2)));
  return (
    <Accordion disableGutters variant="outlined" data-testid="ranking-rules" sx={{ '&:before': { display: 'none' } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} data-testid="ranking-rules-summary" sx={{ minHeight: 40, '& .MuiAccordionSummary-content': { my: 0.5 } }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <FunctionsIcon fontSize="small" color="action" />
          <Typography variant="body2" sx={{ fontWeight: 600 }}>{t('rules.summary')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {rules.indicators.map((i) => `${translate(`reports.indicator.${i.indicator}`)} ${fmt(i.weight)}`).join(' · ')}
          </Typography>
        </Stack>
      </AccordionSummary>
      <AccordionDetails sx={{ pt: 0 }}>
        <Stack sx={{ gap: 0.75, fontSize: 13 }} data-testid="ranking-rules-details">
          <Typography variant="body2" color="text.secondary">{t('rules.scheme', { name: rules.schemeName, frozen: rules.fromSnapshot ? t('rules.frozen') : '' })}</Typography>
          <Typography variant="body2">{t('rules.base')}</Typography>
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
            {rules.indicators.map((i) => (
              <Chip key={i.indicator} size="small" variant="outlined" data-indicator={i.indicator}
                label={t('rules.chip', { indicator: translate(`reports.indicator.${i.indicator}`), w: fmt(i.weight), t: targetPct(i.target) })} />
            ))}
          </Stack>
          <Typography variant="body2">{t(`rules.satisfaction_${rules.satisfactionVariant}`, { _: '' })}</Typography>
          <Typography variant="body2">{t('rules.bonus', { excellent: fmt(rules.excellentPoints), min: fmt(rules.demonstrationMinPoints), max: fmt(rules.demonstrationMaxPoints) })}</Typography>
          <Typography variant="body2">
            {points.length ? t('rules.deduction', { count: points.length, min: fmt(Math.min(...points)), max: fmt(Math.max(...points)) }) : t('rules.deduction_none')}
          </Typography>
          {rules.negativeItems.length ? (
            <Typography variant="caption" color="text.secondary" sx={{ lineHeight: 1.6 }}>
              {t('rules.items', { items: rules.negativeItems.map((i) => `${i.code} ${i.title} −${fmt(i.points)}`).join(' · ') })}
            </Typography>
          ) : null}
          <Typography variant="body2" color="text.secondary">{t('rules.sample', { min: rules.minSample, months: rules.rollingMonths })}</Typography>
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
};

/** 「发布人：王主任（街道领导）」 beside the 已发布（time） chip. */
export const PublisherLine = ({ publishedBy, publishedByRole }: { publishedBy: string | null; publishedByRole: string | null }) => {
  const t = useMeetingText();
  const translate = useTranslate();
  const text = publishedBy
    ? t('published.by', { name: publishedBy, role: publishedByRole ? translate(`rexian.enum.userRole.${publishedByRole}`, { _: publishedByRole }) : '—' })
    : t('published.by_unknown');
  return <Typography variant="body2" color="text.secondary" data-testid="ranking-publisher">{text}</Typography>;
};

interface PublishCheck { openTickets: number; pendingCallbacks: number }

/** The publish dialog: reads what could still change the month, warns with the counts, and publishes on request. */
export const PublishDialog = ({ open, streetId, month, republish, onClose, onConfirm }: {
  open: boolean; streetId: string; month: string; republish: boolean; onClose: () => void; onConfirm: () => void;
}) => {
  const t = useMeetingText();
  const translate = useTranslate();
  const [check, setCheck] = useState<PublishCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setCheck(null);
    setError(null);
    query<{ rankingPublishCheck: PublishCheck }>(
      `query($s: ID!, $m: String!) { rankingPublishCheck(streetId: $s, month: $m) { openTickets pendingCallbacks } }`,
      { s: streetId, m: month },
    )
      .then((d) => live && setCheck(d.rankingPublishCheck))
      .catch((e: Error) => live && setError(translate(e.message, { _: e.message })));
    return () => {
      live = false;
    };
  }, [open, streetId, month, translate]);
  const pending = !!check && (check.openTickets > 0 || check.pendingCallbacks > 0);
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth data-testid="publish-dialog">
      <DialogTitle>{translate(republish ? 'reports.ranking.republish' : 'reports.ranking.publish')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('reports.ranking.publish_confirm', { month })}</DialogContentText>
        {!check && !error ? (
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1, color: 'text.secondary' }}><CircularProgress size={16} />{t('publish.checking')}</Stack>
        ) : null}
        {error ? <Alert severity="info">{t('publish.check_failed', { error })}</Alert> : null}
        {check && pending ? (
          <Alert severity="warning" data-testid="publish-warning">
            {t('publish.warning', { month, open: check.openTickets, callbacks: check.pendingCallbacks })}
            <Stack direction="row" sx={{ gap: 1, mt: 1 }}>
              <Chip size="small" color="warning" variant="outlined" data-testid="publish-open" label={`${t('publish.open')} ${check.openTickets}`} />
              <Chip size="small" color="warning" variant="outlined" data-testid="publish-callbacks" label={`${t('publish.callbacks')} ${check.pendingCallbacks}`} />
            </Stack>
          </Alert>
        ) : null}
        {check && !pending ? <Alert severity="success" data-testid="publish-clear">{t('publish.clear', { month })}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('publish.cancel')}</Button>
        <Button variant="contained" color={pending ? 'warning' : 'primary'} onClick={onConfirm} data-testid="publish-confirm">
          {t(pending ? 'publish.confirm_anyway' : 'publish.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
