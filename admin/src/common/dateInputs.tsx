// react-admin inputs on the fields of pickers.tsx (issue #15): the native date, datetime-local, month and week inputs
// showed mm/dd/yyyy or the browser's own language. Each keeps the value the API takes — 'YYYY-MM-DD', an ISO instant
// entered as Shanghai wall time, 'YYYY-MM', 'YYYY-Www', the instants of a day filter — while the field shows and
// takes ISO text (2023-06-15, 2023-06-15 09:30, 2023-W24) with a calendar in the app's language. Text that is no
// value stays in the form as typed, so the form's validation refuses it (「会议日期格式应为 2023-06-15」) and a list
// filter is not applied: nothing is saved from a half-typed date. Only lazily loaded resource pages import this file.
import { useRef } from 'react';
import type { SxProps, Theme } from '@mui/material';
import { FieldTitle, InputHelperText, useInput, useResourceContext, useTranslateLabel, type InputProps, type Validator } from 'react-admin';
import { usePageText } from '../work/pageText';
import { PickerField } from './pickers';
import { enPickers, zhPickers } from './pickerMessages';
import { judgeText, isIsoValue, type PickerKind } from './pickerValues';
import { endOfShanghaiDay, formatDateTime, fromShanghaiLocalInput, shanghaiDate, startOfShanghaiDay } from './time';

type Common = Omit<InputProps, 'source'> & { source: string; label?: string; helperText?: string | false; fullWidth?: boolean };

/** The form's value ↔ the field's ISO text. */
interface Codec {
  /** Whether a form value is a value of this input (not text typed wrong). */
  isValue: (v: unknown) => boolean;
  toText: (v: unknown) => string;
  fromText: (text: string) => unknown;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const isInstant = (v: unknown) => (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v)));

const plain = (kind: PickerKind): Codec => ({ isValue: (v) => typeof v === 'string' && isIsoValue(kind, v), toText: String, fromText: (t) => t });
const CODECS = {
  date: plain('date'),
  month: plain('month'),
  week: plain('week'),
  /** An instant shown and typed as Shanghai wall time; sent as an ISO instant (fromShanghaiLocalInput, +08:00). */
  datetime: { isValue: isInstant, toText: formatDateTime, fromText: (t: string) => fromShanghaiLocalInput(t.replace(' ', 'T')) } satisfies Codec,
  /** A day filter on a DateTime field: from the start of the Shanghai day … */
  dayFrom: { isValue: isInstant, toText: (v: unknown) => shanghaiDate(v as string), fromText: (t: string) => startOfShanghaiDay(t) ?? null } satisfies Codec,
  /** … to its end. */
  dayTo: { isValue: isInstant, toText: (v: unknown) => shanghaiDate(v as string), fromText: (t: string) => endOfShanghaiDay(t) ?? null } satisfies Codec,
};
const KIND_OF: Record<keyof typeof CODECS, PickerKind> = { date: 'date', month: 'month', week: 'week', datetime: 'datetime', dayFrom: 'date', dayTo: 'date' };

type PickerInputProps = Common & {
  codec: keyof typeof CODECS; min?: string; max?: string; alwaysOn?: boolean; size?: 'small' | 'medium'; sx?: SxProps<Theme>; className?: string;
};

function PickerInput(props: PickerInputProps) {
  const { codec: codecName, min, max, source, label, helperText, validate, defaultValue, disabled, readOnly, fullWidth, sx, className, size } = props;
  const codec = CODECS[codecName];
  const kind = KIND_OF[codecName];
  const t = usePageText(zhPickers, enPickers);
  const translateLabel = useTranslateLabel();
  const resource = useResourceContext(props);
  const fieldName = String(translateLabel({ label, source, resource }) ?? source);

  // The form refuses text that is no value (or out of range) with the field's message. The validator stays one
  // function; what it says follows the language through a ref.
  const says = useRef({ t, fieldName, min, max });
  says.current = { t, fieldName, min, max };
  const own = useRef<Validator>((value: unknown) => {
    if (value == null || value === '') return undefined;
    const { t: tr, fieldName: field, min: lo, max: hi } = says.current;
    const wrong = codec.isValue(value) ? judgeText(kind, codec.toText(value), lo, hi) : 'invalid';
    if (!wrong) return undefined;
    return wrong === 'range'
      ? tr('range', { field, min: lo ?? '', max: hi ?? '' })
      : tr('invalid', { field, example: tr(`example.${kind}`) });
  }).current;
  const validators = [own, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];

  const { field, fieldState, id, isRequired } = useInput({ source, resource, validate: validators, defaultValue, disabled, readOnly });
  const value: unknown = field.value;
  const text = value == null || value === '' ? '' : codec.isValue(value) ? codec.toText(value) : String(value);
  const error = fieldState.invalid && fieldState.error ? <InputHelperText error={fieldState.error.message} /> : undefined;

  return (
    <PickerField
      kind={kind}
      value={text}
      onChange={(iso) => field.onChange(iso === '' ? null : codec.fromText(iso))}
      onInvalid={(typed) => field.onChange(typed)}
      onBlur={field.onBlur}
      inputRef={field.ref}
      name={field.name}
      id={id}
      label={label === '' ? undefined : <FieldTitle label={label} source={source} resource={resource} isRequired={isRequired} />}
      fieldName={fieldName}
      clearable
      disabled={disabled}
      readOnly={readOnly}
      min={min}
      max={max}
      errorText={error}
      helperText={helperText === false ? undefined : <InputHelperText helperText={helperText} />}
      floatingError={helperText === false}
      className={`ra-input ra-input-${source}${className ? ` ${className}` : ''}`}
      sx={sx}
      fullWidth={fullWidth}
      size={size ?? 'small'}
    />
  );
}

/** A calendar date 'YYYY-MM-DD'. */
export const DayInput = (props: Common) => <PickerInput codec="date" {...props} />;

/** An instant entered as Shanghai wall time (2023-06-15 09:30), sent as an ISO string with zone. */
export const ShanghaiDateTimeInput = (props: Common) => <PickerInput codec="datetime" {...props} />;

/** A month 'YYYY-MM'. */
export const MonthInput = (props: Common) => <PickerInput codec="month" {...props} />;

/** An ISO week 'YYYY-Www', typed or picked as a day of it; shown with its dates (2023年第24周 · 06-12 至 06-18). */
export const IsoWeekInput = (props: Common) => <PickerInput codec="week" {...props} />;

/** Filters on a DateTime field by Shanghai calendar days: `<source>_gte` from the start of the first day … */
export const DayFromFilter = ({ source, ...props }: Common) => <PickerInput codec="dayFrom" source={`${source}_gte`} {...props} />;
/** … and `<source>_lte` to the end of the last day. */
export const DayToFilter = ({ source, ...props }: Common) => <PickerInput codec="dayTo" source={`${source}_lte`} {...props} />;
