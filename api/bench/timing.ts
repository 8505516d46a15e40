// What the benches share to time a call: one warm-up (plans, caches), then `runs` timed calls, sorted.
export const pct = (ms: readonly number[], p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;

export async function sampleMs(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b);
}

/** `  label   p50 … ms   p99 … ms   (n runs…)` */
export const percentileLine = (label: string, width: number, ms: readonly number[], extra = '') =>
  `  ${label.padEnd(width)} p50 ${pct(ms, 50).toFixed(1).padStart(8)} ms   p99 ${pct(ms, 99).toFixed(1).padStart(8)} ms   (${ms.length} runs${extra})`;
