// Report charts as PNG images for the .docx: the shared ECharts option (chart-options.ts) drawn server-side as
// SVG (echarts SSR), then rasterised by resvg with a CJK font found on this machine, so the labels are Chinese.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildChartOption } from './chart-options';
import type { ReportChart } from './model';

export interface ChartImage {
  png: Buffer;
  /** Pixel size of the PNG (the drawing size × scale). */
  width: number;
  height: number;
}

export interface ChartSize {
  /** Drawing size in CSS pixels (the .docx shows it at this size). */
  width: number;
  height: number;
  /** Pixel density of the PNG: 2 keeps lines and labels sharp in print. */
  scale?: number;
}

export const DEFAULT_CHART_SIZE: Required<ChartSize> = { width: 600, height: 300, scale: 2 };

export class MissingCjkFontError extends Error {
  constructor() {
    super('未找到中文字体，无法绘制报表图表：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）');
    this.name = 'MissingCjkFontError';
  }
}

const HOME = process.env.HOME ?? '/root';
const SYSTEM_FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', join(HOME, '.fonts'), join(HOME, '.local/share/fonts')];
/** Where fonts are searched: REXIAN_FONT_DIRS (colon-separated) replaces the system folders. */
function fontDirs(): string[] {
  const env = process.env.REXIAN_FONT_DIRS;
  return env !== undefined ? env.split(':').filter(Boolean) : SYSTEM_FONT_DIRS;
}
// Sans faces first: chart labels read better in a 黑体-like face. Family names as the font files declare them.
const CANDIDATES: Array<{ file: RegExp; family: string }> = [
  { file: /^NotoSansCJK-Regular\.ttc$/i, family: 'Noto Sans CJK SC' },
  { file: /^NotoSansCJKsc-Regular\.otf$/i, family: 'Noto Sans CJK SC' },
  { file: /^NotoSansSC-Regular\.(otf|ttf)$/i, family: 'Noto Sans SC' },
  { file: /^SourceHanSans(SC|CN)?-Regular\.(otf|ttc)$/i, family: 'Source Han Sans SC' },
  { file: /^wqy-microhei\.ttc$/i, family: 'WenQuanYi Micro Hei' },
  { file: /^wqy-zenhei\.ttc$/i, family: 'WenQuanYi Zen Hei' },
  { file: /^NotoSerifCJK-Regular\.ttc$/i, family: 'Noto Serif CJK SC' },
];

function listFonts(dir: string, depth = 0, out: string[] = []): string[] {
  if (depth > 5) return out;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.isDirectory()) listFonts(join(dir, e.name), depth + 1, out);
    else if (/\.(ttc|otf|ttf)$/i.test(e.name)) out.push(join(dir, e.name));
  }
  return out;
}

const found = new Map<string, { file: string; family: string } | null>();

/** The CJK font charts are drawn with, searched once per process (per folder list); null when there is none. */
export function findCjkFont(dirs: string[] = fontDirs()): { file: string; family: string } | null {
  const key = dirs.join(':');
  if (found.has(key)) return found.get(key)!;
  const files = dirs.flatMap((d) => listFonts(d));
  let hit: { file: string; family: string } | null = null;
  for (const c of CANDIDATES) {
    const file = files.find((f) => c.file.test(f.split('/').pop()!));
    if (file) {
      hit = { file, family: c.family };
      break;
    }
  }
  found.set(key, hit);
  return hit;
}

/** The chart as SVG text, drawn by ECharts' server-side renderer. */
export async function renderChartSvg(chart: ReportChart, size: { width: number; height: number }, fontFamily?: string): Promise<string> {
  const echarts = await import('echarts'); // ~1 MB of code: loaded on the first report, not at start
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    instance.setOption({ backgroundColor: '#ffffff', ...buildChartOption(chart, { fontFamily, animation: false }) });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

// Rasterising is the expensive step. It is done by resvg compiled to WebAssembly (@resvg/resvg-wasm), given the
// font's bytes read once per process: the native build (@resvg/resvg-js) takes fonts only as file names and read
// the ~20 MB collection again for every glyph (~6 ms a character, 0.5–1.5 s a chart; font.fontDirs or a single
// face of the collection did not change that); the wasm build draws a chart in ~50–150 ms once V8 has optimised its
// code (the first chart or two of a process still take seconds: the wasm code starts unoptimised, and the same PNG
// bytes come out). The same picture drawn again — a report generated again, the scheduled one and the
// clerk's — is taken from this cache of recent pictures instead (in memory, by the SVG's digest, ~50 kB a picture).
const PNG_CACHE_SIZE = 64;
const pngCache = new Map<string, ChartImage>();

/** The chart as a PNG; throws MissingCjkFontError when no Chinese font is installed (labels would be boxes). */
export async function renderChartPng(chart: ReportChart, size: ChartSize = DEFAULT_CHART_SIZE): Promise<ChartImage> {
  const font = findCjkFont();
  if (!font) throw new MissingCjkFontError();
  const scale = size.scale ?? DEFAULT_CHART_SIZE.scale;
  const svg = await renderChartSvg(chart, size, font.family);
  const key = createHash('sha256').update(`${font.file}\n${size.width}x${size.height}@${scale}\n${canonicalSvg(svg)}`).digest('hex');
  const hit = pngCache.get(key);
  if (hit) {
    pngCache.delete(key); // most recently used last
    pngCache.set(key, hit);
    return hit;
  }
  const image = await rasterise(svg, font, size.width, scale);
  pngCache.set(key, image);
  if (pngCache.size > PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value!);
  return image;
}

/**
 * The SVG with zrender's per-instance names (zr3-cls-12, zr3-c0 …: a process-wide counter) renumbered in order of
 * first use, so that the same chart drawn twice has the same text.
 */
export function canonicalSvg(svg: string): string {
  const names = new Map<string, number>();
  return svg.replace(/\bzr\d+-[A-Za-z]*-?\d+\b/g, (name) => {
    let n = names.get(name);
    if (n === undefined) names.set(name, (n = names.size));
    return `zr-${n}`;
  });
}

type ResvgWasm = typeof import('@resvg/resvg-wasm');
let resvgWasm: Promise<ResvgWasm> | null = null;
/** The wasm renderer, compiled and instantiated once per process (its .wasm file is found beside the package). */
function loadResvg(): Promise<ResvgWasm> {
  resvgWasm ??= (async () => {
    const mod = await import('@resvg/resvg-wasm');
    const wasmFile = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    await mod.initWasm(readFileSync(wasmFile));
    return mod;
  })().catch((e: unknown) => {
    resvgWasm = null; // tried again next time
    throw e;
  });
  return resvgWasm;
}

/** Font files' bytes, read once per process (the renderer copies them for each picture and frees them after). */
const fontBytes = new Map<string, Uint8Array>();
function fontBuffer(file: string): Uint8Array {
  let bytes = fontBytes.get(file);
  if (!bytes) fontBytes.set(file, (bytes = readFileSync(file)));
  return bytes;
}

async function rasterise(svg: string, font: { file: string; family: string }, width: number, scale: number): Promise<ChartImage> {
  const { Resvg } = await loadResvg();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    background: '#ffffff',
    font: { fontBuffers: [fontBuffer(font.file)], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family },
  });
  try {
    const image = resvg.render();
    try {
      return { png: Buffer.from(image.asPng()), width: image.width, height: image.height };
    } finally {
      image.free();
    }
  } finally {
    resvg.free(); // the wasm copy of the font (~20 MB) is released now, not when the collector gets to it
  }
}
