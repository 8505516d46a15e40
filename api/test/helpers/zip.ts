// A minimal zip writer for hostile-input tests: archives whose declared or real sizes are whatever the test needs,
// built without holding the inflated content in memory.
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface DeflatedEntry {
  compressed: Buffer;
  crc: number;
  /** Uncompressed size, as the headers declare it. */
  size: number;
}

/** `prefix + fill × count + suffix`, deflated as a stream (a 300 MB payload costs ~300 KB of memory). */
export async function deflatedRepeat(prefix: string, fill: string, count: number, suffix: string): Promise<DeflatedEntry> {
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const ended = once(d, 'end');
  const head = Buffer.from(prefix);
  const tail = Buffer.from(suffix);
  let crc = zlib.crc32(head);
  d.write(head);
  const chunk = Buffer.alloc(1 << 20, fill);
  for (let left = count; left > 0; left -= chunk.length) {
    const c = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlib.crc32(c, crc);
    if (!d.write(c)) await once(d, 'drain');
  }
  crc = zlib.crc32(tail, crc);
  d.end(tail);
  await ended;
  return { compressed: Buffer.concat(out), crc, size: head.length + count + tail.length };
}

export type ZipEntry = { name: string } & ({ data: Buffer } | DeflatedEntry);

/** A zip archive (deflate, no zip64) of the entries, in order. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const d: DeflatedEntry = 'data' in e ? { compressed: zlib.deflateRawSync(e.data), crc: zlib.crc32(e.data), size: e.data.length } : e;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(d.crc >>> 0, 14);
    local.writeUInt32LE(d.compressed.length, 18);
    local.writeUInt32LE(d.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(d.crc >>> 0, 16);
    central.writeUInt32LE(d.compressed.length, 20);
    central.writeUInt32LE(d.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, d.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + d.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
