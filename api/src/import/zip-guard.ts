// An .xlsx is a zip. Before anything is inflated, its central directory is read and judged against the limits of
// one import (format.ts): a 300 KB file must not become 300 MB of XML. The sizes a zip declares are only claims,
// so `verifiedEntryStream` then inflates exactly those entries, refusing any byte beyond the declared size and
// any CRC mismatch — a reader downstream never sees more than what was judged here.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import {
  MAX_ZIP_ENTRIES, MAX_ZIP_PART_BYTES, MAX_ZIP_RATIO, MAX_ZIP_SHARED_STRINGS_BYTES, MAX_ZIP_SHEET_BYTES, MAX_ZIP_TOTAL_BYTES,
  ZIP_RATIO_MIN_BYTES, formatMb,
} from './format';

export interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's compressed bytes start in the file. */
  dataStart: number;
}

export type ZipInspection = { ok: true; entries: ZipEntry[] } | { ok: false; message: string };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_MASKED_HEADERS = 0x2000;

const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
export const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';

const damaged = (why: string) => `无法读取 .xlsx 文件：压缩包结构异常（${why}），文件已损坏或被改动过`;

/** The most one entry may inflate to: worksheets and the shared strings are the bulk of a workbook. */
function entryLimit(name: string): { bytes: number; what: string } {
  if (SHEET_PART.test(name)) return { bytes: MAX_ZIP_SHEET_BYTES, what: '单个工作表' };
  if (name === SHARED_STRINGS_PART) return { bytes: MAX_ZIP_SHARED_STRINGS_BYTES, what: '共享文本（sharedStrings.xml）' };
  return { bytes: MAX_ZIP_PART_BYTES, what: '其他部件' };
}

/** Reads the End-of-Central-Directory record, the central directory and every local header; inflates nothing. */
export function inspectZip(bytes: Uint8Array): ZipInspection {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const n = bytes.byteLength;

  // The EOCD is the last 22 bytes plus a comment of at most 65,535; the comment must end the file exactly.
  let end = -1;
  for (let at = n - 22; at >= 0 && at >= n - 22 - 0xffff; at--) {
    if (u32(at) === SIG_END && at + 22 + u16(at + 20) === n) {
      end = at;
      break;
    }
  }
  if (end < 0) return { ok: false, message: '无法读取 .xlsx 文件：文件已损坏或不是 Excel 工作簿' };
  if (end >= 20 && u32(end - 20) === SIG_ZIP64_LOCATOR) return { ok: false, message: damaged('使用了 ZIP64 格式') };
  const disk = u16(end + 4);
  const cdDisk = u16(end + 6);
  const onDisk = u16(end + 8);
  const count = u16(end + 10);
  const cdSize = u32(end + 12);
  const cdOffset = u32(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { ok: false, message: damaged('使用了 ZIP64 格式') };
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return { ok: false, message: damaged('分卷压缩包') };
  if (count === 0) return { ok: false, message: '无法读取 .xlsx 文件：压缩包是空的，不是 Excel 工作簿' };
  if (count > MAX_ZIP_ENTRIES) return { ok: false, message: damaged(`含 ${count} 个部件，超过 ${MAX_ZIP_ENTRIES} 个`) };
  if (cdOffset + cdSize !== end) return { ok: false, message: damaged('中央目录位置不符') };

  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  const spans: Array<[start: number, end: number, name: string]> = [];
  const names = new Set<string>();
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(at) !== SIG_CENTRAL) return { ok: false, message: damaged('中央目录记录无效') };
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const recordLength = 46 + nameLength + u16(at + 30) + u16(at + 32);
    const localOffset = u32(at + 42);
    if (at + recordLength > end) return { ok: false, message: damaged('中央目录记录越界') };
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = decoder.decode(nameBytes);
    at += recordLength;

    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS)) {
      return { ok: false, message: '.xlsx 文件已加密，请在 Excel 中取消密码保护后再导入' };
    }
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff || u16(at - recordLength + 34) === 0xffff) {
      return { ok: false, message: damaged(`「${name}」使用了 ZIP64 格式`) };
    }
    if (method !== 0 && method !== 8) return { ok: false, message: damaged(`「${name}」使用了不支持的压缩方式 ${method}`) };
    if (method === 0 && compressedSize !== uncompressedSize) return { ok: false, message: damaged(`「${name}」的大小不一致`) };
    if (names.has(name)) return { ok: false, message: damaged(`「${name}」出现了不止一次`) };
    names.add(name);

    const limit = entryLimit(name);
    if (uncompressedSize > limit.bytes) {
      return { ok: false, message: `.xlsx 文件解压后过大：「${name}」有 ${formatMb(uncompressedSize)}，${limit.what}最多 ${formatMb(limit.bytes)}，请拆分后分批导入` };
    }
    // Deflate cannot do better than about 1032:1; a real export is near 10:1. A large entry far beyond that is a bomb.
    const ratio = uncompressedSize / Math.max(compressedSize, 1);
    if (uncompressedSize >= ZIP_RATIO_MIN_BYTES && ratio > MAX_ZIP_RATIO) {
      return { ok: false, message: `.xlsx 文件的压缩比异常：「${name}」压缩比 ${Math.round(ratio)}:1，超过 ${MAX_ZIP_RATIO}:1，疑似压缩炸弹，已拒绝` };
    }
    total += uncompressedSize;
    if (total > MAX_ZIP_TOTAL_BYTES) {
      return { ok: false, message: `.xlsx 文件解压后总大小超过 ${formatMb(MAX_ZIP_TOTAL_BYTES)}，请拆分后分批导入` };
    }

    // The local header must tell the same story: a reader that walks local headers must find this very entry.
    if (localOffset + 30 > cdOffset || u32(localOffset) !== SIG_LOCAL) return { ok: false, message: damaged(`「${name}」的本地文件头无效`) };
    const localFlags = u16(localOffset + 6);
    const localNameLength = u16(localOffset + 26);
    const dataStart = localOffset + 30 + localNameLength + u16(localOffset + 28);
    const localName = bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength);
    const sameSizes = u32(localOffset + 14) === crc && u32(localOffset + 18) === compressedSize && u32(localOffset + 22) === uncompressedSize;
    const zeroSizes = u32(localOffset + 14) === 0 && u32(localOffset + 18) === 0 && u32(localOffset + 22) === 0;
    if (
      u16(localOffset + 8) !== method ||
      (localFlags & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR)) !== (flags & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR)) ||
      !sameBytes(localName, nameBytes) ||
      !(sameSizes || (flags & FLAG_DESCRIPTOR && zeroSizes))
    ) {
      return { ok: false, message: damaged(`「${name}」的本地文件头与中央目录不一致`) };
    }
    let spanEnd = dataStart + compressedSize;
    if (flags & FLAG_DESCRIPTOR) {
      // The data descriptor (its signature is optional) repeats the CRC and both sizes.
      const d = spanEnd + 16 <= cdOffset && u32(spanEnd) === SIG_DESCRIPTOR ? spanEnd + 4 : spanEnd;
      if (d + 12 > cdOffset || u32(d) !== crc || u32(d + 4) !== compressedSize || u32(d + 8) !== uncompressedSize) {
        return { ok: false, message: damaged(`「${name}」的数据描述符与中央目录不一致`) };
      }
      spanEnd = d + 12;
    }
    if (spanEnd > cdOffset) return { ok: false, message: damaged(`「${name}」的数据越界`) };
    spans.push([localOffset, spanEnd, name]);
    entries.push({ name, method: method as 0 | 8, crc, compressedSize, uncompressedSize, dataStart });
  }
  if (at !== end) return { ok: false, message: damaged('中央目录大小不符') };

  // Entries that share bytes are the classic overlapping-file bomb: each must own its span.
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) return { ok: false, message: damaged(`「${spans[i - 1]![2]}」与「${spans[i]![2]}」的数据重叠`) };
  }
  return { ok: true, entries };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Thrown by the verified stream when an entry's bytes differ from what its directory record declares. */
