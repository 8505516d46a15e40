// Builds the cached PGlite templates once, before the test workers start cloning them.
import { ensurePgliteTemplate } from './db';

export default async function setup() {
  if (process.env.DATABASE_URL) return;
  await ensurePgliteTemplate('none');
}
