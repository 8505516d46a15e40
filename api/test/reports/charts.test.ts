// Chart pictures: the shared ECharts option, the SVG drawn server-side with Chinese labels, and the PNG's size and
// content (decoded here: enough coloured pixels, and different data draws a different picture).
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildChartOption } from '../../src/reports/document/chart-options';
import { canonicalSvg, findCjkFont, renderChartPng, renderChartSvg } from '../../src/reports/document/charts';
import type { ReportChart } from '../../src/reports/document/model';
import { monthlyFixture } from './fixtures/monthly';

const trend = monthlyFixture.sections[1]!.blocks[0]! as { type: 'chart'; chart: ReportChart };

/** Width, height and the share of pixels that are not (near) white, from an 8-bit RGB/RGBA PNG. */
function inspectPng(png: Buffer): { width: number; height: number; inked: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const depth = png[24];
  const colour = png[25];
  expect(depth).toBe(8);
  const channels = colour === 6 ? 4 : colour === 2 ? 3 : colour === 4 ? 2 : 1;
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length; ) {
    const len = png.readUInt32BE(p);
    if (png.toString('ascii', p + 4, p + 8) === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + len));
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = Buffer.alloc(stride);
  const line = Buffer.alloc(stride);
  let inked = 0;
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      const pr = (() => {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      })();
      line[x] = (src[x]! + [0, a, b, (a + b) >> 1, pr][f]!) & 0xff;
    }
    for (let x = 0; x < width; x++) if (line[x * channels]! < 200 || line[x * channels + 1]! < 200 || line[x * channels + 2 >= stride ? 0 : x * channels + 2]! < 200) inked++;
    line.copy(prev);
  }
  return { width, height, inked: inked / (width * height) };
}

describe('buildChartOption', () => {
  it('draws rates as percentages, gaps as gaps and the target as a dashed line', () => {
    const o = buildChartOption(trend.chart) as any;
    expect(o.xAxis.data).toEqual(trend.chart.categories);
    expect(o.yAxis.min).toBeLessThanOrEqual(0.96);
    expect(o.yAxis.max).toBe(1);
    expect(o.yAxis.axisLabel.formatter(0.95)).toBe('95%');
    expect(o.tooltip.valueFormatter(0.96552)).toBe('96.55%');
    expect(o.tooltip.valueFormatter(null)).toBe('—');
    expect(o.series[0].data[7]).toBeNull();
    expect(o.series[0].connectNulls).toBe(false);
    expect(o.series[0].markLine.data).toEqual([{ yAxis: 0.97 }]);
    expect(o.series[0].markLine.lineStyle.type).toBe('dashed');
  });

  it('puts the categories on the vertical axis of a horizontal bar chart', () => {
    const o = buildChartOption({ id: 'h', title: 't', kind: 'hbar', categories: ['甲', '乙'], series: [{ name: '总分', data: [90, 80] }] }) as any;
    expect(o.yAxis.type).toBe('category');
    expect(o.yAxis.data).toEqual(['甲', '乙']);
    expect(o.series[0].type).toBe('bar');
  });
});

describe('renderChartPng', () => {
  it('finds a CJK font on this machine', () => {
    expect(findCjkFont()?.file).toMatch(/\.(ttc|otf|ttf)$/);
  });

  it('draws Chinese labels and the target into the SVG', async () => {
    const svg = await renderChartSvg(trend.chart, { width: 600, height: 300 }, 'Noto Sans CJK SC');
    expect(svg).toContain('6月');
    expect(svg).toContain('目标值 97.00%');
    expect(svg).toContain('先行联系率');
  }, 60_000);

  it('is a PNG of the asked size, at twice the pixels, with a real picture in it', async () => {
    const img = await renderChartPng(trend.chart, { width: 400, height: 200, scale: 2 });
    expect([img.width, img.height]).toEqual([800, 400]);
    const seen = inspectPng(img.png);
    expect([seen.width, seen.height]).toEqual([800, 400]);
    expect(seen.inked).toBeGreaterThan(0.01); // lines, labels and grid
    expect(seen.inked).toBeLessThan(0.5); // not a filled box
    const other = await renderChartPng({ ...trend.chart, series: [{ name: '先行联系率', data: trend.chart.series[0]!.data.map((v) => (v === null ? null : 1.9 - v * 1)) }] }, { width: 400, height: 200, scale: 2 });
    expect(other.png.equals(img.png)).toBe(false);
  }, 60_000);

  it('takes a chart drawn again from the cache of recent pictures (zrender’s instance names aside, the same SVG)', async () => {
    const a = await renderChartSvg(trend.chart, { width: 300, height: 150 }, 'Noto Sans CJK SC');
    const b = await renderChartSvg(trend.chart, { width: 300, height: 150 }, 'Noto Sans CJK SC');
    expect(a).not.toBe(b); // zr0-cls-0 … zr1-cls-5: a process-wide counter
    expect(canonicalSvg(a)).toBe(canonicalSvg(b));
    expect(canonicalSvg(a)).not.toMatch(/zr\d/);
    const size = { width: 300, height: 150, scale: 1 };
    const t0 = performance.now();
    const first = await renderChartPng(trend.chart, size);
    const t1 = performance.now();
    const again = await renderChartPng(trend.chart, size);
    const t2 = performance.now();
    console.log(`[charts] first ${(t1 - t0).toFixed(0)} ms, again (cached) ${(t2 - t1).toFixed(0)} ms`);
    expect(again).toBe(first);
    const other = await renderChartPng({ ...trend.chart, title: 'x', series: [{ name: '先行联系率', data: trend.chart.series[0]!.data.map((v) => (v === null ? null : v * 0.99)) }] }, size);
    expect(other).not.toBe(first);
    expect(other.png.equals(first.png)).toBe(false);
  }, 120_000);

  it('refuses clearly without a Chinese font', async () => {
    const before = process.env.REXIAN_FONT_DIRS;
    process.env.REXIAN_FONT_DIRS = '/nonexistent-font-dir';
    try {
      await expect(renderChartPng(trend.chart)).rejects.toThrow(/未找到中文字体.*fonts-noto-cjk/);
    } finally {
      if (before === undefined) delete process.env.REXIAN_FONT_DIRS;
      else process.env.REXIAN_FONT_DIRS = before;
    }
  });
});
