// Read-only fields shared by every resource.
import { Chip, Tooltip, Typography, Box } from '@mui/material';
import type { ChipProps } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { TONES, type EnumName } from './enums';
import { formatDate, formatDateTime, formatDateTimeLong } from './time';

type Rec = Record<string, unknown>;
const get = (record: Rec | undefined, source: string): unknown =>
  source.split('.').reduce<unknown>((v, k) => (v == null ? v : (v as Rec)[k]), record);

const empty = <Typography component="span" variant="body2" color="text.disabled">—</Typography>;

/** An instant in zh-CN, Asia/Shanghai: 2023-09-01 10:05. */
export const DateTimeField = ({ source }: FieldProps & { source: string }) => {
  const record = useRecordContext<Rec>();
  const value = get(record, source);
  if (value == null || value === '') return empty;
  return (
    <Tooltip title={formatDateTimeLong(value)} enterDelay={600}>
      <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {formatDateTime(value)}
      </Typography>
    </Tooltip>
  );
};

/** A calendar date: 2023-09-01. */
export const DateOnlyField = ({ source }: FieldProps & { source: string }) => {
  const record = useRecordContext<Rec>();
  const value = get(record, source);
  if (value == null || value === '') return empty;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {formatDate(value)}
    </Typography>
  );
};

/** An enum value as its translated label, optionally as a coloured chip. */
export const EnumField = ({ source, enumName, chip = false }: FieldProps & { source: string; enumName: EnumName; chip?: boolean }) => {
  const record = useRecordContext<Rec>();
  const translate = useTranslate();
  const value = get(record, source);
  if (value == null || value === '') return empty;
  const label = translate(`rexian.enum.${enumName}.${String(value)}`, { _: String(value) });
  if (!chip) return <Typography component="span" variant="body2">{label}</Typography>;
  const tone = (TONES[enumName]?.[String(value)] ?? 'default') as ChipProps['color'];
  return <Chip size="small" label={label} color={tone} variant={tone === 'default' ? 'outlined' : 'filled'} sx={{ alignSelf: 'flex-start' }} />;
};

/** A list of enum values (or free strings) as small chips. */
export const EnumArrayField = ({ source, enumName }: FieldProps & { source: string; enumName: EnumName }) => {
  const record = useRecordContext<Rec>();
  const translate = useTranslate();
  const value = get(record, source);
  if (!Array.isArray(value) || value.length === 0) return empty;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {value.map((v) => (
        <Chip key={String(v)} size="small" variant="outlined" label={translate(`rexian.enum.${enumName}.${String(v)}`, { _: String(v) })} />
      ))}
    </Box>
  );
};

/** Plain strings of an array field (aliases) as chips. */
export const StringArrayField = ({ source }: FieldProps & { source: string }) => {
  const record = useRecordContext<Rec>();
  const value = get(record, source);
  if (!Array.isArray(value) || value.length === 0) return empty;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {value.map((v) => <Chip key={String(v)} size="small" variant="outlined" label={String(v)} />)}
    </Box>
  );
};

/** Yes/No as words rather than icons: a printed or read-aloud list stays unambiguous. */
export const YesNoField = ({ source, highlight = false }: FieldProps & { source: string; highlight?: boolean }) => {
  const record = useRecordContext<Rec>();
  const translate = useTranslate();
  const value = get(record, source);
  if (value == null) return empty;
  return (
    <Typography component="span" variant="body2" color={value && highlight ? 'error' : value ? 'text.primary' : 'text.secondary'}
      sx={{ fontWeight: value && highlight ? 600 : undefined }}>
      {translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}
    </Typography>
  );
};

/** Long text, cut to a line in tables (full text in the tooltip). */
export const ShortTextField = ({ source, max = 40 }: FieldProps & { source: string; max?: number }) => {
  const record = useRecordContext<Rec>();
  const value = get(record, source);
  if (value == null || value === '') return empty;
  const s = String(value);
  if (s.length <= max) return <Typography component="span" variant="body2">{s}</Typography>;
  return (
    <Tooltip title={s} enterDelay={400}>
      <Typography component="span" variant="body2">{s.slice(0, max)}…</Typography>
    </Tooltip>
  );
};

/** Multi-line text kept with its line breaks (show pages). */
export const ParagraphField = ({ source }: FieldProps & { source: string }) => {
  const record = useRecordContext<Rec>();
  const value = get(record, source);
  if (value == null || value === '') return empty;
  return <Typography component="div" variant="body2" sx={{ whiteSpace: 'pre-wrap', maxWidth: '60em' }}>{String(value)}</Typography>;
};

/** A fraction 0.97 shown as 97%. */
export const PercentField = ({ source }: FieldProps & { source: string }) => {
  const record = useRecordContext<Rec>();
  const value = get(record, source);
  if (value == null || value === '') return empty;
  const n = Number(value);
  return <Typography component="span" variant="body2">{Number.isFinite(n) ? `${+(n * 100).toFixed(2)}%` : String(value)}</Typography>;
};
