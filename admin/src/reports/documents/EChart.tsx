// One ECharts chart in a page: echarts is imported when the first chart mounts (not in the app's first download),
// drawn as SVG at the box's size, with tooltips; resized with its box.
import { Box } from '@mui/material';
import { useEffect, useRef } from 'react';

export const EChart = ({ option, height, label, testId }: { option: Record<string, unknown>; height: number | string; label: string; testId?: string }) => {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{ setOption: (o: unknown, notMerge?: boolean) => void; resize: () => void; dispose: () => void } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import('./echarts').then(async ({ loadECharts }) => {
      const echarts = await loadECharts();
      if (cancelled || !ref.current) return;
      const chart = echarts.init(ref.current, null, { renderer: 'svg' });
      // The drawing itself is the image (role and name on the <svg>, as the hand-drawn charts had).
      const label = () => {
        const svg = ref.current?.querySelector('svg');
        svg?.setAttribute('role', 'img');
        svg?.setAttribute('aria-label', ref.current?.dataset.label ?? '');
      };
      chart.on('finished', label);
      chart.setOption(option as never, true);
      label();
      chartRef.current = chart as never;
      observer = new ResizeObserver(() => chart.resize());
      observer.observe(ref.current);
      ref.current.dataset.ready = 'true';
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
    // The option object is rebuilt on each render; its JSON-able parts decide when to redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    chartRef.current?.setOption(option as never, true);
  }, [option]);
  return <Box ref={ref} data-label={label} data-testid={testId} className="report-chart" sx={{ width: '100%', height }} />;
};
