// Personal data (domain.md §8): what a role without the personal-data permission may see.

/** 13812345678 → 138****5678; anything shorter keeps only its last two characters. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null || phone === '') return phone ?? null;
  const digits = phone.trim();
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

// A house number starts at the first digit (ASCII or full-width) or at a Chinese numeral naming a 号/弄/室/栋/幢/楼/单元.
const HOUSE_NUMBER = /[0-9０-９]|[一二三四五六七八九十百千零〇两]+(?:号|弄|室|栋|幢|楼|单元|支弄)/u;

/** 浦建路100弄5号 → 浦建路***: the road stays (it locates the matter), the house number goes. */
export function maskAddress(address: string | null | undefined): string | null {
  if (address == null || address === '') return address ?? null;
  const m = HOUSE_NUMBER.exec(address);
  if (!m) return address;
  return `${address.slice(0, m.index)}***`;
}


// ——— Free text (诉求内容, 答复, 备注 …): the same phone numbers and house numbers, wherever they are written. ———

const D = '[0-9０-９]';
const CN = '[一二三四五六七八九十百千零〇两]';
/** A mainland mobile number (optionally +86, optionally split 3-4-4), not part of a longer number. */
const MOBILE = new RegExp(`(?<!${D})(?:\\+?86[-\\s]?)?1[3-9]${D}(?:[-\\s]?${D}{4}){2}(?!${D})`, 'gu');
/** A landline: area code 0xx(x) with an 7–8 digit number, or a bare Shanghai-style 8-digit number. */
const LANDLINE = new RegExp(`(?<!${D})(?:[(（]?0${D}{2,3}[)）]?[-\\s]?${D}{7,8}|[2-9]${D}{7}(?![年元米]))(?!${D})`, 'gu');
/** A house-number chain: numbers with their units, e.g. 100弄5号302室, 12号楼3单元, 5号. */
const HOUSE_UNIT = '(?:支弄|号楼|弄|号|室|幢|栋|单元|座)';
const HOUSE_CHAIN = new RegExp(`(?:(?:${D}+(?:[-－]${D}+)?|${CN}+)\\s*${HOUSE_UNIT})+`, 'gu');
const HOUSE_TOKEN = new RegExp(`(${D}+(?:[-－]${D}+)?|${CN}+)\\s*(${HOUSE_UNIT})`, 'gu');
/** A lone 5号 is a house number only right after a road, lane or estate (浦建路5号), not in 5月3号 or 地铁5号线. */
const ROAD_END = /[路街巷弄村里坊苑园]$/u;

export interface FreeTextContext {
  /** The record's own address (its house-number part is masked wherever it appears). */
  address?: string | null;
}

interface Span { start: number; end: number; original: string; masked: string }

const digitsOf = (s: string) => s.replace(/[^0-9０-９]/gu, '').replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function phoneMask(found: string): string {
  let digits = digitsOf(found);
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return maskPhone(digits)!;
}

/** Whether one chain (e.g. 5号 or 100弄5号) names a home, given the text just before it. */
function isHouseNumber(chain: string, before: string): boolean {
  const tokens = [...chain.matchAll(HOUSE_TOKEN)];
  if (tokens.length >= 2) return true;
  const [, num = '', unit = ''] = tokens[0] ?? [];
  const arabic = /[0-9０-９]/u.test(num);
  // 两室一厅 is a flat's layout, 十一号 a date: Chinese numerals count only with a building or lane unit.
  if (['号楼', '弄', '支弄', '幢', '栋'].includes(unit)) return true;
  if (arabic && ['室', '单元', '座'].includes(unit)) return true;
  return ROAD_END.test(before.trimEnd());
}

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Patterns of an address's own house number and its parts, by address: a page masks several texts of one ticket. */
const ownPatterns = new Map<string, RegExp[]>();
function ownHousePatterns(address: string): RegExp[] {
  let patterns = ownPatterns.get(address);
  if (patterns) return patterns;
  patterns = [];
  const own = HOUSE_NUMBER.exec(address);
  if (own) {
    const house = address.slice(own.index).trim();
    const parts = new Set([house, ...[...house.matchAll(HOUSE_TOKEN)].map((t) => t[0]), ...(house.match(/[0-9０-９]+/gu) ?? []).filter((n) => n.length >= 2)]);
    // matchAll works on a copy of a global pattern, so one RegExp serves every text.
    for (const part of parts) if (part) patterns.push(new RegExp(`(?<!${D})${escapeRe(part)}(?!${D})`, 'gu'));
  }
  if (ownPatterns.size >= 1_000) ownPatterns.clear();
  ownPatterns.set(address, patterns);
  return patterns;
}

