// Month, date, week, year and date-time fields that read the same in every browser (issue #15): the native
// <input type="month"/"date"/"week"/"datetime-local"> shows "June 2023", mm/dd/yyyy or a week in the browser's own
// language whatever the app's. These are text fields holding the ISO value (2023-06, 2023-06-15, 2023-W24, 2023,
// 2023-06-15 09:30) — typed, pasted or filled by a test alike — with a calendar button. The calendar
// (@mui/x-date-pickers with dayjs, Chinese or English as the app; pickerCalendar.tsx) travels with the pages that use
// these fields, never in the first download. It is not a chunk of its own loaded on opening: the bundler then split
// the first download's MUI chunk in two (+1.1 kB gzip over the 400 kB limit), as the calendar shares part of it.
// react-admin inputs built on these fields: dateInputs.tsx.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { IconButton, InputAdornment, Popover, TextField, Tooltip, type SxProps, type Theme } from '@mui/material';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonthOutlined';
import { useLocaleState } from 'react-admin';
import { usePageText } from '../work/pageText';
import { formatDateTime } from './time';
import { enPickers, zhPickers } from './pickerMessages';
import Calendar from './pickerCalendar';

import { BOUNDS, MAX_LENGTH, exactIso, isIsoValue, judgeText, normalizeIso, weekDays, type PickerKind } from './pickerValues';

export { isIsoValue, isoWeekOf, normalizeIso, type PickerKind } from './pickerValues';

export interface PickerFieldProps {
  value: string | null | undefined;
  /** Called with the ISO text once a whole, valid value is typed or picked; '' when emptied if `clearable`. */
  onChange: (value: string) => void;
  /** Called with the text when it is judged wrong (left or Enter pressed on text that is no value, or out of range). */
  onInvalid?: (text: string) => void;
  label?: ReactNode;
  /** The field's name in error messages (「会议日期格式应为 2023-06-15」); the label when it is text. */
  fieldName?: string;
  /** The input's name (tests fill `input[name=…]`). */
  name?: string;
  id?: string;
  size?: 'small' | 'medium';
  required?: boolean;
  clearable?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  /** The earliest and latest values accepted (ISO text of the same kind). */
  min?: string;
  max?: string;
  error?: boolean;
  /** An error from outside (a form's validation), shown unless the field has its own. */
  errorText?: ReactNode;
  helperText?: ReactNode;
  sx?: SxProps<Theme>;
  className?: string;
  fullWidth?: boolean;
  /** More attributes of the <input> (data-testid…). */
  inputAttrs?: Record<string, string>;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  /** The error shows in a bubble under the field instead of as its helper text (a list's filter bar hides those). */
  floatingError?: boolean;
}

// A week's dates stay on one line under it (「2023年第24周 · 06-12 至 06-18」).
const WEEK = { minWidth: 240, '& .MuiFormHelperText-root': { whiteSpace: 'nowrap' } } as const;

