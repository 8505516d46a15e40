// The calendar of common/pickers.tsx (@mui/x-date-pickers with dayjs): it arrives with the lazily loaded pages that
// have a month, date, week, year or date-time field, never in the first download. Values go in and out as ISO text;
// a date-time is a Shanghai wall time held as a plain dayjs (no zone arithmetic here: time.ts does it).
import { useState } from 'react';
import { Box, Button, Divider, IconButton, Stack, Typography } from '@mui/material';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DateCalendar } from '@mui/x-date-pickers/DateCalendar';
import { MonthCalendar } from '@mui/x-date-pickers/MonthCalendar';
import { YearCalendar } from '@mui/x-date-pickers/YearCalendar';
import { MultiSectionDigitalClock } from '@mui/x-date-pickers/MultiSectionDigitalClock';
import { PickersDay, type PickersDayProps } from '@mui/x-date-pickers/PickersDay';
import { enUS, zhCN } from '@mui/x-date-pickers/locales';
import dayjs, { type Dayjs } from 'dayjs';
import en from 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { isoWeekOf, weekDays, type PickerKind } from './pickerValues';

// Weeks are ISO weeks in both languages: Monday first, week 1 holds 4 January (zh-cn has this already).
dayjs.locale({ ...en, name: 'en-iso', weekStart: 1, yearStart: 4 } as ILocaleLike, undefined, true);
type ILocaleLike = Parameters<typeof dayjs.locale>[0];

type Text = (key: string, params?: Record<string, string | number>) => string;

interface Props {
  kind: PickerKind;
  /** The value shown as chosen (ISO text of the kind), if any. */
  value: string | null;
  /** Shanghai's wall time now, 'YYYY-MM-DD HH:mm': where a date-time without a value starts. */
  now: string;
  min: string;
  max: string;
  locale: 'zh-CN' | 'en';
  text: Text;
  onPick: (iso: string) => void;
  onCancel: () => void;
}

/** Months: a year with arrows over the twelve months (一月…十二月 / Jan…Dec). */
const Months = ({ value, min, max, text, onPick }: Pick<Props, 'value' | 'min' | 'max' | 'text' | 'onPick'>) => {
  const selected = value ? dayjs(`${value}-01`) : null;
  const [year, setYear] = useState(() => (selected ?? dayjs()).year());
  const minDate = dayjs(`${min.slice(0, 7)}-01`);
  const maxDate = dayjs(`${max.slice(0, 7)}-01`);
  return (
    <Box sx={{ width: 300, pt: 1 }} data-picker-year={year}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', px: 1 }}>
        <IconButton size="small" aria-label={text('previousYear')} disabled={year <= minDate.year()} onClick={() => setYear(year - 1)}><ChevronLeft /></IconButton>
        <Typography variant="subtitle1" component="span" data-testid="picker-year">{text('year', { year })}</Typography>
        <IconButton size="small" aria-label={text('nextYear')} disabled={year >= maxDate.year()} onClick={() => setYear(year + 1)}><ChevronRight /></IconButton>
      </Box>
      <MonthCalendar
        value={selected && selected.year() === year ? selected : null}
        referenceDate={dayjs(`${year}-01-01`)}
        minDate={minDate}
        maxDate={maxDate}
        onChange={(d: Dayjs | null) => d && onPick(`${year}-${String(d.month() + 1).padStart(2, '0')}`)}
        sx={{ width: 'auto' }}
      />
    </Box>
  );
};

/** A day of the week calendar: the chosen ISO week's seven days read as one band. */
const WeekDay = ({ chosenWeek, ...props }: PickersDayProps & { chosenWeek?: string | null }) => {
  const day = props.day as Dayjs;
  const inWeek = !!chosenWeek && !props.outsideCurrentMonth && isoWeekOf(day.format('YYYY-MM-DD')) === chosenWeek;
  if (!inWeek) return <PickersDay {...props} />;
  const dow = day.day() || 7; // 1 Monday … 7 Sunday
  return (
    <PickersDay
      {...props}
      selected
      disableMargin
      data-in-week="true"
      sx={{
        width: 40,
        borderRadius: 0,
        ...(dow === 1 ? { borderTopLeftRadius: '50%', borderBottomLeftRadius: '50%' } : {}),
        ...(dow === 7 ? { borderTopRightRadius: '50%', borderBottomRightRadius: '50%' } : {}),
      }}
    />
  );
};

