// A small inline SVG chart of a pair's daily tickets, the hotspot period shaded (ECharts comes with the reports).
import { Box, Tooltip } from '@mui/material';

export interface SparklineProps {
  counts: number[];
  /** Index range of the hotspot period within counts (inclusive). */
  shade?: [number, number];
  title: string;
  width?: number;
  height?: number;
}

export const Sparkline = ({ counts, shade, title, width = 180, height = 36 }: SparklineProps) => {
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : width;
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const points = counts.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <Tooltip title={title}>
      <Box component="svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="hotspot-sparkline" sx={{ display: 'block' }}>
        {shade ? (
          <rect x={shade[0] * step - step / 2} y={0} width={Math.max(step, (shade[1] - shade[0] + 1) * step)} height={height} fill="rgba(237,108,2,0.15)" />
        ) : null}
        <polyline points={points} fill="none" stroke="#d84315" strokeWidth={1.5} />
        <text x={width - 2} y={10} textAnchor="end" fontSize={9} fill="#666">{max}</text>
      </Box>
    </Tooltip>
  );
};
