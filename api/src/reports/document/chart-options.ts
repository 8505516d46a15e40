// The ECharts option of a report chart, shared by the server (PNG for the .docx) and the admin's page (live chart
// with tooltips), so both draw the same picture. Pure, no Node imports: the admin imports this file.
import type { ReportChart } from './model';

export interface ChartOptionSettings {
  /** Draw the chart's own title inside the picture (the .docx puts its caption under the image instead). */
  showTitle?: boolean;
  /** The CJK font the picture is drawn with (the server names the font it found). */
  fontFamily?: string;
  animation?: boolean;
}

// Sober colours that stay distinct in greyscale print.
export const CHART_COLORS = ['#1f4e79', '#c0504d', '#4f8a3c', '#7f5fa8', '#2f9fb8', '#e08a2c'];
const TARGET_COLOR = '#d9822b';

const pctLabel = (v: number, digits = 0) => `${(v * 100).toFixed(digits)}%`;

/** The value axis of a rate chart starts near the lowest value (a 95–100% band stays readable) but always shows the target. */
function percentRange(chart: ReportChart): { min: number; max: number } {
  const values = chart.series.flatMap((s) => s.data).filter((v): v is number => v !== null && Number.isFinite(v));
  const lowest = Math.min(chart.target?.value ?? 1, ...values, 1);
  const min = Math.max(0, Math.floor(lowest * 20) / 20 - 0.05);
  return { min: Math.round(min * 100) / 100, max: 1 };
}

// A return type of our own keeps echarts' types out of the admin's initial bundle and this file free of imports.
export function buildChartOption(chart: ReportChart, settings: ChartOptionSettings = {}): Record<string, unknown> {
  const horizontal = chart.kind === 'hbar';
  const percent = !!chart.percent;
  const fmt = (v: number | null | undefined) =>
    v === null || v === undefined || Number.isNaN(v) ? '—' : percent ? pctLabel(v, 2) : String(Math.round(v * 100) / 100);
  const range = percent ? percentRange(chart) : null;
  const hasLegend = chart.series.length > 1 || !!chart.target;
  const series = chart.series.map((s, i) => {
    const type = s.type ?? (chart.kind === 'line' ? 'line' : 'bar');
    return {
      name: s.name,
      type,
      data: s.data,
      connectNulls: false, // a month without a denominator is a gap, never 0
      symbolSize: 6,
      barMaxWidth: 28,
      label: type === 'bar' && chart.categories.length <= 16 ? {
        show: true,
        position: horizontal ? 'right' : 'top',
        fontSize: 11,
        formatter: (p: { value: number | null }) => fmt(p.value),
      } : undefined,
      ...(i === 0 && chart.target ? {
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: TARGET_COLOR, width: 1.5 },
          label: { formatter: `${chart.target.name} ${fmt(chart.target.value)}`, position: 'insideEndTop', color: TARGET_COLOR, fontSize: 11 },
          data: [horizontal ? { xAxis: chart.target.value } : { yAxis: chart.target.value }],
        },
      } : {}),
    };
  });
  // The target also appears in the legend, as a dashed line of its own colour.
  if (chart.target) {
    series.push({ name: chart.target.name, type: 'line', data: [], lineStyle: { type: 'dashed', color: TARGET_COLOR }, itemStyle: { color: TARGET_COLOR }, symbol: 'none' } as never);
  }
  const categoryAxis = {
    type: 'category',
    data: chart.categories,
    axisLabel: { fontSize: 11, interval: horizontal ? 0 : 'auto', hideOverlap: true },
    axisTick: { alignWithLabel: true },
    ...(horizontal ? { inverse: true } : {}),
  };
  const valueAxis = {
    type: 'value',
    ...(range ?? {}),
    axisLabel: { fontSize: 11, formatter: (v: number) => (percent ? pctLabel(v) : String(v)) },
    splitLine: { lineStyle: { color: '#e4e4e4' } },
  };
  return {
    animation: settings.animation ?? false,
    color: CHART_COLORS,
    textStyle: settings.fontFamily ? { fontFamily: settings.fontFamily } : undefined,
    title: settings.showTitle ? { text: chart.title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'bold' } } : undefined,
    legend: hasLegend ? { top: settings.showTitle ? 26 : 4, textStyle: { fontSize: 12 }, itemWidth: 18 } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: horizontal || chart.kind === 'bar' ? 'shadow' : 'line' }, valueFormatter: fmt },
    grid: {
      left: 12,
      right: horizontal ? 56 : 24,
      top: (settings.showTitle ? 28 : 0) + (hasLegend ? 34 : 16),
      bottom: 8,
      containLabel: true,
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  };
}