/** A day and a time of day, confirmed together: the calendar beside hour and minute columns. */
const DateTime = ({ value, now, min, max, locale, text, onPick, onCancel }: Omit<Props, 'kind'>) => {
  const [pending, setPending] = useState(() => dayjs((value ?? now).replace(' ', 'T')));
  const shown = pending.format('YYYY-MM-DD HH:mm');
  const outside = shown < min || shown > max;
  return (
    <Box data-picker-pending={shown}>
      <Stack direction="row" divider={<Divider orientation="vertical" flexItem />}>
        <DateCalendar
          value={pending}
          minDate={dayjs(min.slice(0, 10))}
          maxDate={dayjs(max.slice(0, 10))}
          views={['year', 'day']}
          slotProps={{ calendarHeader: { format: locale === 'en' ? 'MMMM YYYY' : 'YYYY年M月' } }}
          onChange={(d: Dayjs | null) => d && setPending(pending.year(d.year()).month(d.month()).date(d.date()))}
        />
        <Box sx={{ display: 'flex', flexDirection: 'column', pt: 1 }}>
          <Stack direction="row" sx={{ px: 1 }}>
            <Typography variant="caption" color="text.secondary" sx={{ flex: 1, textAlign: 'center' }}>{text('hours')}</Typography>
            <Typography variant="caption" color="text.secondary" sx={{ flex: 1, textAlign: 'center' }}>{text('minutes')}</Typography>
          </Stack>
          <MultiSectionDigitalClock
            value={pending}
            ampm={false}
            views={['hours', 'minutes']}
            timeSteps={{ hours: 1, minutes: 1 }}
            onChange={(d: Dayjs | null) => d && setPending(pending.hour(d.hour()).minute(d.minute()))}
            sx={{ maxHeight: 300, '& .MuiMultiSectionDigitalClockSection-root': { maxHeight: 300 } }}
          />
        </Box>
      </Stack>
      <Divider />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1 }}>
        <Typography variant="body1" sx={{ flex: 1, fontVariantNumeric: 'tabular-nums', fontWeight: 600 }} data-testid="picker-pending">{shown}</Typography>
        <Button onClick={onCancel}>{text('cancel')}</Button>
        <Button variant="contained" disabled={outside} onClick={() => onPick(shown)} data-testid="picker-ok">{text('ok')}</Button>
      </Stack>
    </Box>
  );
};

const PickerCalendar = ({ kind, value, min, max, locale, ...rest }: Props) => {
  const texts = (locale === 'en' ? enUS : zhCN).components.MuiLocalizationProvider.defaultProps.localeText;
  const header = { calendarHeader: { format: locale === 'en' ? 'MMMM YYYY' : 'YYYY年M月' } };
  const adapterLocale = locale === 'en' ? (kind === 'week' ? 'en-iso' : 'en') : 'zh-cn';
  let view;
  if (kind === 'month') view = <Months value={value} min={min} max={max} text={rest.text} onPick={rest.onPick} />;
  else if (kind === 'datetime') view = <DateTime value={value} min={min} max={max} locale={locale} {...rest} />;
  else if (kind === 'year') {
    view = (
      <YearCalendar
        value={value ? dayjs(`${value}-01-01`) : null}
        referenceDate={dayjs(`${rest.now.slice(0, 4)}-01-01`)}
        minDate={dayjs(`${min}-01-01`)}
        maxDate={dayjs(`${max}-12-31`)}
        yearsPerRow={4}
        onChange={(d: Dayjs | null) => d && rest.onPick(String(d.year()))}
        sx={{ width: 320, py: 1 }}
      />
    );
  } else if (kind === 'week') {
    const [from] = value ? weekDays(value) : [null];
    view = (
      <DateCalendar
        value={from ? dayjs(from) : null}
        minDate={dayjs(weekDays(min)[0])}
        maxDate={dayjs(weekDays(max)[1])}
        views={['year', 'day']}
        displayWeekNumber
        slots={{ day: WeekDay }}
        slotProps={{ ...header, day: { chosenWeek: value } as object }}
        onChange={(d: Dayjs | null, state) => d && state === 'finish' && rest.onPick(isoWeekOf(d.format('YYYY-MM-DD')))}
      />
    );
  } else {
    view = (
      <DateCalendar
        value={value ? dayjs(value) : null}
        minDate={dayjs(min)}
        maxDate={dayjs(max)}
        views={['year', 'day']}
        slotProps={header}
        onChange={(d: Dayjs | null, state) => d && state === 'finish' && rest.onPick(d.format('YYYY-MM-DD'))}
      />
    );
  }
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={adapterLocale} localeText={texts}>
      {view}
    </LocalizationProvider>
  );
};

export default PickerCalendar;
