// Prints schema.graphql (reviewed with every API change) and the admin's static introspection JSON.
// With --check, fails when either committed file is stale (CI runs it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { introspectionFromSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const files = {
  [path.join(root, 'schema.graphql')]: printSchema(lexicographicSortSchema(schema)) + '\n',
  [path.join(root, 'admin/src/introspection.json')]: JSON.stringify(introspectionFromSchema(lexicographicSortSchema(schema)), null, 1) + '\n',
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of Object.entries(files)) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    console.error(`${path.relative(root, file)} is stale: run \`pnpm schema:print\` and commit it`);
    stale++;
  } else {
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}
process.exit(stale ? 1 : 0);
