// The monthly 暗访 sample (domain/undercover-sample.ts): size, reproducibility, order independence, stability.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawSample, previousMonth, sampleSize, shareError } from '../../src/domain/undercover-sample';

const ids = fc.uniqueArray(fc.integer({ min: 1, max: 2_000_000_000 }), { maxLength: 300 });
const seed = fc.integer({ min: 0, max: 0x7fffffff });
const share = fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000);

describe('sample size', () => {
  it('is ceil(share × n), exact for the shares float arithmetic gets wrong', () => {
    expect(sampleSize(20, 0.15)).toBe(3); // 0.15 × 20 = 3.0000000000000004 in floats
    expect(sampleSize(21, 0.15)).toBe(4);
    expect(sampleSize(1, 0.15)).toBe(1);
    expect(sampleSize(0, 0.15)).toBe(0);
    expect(sampleSize(100, 0.15)).toBe(15);
    expect(sampleSize(7, 1)).toBe(7);
  });

  it('draws exactly ceil(share × n) distinct tickets of the population', () => {
    fc.assert(
      fc.property(ids, seed, share, (population, s, p) => {
        const drawn = drawSample(population, s, p);
        expect(drawn.length).toBe(Math.ceil(Math.round(p * population.length * 1e6) / 1e6));
        expect(new Set(drawn).size).toBe(drawn.length);
        for (const id of drawn) expect(population).toContain(id);
      }),
    );
  });

  it('defaults to 15%', () => {
    const population = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(drawSample(population, 42)).toHaveLength(6);
  });

  it('accepts shares in (0, 1] with at most three decimals', () => {
    expect(shareError(0.15)).toBeUndefined();
    expect(shareError(1)).toBeUndefined();
    expect(shareError(0)).toMatch(/大于 0/);
    expect(shareError(1.5)).toMatch(/不超过 1/);
    expect(shareError(0.1234)).toMatch(/三位小数/);
  });
});

describe('reproducibility', () => {
  it('gives the same tickets for the same seed, whatever the input order', () => {
    fc.assert(
      fc.property(ids, seed, share, fc.integer(), (population, s, p, shuffleSeed) => {
        const shuffled = [...population].sort((a, b) => ((a * 2654435761 + shuffleSeed) >>> 0) - ((b * 2654435761 + shuffleSeed) >>> 0));
        expect(drawSample(shuffled, s, p)).toEqual(drawSample(population, s, p));
        expect(drawSample(population, s, p)).toEqual(drawSample(population, s, p));
      }),
    );
  });

  it('depends on the seed', () => {
    const population = Array.from({ length: 200 }, (_, i) => 1000 + i);
    const samples = new Set([1, 2, 3, 4, 5].map((s) => drawSample(population, s).sort().join(',')));
    expect(samples.size).toBe(5);
  });

  it('a ticket added later changes the sample by at most one in and one out', () => {
    fc.assert(
      fc.property(ids, fc.integer({ min: 1, max: 2_000_000_000 }), seed, share, (population, extra, s, p) => {
        fc.pre(!population.includes(extra));
        const before = new Set(drawSample(population, s, p));
        const after = new Set(drawSample([...population, extra], s, p));
        const kept = [...before].filter((id) => after.has(id)).length;
        expect(before.size - kept).toBeLessThanOrEqual(1);
        expect([...after].filter((id) => !before.has(id)).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

it('previous month wraps the year', () => {
  expect(previousMonth('2024-01')).toBe('2023-12');
  expect(previousMonth('2023-10')).toBe('2023-09');
});
