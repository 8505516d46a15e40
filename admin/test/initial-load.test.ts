// The admin's first download (issue 12): what index.html loads before the first screen, measured on the build
// (`npx -y pnpm@12.4.2 build` first; skipped, saying so, without admin/dist). Pages and the libraries only they use
// load when opened (App.tsx, layout/lazyPage.tsx).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { initialLoad, kB } from '../../scripts/admin-size.mjs';

type Load = { files: Array<{ file: string; bytes: number; gzip: number }>; gzip: number };
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const built = fs.existsSync(path.join(dist, 'index.html'));
if (!built) console.warn('initial-load.test: admin/dist missing — run `npx -y pnpm@12.4.2 build` first; skipped');

const LIMIT = 400_000; // bytes gzip
// Libraries that must arrive with the pages that use them, never in the first download (a string of each one's own code).
const LAZY_ONLY: Record<string, string> = {
  echarts: '_echarts_instance_',
  exceljs: 'xl/sharedStrings.xml',
  'react-datasheet-grid': 'dsg-container',
};

const source = path.resolve(dist, '../src');
const usedBySource = (library: string) =>
  (fs.readdirSync(source, { recursive: true }) as string[]).some((f) => /\.tsx?$/.test(f) && fs.readFileSync(path.join(source, f), 'utf8').includes(`'${library}`));

describe.skipIf(!built)('the admin’s first download', () => {
  const load = built ? (initialLoad(dist) as Load) : { files: [], gzip: 0 };

  it(`is at most ${LIMIT / 1000} kB gzip`, () => {
    console.log(`admin initial load: ${kB(load.gzip)} gzip — ${load.files.map((f) => `${f.file} ${kB(f.gzip)}`).join(', ')}`);
    expect(load.files.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(load.gzip).toBeLessThanOrEqual(LIMIT);
  });

  it('leaves echarts, exceljs and the datasheet grid to the pages that use them', () => {
    const initial = load.files.map((f) => fs.readFileSync(path.join(dist, f.file), 'utf8'));
    const assets = path.join(dist, 'assets');
    const everything = fs.readdirSync(assets).filter((f) => /\.(js|css)$/.test(f)).map((f) => fs.readFileSync(path.join(assets, f), 'utf8'));
    for (const [library, marker] of Object.entries(LAZY_ONLY)) {
      expect([library, initial.some((code) => code.includes(marker))]).toEqual([library, false]);
      // …and, once the admin uses the library, the marker does find it in the build (else this could never fail).
      if (usedBySource(library)) expect([library, everything.some((code) => code.includes(marker))]).toEqual([library, true]);
    }
  });

  it('the measure follows static imports and not dynamic ones', () => {
    const dir = fs.mkdtempSync(path.join(dist, '../.size-'));
    try {
      fs.mkdirSync(path.join(dir, 'assets'));
      fs.writeFileSync(path.join(dir, 'index.html'), '<script type="module" crossorigin src="/assets/a.js"></script><link rel="stylesheet" href="/assets/a.css">');
      fs.writeFileSync(path.join(dir, 'assets/a.js'), 'import{x as y}from"./b.js";import"./c.js";const p=()=>import("./lazy.js");');
      for (const f of ['b.js', 'c.js', 'lazy.js', 'a.css']) fs.writeFileSync(path.join(dir, 'assets', f), `/*${f}*/`);
      expect((initialLoad(dir) as Load).files.map((f) => f.file).sort()).toEqual(['assets/a.css', 'assets/a.js', 'assets/b.js', 'assets/c.js']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
