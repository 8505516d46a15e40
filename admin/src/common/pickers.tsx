// Month and date fields that read the same in every browser (issue #15): the native <input type="month"/"date">
// shows "June 2023" and mm/dd/yyyy whatever the app's language. These are text fields holding the ISO value
// (2023-06, 2023-06-15) — typed, pasted or filled by a test alike — with a calendar button. The calendar
// (@mui/x-date-pickers with dayjs, Chinese or English as the app; pickerCalendar.tsx) travels with the pages that use
// these fields, never in the first download. It is not a chunk of its own loaded on opening: the bundler then split
// the first download's MUI chunk in two (+1.1 kB gzip over the 400 kB limit), as the calendar shares part of it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { IconButton, InputAdornment, Popover, TextField, type SxProps, type Theme } from '@mui/material';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonthOutlined';
import { useLocaleState } from 'react-admin';
import { usePageText } from '../work/pageText';
import { enPickers, zhPickers } from './pickerMessages';
import Calendar from './pickerCalendar';

export type PickerKind = 'month' | 'date';


const PATTERN: Record<PickerKind, RegExp> = { month: /^\d{4}-(0[1-9]|1[0-2])$/, date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/ };
const BOUNDS: Record<PickerKind, [string, string]> = { month: ['2000-01', '2100-12'], date: ['2000-01-01', '2100-12-31'] };

/** Whether text is a real month (2023-06) or day (2023-06-15; not 2023-02-30). */
export function isIsoValue(kind: PickerKind, text: string): boolean {
  if (!PATTERN[kind].test(text)) return false;
  if (kind === 'month') return true;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/** A loosely typed month or day (2023/6, 2023.6.5, 2023年6月5日, 202306) as ISO text, or null. */
export function normalizeIso(kind: PickerKind, text: string): string | null {
  const t = text.trim();
  if (isIsoValue(kind, t)) return t;
  const parts = t.match(/\d+/g) ?? [];
  let y: string | undefined, m: string | undefined, d: string | undefined;
  if (parts.length === 1 && parts[0]!.length === (kind === 'month' ? 6 : 8)) {
    const p = parts[0]!;
    [y, m, d] = [p.slice(0, 4), p.slice(4, 6), kind === 'date' ? p.slice(6, 8) : undefined];
  } else if (parts.length === (kind === 'month' ? 2 : 3)) {
    [y, m, d] = parts;
  } else return null;
  if (!y || y.length !== 4 || !m || m.length > 2 || (kind === 'date' && (!d || d.length > 2))) return null;
  const iso = [y, m.padStart(2, '0'), ...(kind === 'date' ? [d!.padStart(2, '0')] : [])].join('-');
  return isIsoValue(kind, iso) ? iso : null;
}

export interface PickerFieldProps {
  value: string | null | undefined;
  /** Called with the ISO text (2023-06 / 2023-06-15) once a whole, valid value is typed or picked; '' when emptied if `clearable`. */
  onChange: (value: string) => void;
  label: string;
  /** The input's name (tests fill `input[name=…]`). */
  name?: string;
  size?: 'small' | 'medium';
  required?: boolean;
  clearable?: boolean;
  disabled?: boolean;
  /** The earliest and latest values accepted (ISO text of the same kind). */
  min?: string;
  max?: string;
  error?: boolean;
  helperText?: string;
  sx?: SxProps<Theme>;
  /** More attributes of the <input> (data-testid…). */
  inputAttrs?: Record<string, string>;
}

function PickerField({ kind, value, onChange, label, name, size, required, clearable, disabled, min, max, error, helperText, sx, inputAttrs }: PickerFieldProps & { kind: PickerKind }) {
  const t = usePageText(zhPickers, enPickers);
  const [locale] = useLocaleState();
  const [text, setText] = useState(value ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const fieldRef = useRef<HTMLDivElement>(null);
  const lo = min ?? BOUNDS[kind][0];
  const hi = max ?? BOUNDS[kind][1];

  // A value set from outside (the default month arriving, a link) replaces what the field shows.
  useEffect(() => {
    setText(value ?? '');
    setProblem(null);
  }, [value]);

  const check = (iso: string) => (iso < lo || iso > hi ? t('range', { min: lo, max: hi }) : null);
  const commit = (iso: string) => {
    const outside = check(iso);
    setProblem(outside);
    if (!outside && iso !== value) onChange(iso);
  };
  const onType = (raw: string) => {
    setText(raw);
    if (isIsoValue(kind, raw)) commit(raw);
    else if (!raw && clearable) {
      setProblem(null);
      onChange('');
    } else setProblem(null); // judged when the field is left (typing 2023-1 on the way to 2023-12 is no error)
  };
  const settle = () => {
    if (!text) {
      if (!clearable) setText(value ?? '');
      return;
    }
    const iso = normalizeIso(kind, text);
    if (!iso) return setProblem(t(`invalid.${kind}`));
    setText(iso);
    commit(iso);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') settle();
  };

  const shown = problem ?? helperText;
  return (
    <>
      <TextField
        ref={fieldRef}
        type="text"
        size={size}
        label={label}
        required={required}
        disabled={disabled}
        value={text}
        onChange={(e) => onType(e.target.value)}
        onBlur={settle}
        onKeyDown={onKey}
        error={error || !!problem}
        helperText={shown}
        placeholder={t(`placeholder.${kind}`)}
        sx={sx}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { ...inputAttrs, name, inputMode: 'numeric', autoComplete: 'off', maxLength: kind === 'month' ? 12 : 14, 'data-picker': kind, lang: locale },
          input: {
            endAdornment: (
              <InputAdornment position="end" sx={{ ml: 0 }}>
                <IconButton
                  size="small"
                  edge="end"
                  disabled={disabled}
                  aria-label={t(`open.${kind}`)}
                  aria-haspopup="dialog"
                  data-testid={name ? `${name}-calendar` : undefined}
                  onClick={() => setAnchor(fieldRef.current)}
                >
                  <CalendarMonthIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { role: 'dialog', 'aria-label': t(`open.${kind}`), 'data-picker-calendar': kind } as object }}
      >
          {anchor ? (
            <Calendar
              kind={kind}
              value={isIsoValue(kind, text) ? text : (value ?? null)}
              min={lo}
              max={hi}
              locale={locale === 'en' ? 'en' : 'zh-CN'}
              yearLabel={(year) => t('year', { year })}
              previousYear={t('previousYear')}
              nextYear={t('nextYear')}
              onPick={(iso) => {
                setAnchor(null);
                setText(iso);
                commit(iso);
              }}
            />
          ) : null}
      </Popover>
    </>
  );
}

/** A month as ISO text (2023-06), typed or picked from a calendar of months in the app's language. */
export const MonthField = (props: PickerFieldProps) => <PickerField kind="month" {...props} />;

/** A day as ISO text (2023-06-15), typed or picked from a calendar in the app's language. */
export const DateField = (props: PickerFieldProps) => <PickerField kind="date" {...props} />;