export class ZipContentError extends Error {}

/**
 * A zip stream of just `picked`, in that order, each re-written as a stored entry whose header carries the declared
 * size and CRC. Inflation is streamed and stops at the first byte beyond the declared size; a short entry or a bad
 * CRC fails too. So a streaming reader (exceljs walks local headers) reads exactly the checked entries, in the order
 * it needs them, and inflating a worksheet stops as soon as the reader stops.
 */
export function verifiedEntryStream(bytes: Uint8Array, picked: ZipEntry[]): Readable {
  async function* generate() {
    for (const entry of picked) {
      const name = Buffer.from(entry.name, 'utf8');
      const header = Buffer.alloc(30);
      header.writeUInt32LE(SIG_LOCAL, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(0x0800, 6); // UTF-8 name, sizes in the header, stored
      header.writeUInt32LE(entry.crc, 14);
      header.writeUInt32LE(entry.uncompressedSize, 18);
      header.writeUInt32LE(entry.uncompressedSize, 22);
      header.writeUInt16LE(name.length, 26);
      yield Buffer.concat([header, name]);

      const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
      let size = 0;
      let crc = 0;
      // The last chunk is held back until the whole entry is verified: the reader cannot reach the end of an
      // entry (and take what it read for complete) before its size and CRC are known to be right.
      let held: Buffer | null = null;
      const chunks = entry.method === 0 ? [data] : Readable.from([data]).pipe(zlib.createInflateRaw({ chunkSize: 64 * 1024 }));
      for await (const chunk of chunks as AsyncIterable<Uint8Array> | Uint8Array[]) {
        size += chunk.byteLength;
        if (size > entry.uncompressedSize) throw new ZipContentError(damaged(`「${entry.name}」解压后超出其声明的大小`));
        crc = zlib.crc32(chunk, crc);
        if (held) yield held;
        held = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
      if (size !== entry.uncompressedSize || crc !== entry.crc) throw new ZipContentError(damaged(`「${entry.name}」的内容与校验值不符`));
      if (held) yield held;
    }
    // A reader expecting more finds the end of a (directory-less) archive.
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(SIG_END, 0);
    yield eocd;
  }
  return Readable.from(generate(), { objectMode: false });
}