export function PickerField({
  kind, value, onChange, onInvalid, label, fieldName, name, id, size, required, clearable, disabled, readOnly, min, max, error, errorText,
  helperText, sx, className, fullWidth, inputAttrs, inputRef, onBlur, floatingError,
}: PickerFieldProps & { kind: PickerKind }) {
  const t = usePageText(zhPickers, enPickers);
  const [locale] = useLocaleState();
  const [text, setText] = useState(value ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const fieldRef = useRef<HTMLDivElement>(null);
  // What this field last gave out: its value coming back is no change from outside (the text stays as typed).
  const given = useRef<string | null | undefined>(undefined);
  // Whether the last thing given out was wrong text: the value it had before, typed again, is then given anew.
  const wrongGiven = useRef(false);
  const lo = min ?? BOUNDS[kind][0];
  const hi = max ?? BOUNDS[kind][1];
  const field = fieldName ?? (typeof label === 'string' ? label : t(`noun.${kind}`));
  const locked = disabled || readOnly;

  // A value set from outside (the default month arriving, a link, a form reset) replaces what the field shows.
  useEffect(() => {
    if (given.current !== undefined && (value ?? '') === given.current) return;
    given.current = undefined;
    wrongGiven.current = false;
    setText(value ?? '');
    setProblem(null);
  }, [value]);

  const give = (v: string, bad: boolean) => {
    given.current = v;
    wrongGiven.current = bad;
    if (bad) onInvalid?.(v);
    else onChange(v);
  };
  const message = (what: 'invalid' | 'range') =>
    what === 'range' ? t('range', { field, min: lo, max: hi }) : t('invalid', { field, example: t(`example.${kind}`) });
  const commit = (iso: string, raw: string) => {
    const wrong = judgeText(kind, iso, lo, hi);
    setProblem(wrong ? message(wrong) : null);
    if (wrong) {
      if (onInvalid && raw !== value) give(raw, true);
    } else if (iso !== value || wrongGiven.current) give(iso, false);
  };
  const onType = (raw: string) => {
    setText(raw);
    const iso = exactIso(kind, raw);
    if (iso) commit(iso, raw);
    else if (!raw && clearable) {
      setProblem(null);
      give('', false);
    } else setProblem(null); // judged when the field is left (typing 2023-1 on the way to 2023-12 is no error)
  };
  const settle = () => {
    if (!text) {
      if (clearable) return;
      // A field that must hold a value goes back to it.
      setText(value ?? '');
      setProblem(null);
      if (wrongGiven.current && value) give(value, false);
      return;
    }
    const iso = normalizeIso(kind, text);
    if (!iso) {
      setProblem(message('invalid'));
      if (onInvalid && text !== value) give(text, true);
      return;
    }
    setText(iso);
    commit(iso, iso);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') settle();
    // The calendar button is left out of the Tab order (a clerk tabs from field to field): Alt+↓ opens it.
    if (e.key === 'ArrowDown' && e.altKey && !locked) {
      e.preventDefault();
      setAnchor(fieldRef.current);
    }
  };

  // A week reads as 「2023年第24周 · 06-12 至 06-18」 under the field.
  const week = kind === 'week' && isIsoValue('week', text) ? text : null;
  const weekHint = week
    ? (() => {
        const [from, to] = weekDays(week);
        return t('weekHint', { year: Number(week.slice(0, 4)), week: Number(week.slice(6)), from: from.slice(5), to: to.slice(5) });
      })()
    : null;
  const shown = problem ?? errorText ?? weekHint ?? helperText;
  return (
    <>
      <Tooltip
        open={!!floatingError && !!(problem ?? errorText)}
        title={problem ?? errorText ?? ''}
        placement="bottom-start"
        describeChild
        disableHoverListener
        disableFocusListener
        disableTouchListener
        slotProps={{ tooltip: { sx: { bgcolor: 'error.main', fontSize: 12 }, 'data-picker-error': 'true' } as object }}
      >
        <TextField
          ref={fieldRef}
          id={id}
          type="text"
          size={size}
          label={label}
          required={required}
          disabled={disabled}
          value={text}
          onChange={(e) => onType(e.target.value)}
          onBlur={() => {
            settle();
            onBlur?.();
          }}
          onKeyDown={onKey}
          error={error || !!problem || !!errorText}
          helperText={floatingError ? undefined : shown}
          placeholder={t(`placeholder.${kind}`)}
          sx={[kind === 'week' ? WEEK : {}, ...(Array.isArray(sx) ? sx : sx ? [sx] : [])]}
          className={className}
          fullWidth={fullWidth}
          inputRef={inputRef}
          slotProps={{
            inputLabel: { shrink: true },
            formHelperText: { 'data-picker-hint': weekHint && !problem && !errorText ? 'week' : undefined } as object,
            htmlInput: {
              ...inputAttrs,
              name,
              readOnly,
              inputMode: kind === 'week' || kind === 'datetime' ? 'text' : 'numeric',
              autoComplete: 'off',
              maxLength: MAX_LENGTH[kind],
              'data-picker': kind,
              lang: locale,
            },
            input: {
              endAdornment: locked ? undefined : (
                <InputAdornment position="end" sx={{ ml: 0 }}>
                  <IconButton
                    size="small"
                    edge="end"
                    tabIndex={-1}
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
      </Tooltip>
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
            value={(() => {
              const typed = normalizeIso(kind, text);
              return typed && !judgeText(kind, typed, lo, hi) ? typed : value && isIsoValue(kind, value) ? value : null;
            })()}
            now={formatDateTime(new Date())}
            min={lo}
            max={hi}
            locale={locale === 'en' ? 'en' : 'zh-CN'}
            text={t}
            onCancel={() => setAnchor(null)}
            onPick={(iso) => {
              setAnchor(null);
              setText(iso);
              commit(iso, iso);
              onBlur?.();
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

/** An ISO week (2023-W24), typed (or a day typed: its week) or picked as any day of it from a calendar. */
export const WeekField = (props: PickerFieldProps) => <PickerField kind="week" {...props} />;

/** A year (2023), typed or picked from a list of years. */
export const YearField = (props: PickerFieldProps) => <PickerField kind="year" {...props} />;

/** A wall time (2023-06-15 09:30), typed or picked from a calendar and a clock. */
export const DateTimeTextField = (props: PickerFieldProps) => <PickerField kind="datetime" {...props} />;