/**
 * Whether a text has a digit (ASCII or full-width) or a Chinese numeral: every pattern above — phone numbers, house
 * numbers, the record's own house number and its parts — needs one, so a text without any has nothing to mask. Most
 * texts of a ticket page (诉求认定, 答复内容 …) have none; the patterns cost ~28 µs a text in the server (README).
 */
const NUMERAL = new RegExp(`${D}|${CN}`, 'u');

/** Every part of `text` that is a phone number or a house number, in order, overlaps merged. */
function personalSpans(text: string, context: FreeTextContext = {}): Span[] {
  if (!NUMERAL.test(text)) return [];
  const spans: Span[] = [];
  const add = (start: number, end: number, masked: string) => spans.push({ start, end, original: text.slice(start, end), masked });
  for (const m of text.matchAll(MOBILE)) add(m.index!, m.index! + m[0].length, phoneMask(m[0]));
  for (const m of text.matchAll(LANDLINE)) add(m.index!, m.index! + m[0].length, phoneMask(m[0]));
  for (const m of text.matchAll(HOUSE_CHAIN)) {
    if (isHouseNumber(m[0], text.slice(Math.max(0, m.index! - 4), m.index!))) add(m.index!, m.index! + m[0].trimEnd().length, '***');
  }
  // The record's own house number, and each of its parts (a text may say just 100弄 or 5号).
  if (context.address) {
    for (const re of ownHousePatterns(context.address)) for (const m of text.matchAll(re)) add(m.index!, m.index! + m[0].length, '***');
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) {
        last.end = s.end;
        last.original = text.slice(last.start, last.end);
        last.masked = '***';
      }
    } else merged.push({ ...s });
  }
  return merged;
}

/**
 * 浦建路100弄5号302室楼上装修噪声，联系电话13812345678 → 浦建路***楼上装修噪声，联系电话138****5678: phone numbers
 * read like citizenPhone, house numbers like address (the road stays, the numbers go), for readers without the
 * personal-data permission and for the append-only logs.
 */
export function maskFreeText(text: string | null | undefined, context: FreeTextContext = {}): string | null {
  if (text == null || text === '') return text ?? null;
  let out = '';
  let at = 0;
  for (const s of personalSpans(text, context)) {
    out += text.slice(at, s.start) + s.masked;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * A reader who saw the masked text edits it and sends it back: the masks still in it stand for what they hid, so
 * they are put back in order (an edited reply keeps its phone number); masks the reader deleted stay deleted.
 */
export function restoreMaskedText(edited: string | null, stored: string | null, context: FreeTextContext = {}): string | null {
  if (edited == null || stored == null) return edited;
  let out = '';
  let at = 0;
  for (const s of personalSpans(stored, context)) {
    const i = edited.indexOf(s.masked, at);
    if (i < 0) continue;
    out += edited.slice(at, i) + s.original;
    at = i + s.masked.length;
  }
  return out + edited.slice(at);
}

/** Whether a search for `term` could match a part masked for the reader (phone and house numbers are digits). */
export function searchMayRevealPersonalData(term: string): boolean {
  return /[0-9０-９]/u.test(term) || new RegExp(`${CN}+\\s*(?:号楼|弄|支弄|幢|栋)`, 'u').test(term);
}
