// File names built from data (a street's or unit's name) for downloads: the .xlsx exports' `filename`, and any
// Content-Disposition header. A name is whatever an admin typed, so it may hold path separators, characters Windows
// refuses, control or bidi-override characters (which make "xlsx.exe" read as "exe.xlsx"), or start with = + - @,
// which spreadsheet apps and shells read as a formula or an option.

/** Longest file name we produce, in characters, extension included (file systems allow 255 bytes; CJK is 3 each). */
export const MAX_FILENAME_LENGTH = 80;

// Windows-forbidden and path characters; C0/C1 controls; bidi embeddings, overrides and isolates; zero-width marks.
const FORBIDDEN = /[/\\?"*:<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Leading characters a spreadsheet reads as a formula (= + - @), and dots/spaces (hidden or trimmed names). */
const LEADING = /^[=+\-@\s.]+/;
const TRAILING = /[\s.]+$/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * A safe file name: `base` cleaned and capped so that `base.ext` has at most `max` characters; `fallback` when
 * nothing usable is left. `ext` is ours (e.g. 'xlsx'), never user input.
 */
export function safeFilename(base: string, ext: string, opts: { max?: number; fallback?: string } = {}): string {
  const max = opts.max ?? MAX_FILENAME_LENGTH;
  const suffix = ext ? `.${ext}` : '';
  let name = base.normalize('NFC').replace(FORBIDDEN, '').replace(/\s+/g, ' ').replace(LEADING, '');
  // Cap by code points, so a CJK or emoji character is never cut in half.
  name = Array.from(name).slice(0, Math.max(1, max - suffix.length)).join('').replace(TRAILING, '');
  if (!name) name = opts.fallback ?? 'export';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return `${name}${suffix}`;
}

/** RFC 5987 ext-value: UTF-8 percent-encoding of everything but attr-char. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<encoded>` for a (safe) file name: old clients read the
 * ASCII fallback (non-ASCII and % become _), current browsers the exact UTF-8 name.
 */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = safeFilename(filename, '');
  const ascii = name.replace(/[^\x20-\x7e]|[%"\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}
