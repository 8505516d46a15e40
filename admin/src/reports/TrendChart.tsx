// One rate over the twelve months of a year as an ECharts line (loaded on demand, with tooltips): the target as a
// dashed line, months without a denominator left as gaps (never drawn as 0), points under target in red, the
// chosen month larger. The option comes from the report charts' builder, so the dashboard and the reports agree.
import { Box, Typography, useTheme } from '@mui/material';
import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { buildChartOption } from '../../../api/src/reports/document/chart-options';
import { EChart } from './documents/EChart';
import { meets } from './format';

export interface TrendPoint { month: string; value: number | null }

export const TrendChart = ({ title, points, target, selected }: { title: string; points: TrendPoint[]; target: number; selected?: string | null }) => {
  const theme = useTheme();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const targetName = translate('reports.explain.gap_target');
  const option = useMemo(() => {
    // 「1月」 in Chinese, "Jan" in English.
    const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    const o = buildChartOption(
      { id: title, title, kind: 'line', percent: true, categories: points.map((p) => month.format(new Date(`${p.month}-01T00:00:00Z`))), series: [{ name: title, data: points.map((p) => p.value) }], target: { name: targetName, value: target } },
      { animation: false },
    ) as Record<string, any>;
    const [line, ...rest] = o.series as Record<string, any>[];
    line!.data = points.map((p) => (p.value === null ? null : {
      value: p.value,
      symbolSize: p.month === selected ? 9 : 5,
      itemStyle: { color: meets(p.value, target) ? theme.palette.success.main : theme.palette.error.main, borderColor: p.month === selected ? theme.palette.text.primary : undefined, borderWidth: p.month === selected ? 2 : 0 },
    }));
    line!.lineStyle = { color: theme.palette.primary.main, width: 1.5 };
    return { ...o, series: [line, ...rest], legend: undefined, grid: { left: 4, right: 12, top: 14, bottom: 4, containLabel: true } };
  }, [points, target, selected, title, theme, locale, targetName]);
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>{title}</Typography>
      <EChart option={option} height={150} label={title} testId="trend-chart" />
    </Box>
  );
};
