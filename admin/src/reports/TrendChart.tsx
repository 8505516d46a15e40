// A small line chart of one rate over the twelve months of a year, in plain SVG: the target as a dashed line,
// months without a denominator left as gaps (never drawn as 0), the chosen month highlighted.
import { Box, Typography, useTheme } from '@mui/material';
import { pct } from './format';

export interface TrendPoint { month: string; value: number | null }

const W = 300;
const H = 120;
const PAD = { left: 34, right: 8, top: 10, bottom: 20 };

export const TrendChart = ({ title, points, target, selected }: { title: string; points: TrendPoint[]; target: number; selected?: string | null }) => {
  const theme = useTheme();
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  // The scale starts near the lowest value so a 95–100% band is readable, but always shows the target.
  const low = Math.max(0, Math.floor(Math.min(target, ...values, 1) * 10) / 10 - 0.05);
  const lo = Math.min(low, 0.9);
  const hi = 1;
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, points.length - 1);
  const y = (v: number) => PAD.top + ((hi - Math.min(hi, Math.max(lo, v))) * (H - PAD.top - PAD.bottom)) / (hi - lo);
  // Consecutive months with a value form one segment.
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const good = theme.palette.success.main;
  const bad = theme.palette.error.main;
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>{title}</Typography>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={title} style={{ display: 'block' }}>
        {[lo, (lo + hi) / 2, hi].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={theme.palette.divider} strokeWidth={0.5} />
            <text x={PAD.left - 4} y={y(v) + 3} fontSize={9} textAnchor="end" fill={theme.palette.text.secondary}>{`${Math.round(v * 100)}%`}</text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} stroke={theme.palette.warning.main} strokeDasharray="4 3" strokeWidth={1} />
        {segments.map((s) => (
          <polyline key={s} points={s} fill="none" stroke={theme.palette.primary.main} strokeWidth={1.5} />
        ))}
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle key={p.month} cx={x(i)} cy={y(p.value)} r={p.month === selected ? 4 : 2.5} fill={p.value + 1e-9 >= target ? good : bad}
              stroke={p.month === selected ? theme.palette.text.primary : 'none'}>
              <title>{`${p.month}：${pct(p.value)}`}</title>
            </circle>
          ),
        )}
        {points.map((p, i) => (
          <text key={p.month} x={x(i)} y={H - 6} fontSize={9} textAnchor="middle" fill={p.month === selected ? theme.palette.text.primary : theme.palette.text.secondary}
            fontWeight={p.month === selected ? 700 : 400}>
            {Number(p.month.slice(5))}
          </text>
        ))}
      </svg>
    </Box>
  );
};
