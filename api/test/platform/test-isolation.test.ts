// The unit project runs its files without a fresh module graph each (vitest.config.ts, isolate: false). A file that
// replaces one of our modules with vi.mock only works in a graph of its own: this keeps such files on the list that
// runs isolated, so a new one cannot silently test the real module instead of its mock.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const MODULE_MOCKS = /MODULE_MOCKS = \[([^\]]*)\]/.exec(readFileSync(join(root, 'vitest.config.ts'), 'utf8'))![1]!
  .split(',').map((s) => s.trim().replace(/^'|'$/g, '')).filter(Boolean);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' ? [] : testFiles(join(dir, e.name))) : e.name.endsWith('.test.ts') && !e.name.endsWith('.browser.test.ts') ? [join(dir, e.name)] : []);
}

describe('unit files sharing a module cache', () => {
  const files = [...testFiles(join(root, 'api/test')), ...testFiles(join(root, 'admin/test'))].map((f) => relative(root, f));

  it('every file that mocks a module runs in the isolated project, and the list names only such files', () => {
    const mocking = files.filter((f) => /\bvi\.(mock|doMock)\(/.test(readFileSync(join(root, f), 'utf8'))).sort();
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking).toEqual([...MODULE_MOCKS].sort());
  });
});
