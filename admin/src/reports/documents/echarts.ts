// ECharts with only the line and bar charts and the pieces the report charts use, drawn as SVG (crisp in print).
// This module is imported dynamically (EChart.tsx): never import it statically from the first download.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as core from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

core.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, SVGRenderer]);

export async function loadECharts() {
  return core;
}
