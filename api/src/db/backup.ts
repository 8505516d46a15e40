// Backup and restore of the embedded database (PGlite): one gzip'd tarball of its data folder. For PostgreSQL use
// pg_dump/pg_restore (README "Backup").
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './connection';

/** Writes a consistent copy of the data folder to `file` (the folder is locked meanwhile). */
export async function backupDataDir(dataDir: string, file: string): Promise<{ bytes: number }> {
  const dir = path.resolve(dataDir);
  if (!fs.existsSync(path.join(dir, 'pgdata'))) throw new Error(`${dir} 中没有数据库 (no database in ${dir})`);
  const release = acquireDataDirLock(dir);
  try {
    const pg = await PGlite.create(path.join(dir, 'pgdata'));
    const blob = await pg.dumpDataDir('gzip');
    await pg.close();
    const bytes = Buffer.from(await blob.arrayBuffer());
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
    return { bytes: bytes.length };
  } finally {
    release();
  }
}

/** Restores a backup into `dataDir`; an existing database there is kept aside as pgdata.before-restore-<time>. */
export async function restoreDataDir(dataDir: string, file: string): Promise<{ movedAside: string | null }> {
  const dir = path.resolve(dataDir);
  const bytes = fs.readFileSync(file);
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dir);
  try {
    const target = path.join(dir, 'pgdata');
    const staging = path.join(dir, `pgdata.restoring-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    // Load into a staging folder first: a damaged file must not cost the current database.
    const pg = await PGlite.create(staging, { loadDataDir: new Blob([bytes]) });
    await pg.query('select 1');
    await pg.close();
    let movedAside: string | null = null;
    if (fs.existsSync(target)) {
      movedAside = path.join(dir, `pgdata.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      fs.renameSync(target, movedAside);
    }
    fs.renameSync(staging, target);
    return { movedAside };
  } finally {
    release();
  }
}
