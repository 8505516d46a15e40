// What a browser downloads before the admin's first screen: index.html's scripts, stylesheets and modulepreloads
// plus every chunk they import statically (dynamic `import()` chunks load later, on the page that needs them).
// Sizes are gzip level 9, as the build precompresses them (the server sends the .br, smaller still, when accepted).
//   node scripts/admin-size.mjs [admin/dist]   → one line per file and the total
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HTML_REF = /<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g;
// A static import in the minified ESM the build writes: `import{a as b}from"./x.js"` or `import"./x.js"`.
// `import("./x.js")` (dynamic) has a parenthesis and does not match.
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w$*{},\s]*?from\s*)?["']([^"']+\.(?:js|css))["']/g;

/** The files of the initial load, each with its raw and gzip size in bytes. */
export function initialLoad(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const seen = new Map();
  const visit = (url, from) => {
    const file = url.startsWith('/') ? path.join(dist, url) : path.resolve(path.dirname(from), url);
    if (seen.has(file)) return;
    const bytes = fs.readFileSync(file);
    seen.set(file, { file: path.relative(dist, file), bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length });
    if (file.endsWith('.js')) for (const m of bytes.toString('utf8').matchAll(STATIC_IMPORT)) visit(m[1], file);
  };
  for (const m of html.matchAll(HTML_REF)) visit(m[1], path.join(dist, 'index.html'));
  const files = [...seen.values()].sort((a, b) => b.gzip - a.gzip);
  const htmlGzip = zlib.gzipSync(html, { level: 9 }).length;
  return { files, html: htmlGzip, gzip: files.reduce((s, f) => s + f.gzip, htmlGzip), bytes: files.reduce((s, f) => s + f.bytes, html.length) };
}

export const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dist = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../admin/dist'));
  const load = initialLoad(dist);
  for (const f of load.files) console.log(`${kB(f.gzip).padStart(10)}  ${kB(f.bytes).padStart(10)}  ${f.file}`);
  console.log(`${kB(load.html).padStart(10)}  ${''.padStart(10)}  index.html`);
  console.log(`initial load: ${kB(load.gzip)} gzip (${kB(load.bytes)} raw) in ${load.files.length + 1} files`);
}
