// 「发布后数据有变化」 of 绩效排名 (issue #15): what recomputing a published month would change
// (rankingStatus.differences, one row per unit and field), folded to a one-line summary; unfolded, one line per unit
// with its rank then and now and the fields that changed under their names, rates as percentages.
import { Accordion, AccordionDetails, AccordionSummary, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { useTranslate } from 'react-admin';
import { usePageText } from '../work/pageText';
import { DASH, pct, score } from './format';
import { enRankingDiff, zhRankingDiff } from './rankingDiffMessages';

export interface Difference { unitId: string; unit: { name: string } | null; field: string; snapshot: unknown; current: unknown }

interface UnitChanges { unitId: string; name: string; rank: Difference | null; listed: Difference | null; fields: Difference[] }

/** The differences of each unit, in the API's order. */
export function byUnit(differences: readonly Difference[]): UnitChanges[] {
  const units = new Map<string, UnitChanges>();
  for (const d of differences) {
    let u = units.get(d.unitId);
    if (!u) units.set(d.unitId, (u = { unitId: d.unitId, name: d.unit?.name ?? d.unitId, rank: null, listed: null, fields: [] }));
    if (d.field === 'rank') u.rank = d;
    else {
      if (d.field === 'listed') u.listed = d;
      u.fields.push(d);
    }
  }
  for (const u of units.values()) u.fields.sort((a, b) => order(a.field) - order(b.field));
  return [...units.values()];
}

/** The fields in the order the ranking table reads: standing, scores, then the indicators as the plan lists them. */
const FIELD_ORDER = [
  'listed', 'peerGroup', 'sampleTooSmall', 'windowMonths', 'total', 'baseScore', 'bonus', 'deduction', 'kpis.receivedCount', 'kpis.closedCount',
  'kpis.firstContactRate', 'kpis.onTimeRate', 'kpis.resolutionRate', 'kpis.actualResolvedShare', 'kpis.satisfactionRate',
];
const order = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);

const RATE_FIELDS = new Set(['kpis.firstContactRate', 'kpis.onTimeRate', 'kpis.resolutionRate', 'kpis.actualResolvedShare', 'kpis.satisfactionRate']);
const SCORE_FIELDS = new Set(['baseScore', 'bonus', 'deduction', 'total']);
const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

export const RankingDifferences = ({ differences }: { differences: Difference[] }) => {
  const t = usePageText(zhRankingDiff, enRankingDiff);
  const translate = useTranslate();
  const units = byUnit(differences);
  const rankChanged = units.filter((u) => u.rank || u.listed).length;

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return field === 'rank' ? t('rank_none') : DASH;
    if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
    if (RATE_FIELDS.has(field)) return pct(asNumber(v));
    if (SCORE_FIELDS.has(field)) return score(asNumber(v));
    if (field === 'peerGroup') return translate(`rexian.enum.peerGroup.${String(v)}`, { _: String(v) });
    if (field === 'windowMonths') return Number(v) > 1 ? t('window', { n: Number(v) }) : t('window_one');
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };

  const rankMove = (d: Difference) => {
    const [s, c] = [asNumber(d.snapshot), asNumber(d.current)];
    if (s === null || c === null || s === c) return null;
    // A smaller rank is a better one.
    return c < s
      ? <Chip size="small" color="success" variant="outlined" label={t('rank_up', { n: s - c })} sx={{ ml: 1 }} />
      : <Chip size="small" color="error" variant="outlined" label={t('rank_down', { n: c - s })} sx={{ ml: 1 }} />;
  };

  return (
    <Accordion data-testid="ranking-differences" disableGutters variant="outlined" sx={{ borderColor: 'warning.main', bgcolor: 'rgba(237, 108, 2, 0.05)' }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} data-testid="ranking-differences-summary">
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <WarningIcon color="warning" fontSize="small" sx={{ mt: 0.25 }} />
          <Box>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>{t('summary', { units: units.length, ranks: rankChanged })}</Typography>
            <Typography variant="caption" color="text.secondary">{t('hint')}</Typography>
          </Box>
        </Box>
      </AccordionSummary>
      <AccordionDetails sx={{ pt: 0, overflowX: 'auto' }}>
        <Table size="small" data-testid="ranking-differences-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('unit')}</TableCell>
              <TableCell>{t('rank')}</TableCell>
              <TableCell>{t('changes')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {units.map((u) => (
              <TableRow key={u.unitId} data-unit={u.name} sx={{ verticalAlign: 'top' }}>
                <TableCell sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>{u.name}</TableCell>
                <TableCell sx={num} data-testid="diff-rank">
                  {u.rank ? <>{value('rank', u.rank.snapshot)} → {value('rank', u.rank.current)}{rankMove(u.rank)}</> : u.listed ? DASH : t('rank_same')}
                </TableCell>
                <TableCell>
                  {u.fields.length === 0 ? <Box component="span" sx={{ color: 'text.secondary' }}>{t('rank_only')}</Box> : null}
                  {u.fields.length ? (
                    <Box component="table" sx={{ borderCollapse: 'collapse', '& td': { p: 0, pr: 2, lineHeight: 1.6 } }}>
                      <tbody>
                        {u.fields.map((d) => (
                          <tr key={d.field} data-field={d.field}>
                            <Box component="td" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>{t(`field.${d.field}`, { _: d.field })}</Box>
                            <Box component="td" sx={num}>{value(d.field, d.snapshot)} → <b>{value(d.field, d.current)}</b></Box>
                          </tr>
                        ))}
                      </tbody>
                    </Box>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </AccordionDetails>
    </Accordion>
  );
};
