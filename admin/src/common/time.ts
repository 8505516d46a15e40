// Dates and times as a Shanghai clerk reads them, whatever the browser's own time zone.
// Asia/Shanghai has had no daylight saving since 1991, so wall time is always UTC+08:00.
export const TIME_ZONE = 'Asia/Shanghai';
const OFFSET = '+08:00';
const OFFSET_MS = 8 * 3600 * 1000;

// One format everywhere, in both languages: 2023-09-01 10:05 — the city export's, the reports', the date inputs'.
const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** '2023-09-01T02:05:00Z' → '2023-09-01 10:05' (Asia/Shanghai). */
export function formatDateTime(value: unknown): string {
  if (value == null || value === '') return '';
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return String(value);
  const p = Object.fromEntries(dateTimeParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Full precision for tooltips: the exact call the project uses everywhere else. */
export function formatDateTimeLong(value: unknown): string {
  if (value == null || value === '') return '';
  const d = new Date(String(value));
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString('zh-CN', { timeZone: TIME_ZONE });
}

/** A calendar date 'YYYY-MM-DD' (no zone) stays the same calendar date: '2023-09-01' → '2023-09-01'. */
export function formatDate(value: unknown): string {
  if (value == null || value === '') return '';
  const s = String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m && s.length === 10) return `${m[1]}-${m[2]}-${m[3]}`;
  // A DateTime shown as a date: its Shanghai calendar date.
  return shanghaiDate(s);
}

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(value: string | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO instant → the value of an <input type="datetime-local"> in Shanghai wall time. */
export function toShanghaiLocalInput(value: unknown): string {
  if (value == null || value === '') return '';
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** <input type="datetime-local"> value read as Shanghai wall time → ISO instant with zone (what the API wants). */
export function fromShanghaiLocalInput(value: string): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(value);
  if (!m) return null;
  return new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}${OFFSET}`).toISOString();
}

/** Start and end of a Shanghai calendar day as instants, for DateTime range filters. */
export const startOfShanghaiDay = (date: string) => (date ? `${date}T00:00:00${OFFSET}` : undefined);
export const endOfShanghaiDay = (date: string) => (date ? `${date}T23:59:59.999${OFFSET}` : undefined);
