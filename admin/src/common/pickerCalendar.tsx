// The calendar of common/pickers.tsx (@mui/x-date-pickers with dayjs): it arrives with the lazily loaded pages that
// have a month or date field, never in the first download.
import { useState } from 'react';
import { Box, IconButton, Typography } from '@mui/material';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DateCalendar } from '@mui/x-date-pickers/DateCalendar';
import { MonthCalendar } from '@mui/x-date-pickers/MonthCalendar';
import { enUS, zhCN } from '@mui/x-date-pickers/locales';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { PickerKind } from './pickers';

interface Props {
  kind: PickerKind;
  value: string | null;
  min: string;
  max: string;
  yearLabel: (year: number) => string;
  previousYear: string;
  nextYear: string;
  locale: 'zh-CN' | 'en';
  onPick: (iso: string) => void;
}

/** Months: a year with arrows over the twelve months (一月…十二月 / Jan…Dec). */
const Months = ({ value, min, max, yearLabel, previousYear, nextYear, onPick }: Omit<Props, 'kind' | 'locale'>) => {
  const selected = value ? dayjs(`${value}-01`) : null;
  const [year, setYear] = useState(() => (selected ?? dayjs()).year());
  const minDate = dayjs(`${min.slice(0, 7)}-01`);
  const maxDate = dayjs(`${max.slice(0, 7)}-01`);
  return (
    <Box sx={{ width: 300, pt: 1 }} data-picker-year={year}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', px: 1 }}>
        <IconButton size="small" aria-label={previousYear} disabled={year <= minDate.year()} onClick={() => setYear(year - 1)}><ChevronLeft /></IconButton>
        <Typography variant="subtitle1" component="span" data-testid="picker-year">{yearLabel(year)}</Typography>
        <IconButton size="small" aria-label={nextYear} disabled={year >= maxDate.year()} onClick={() => setYear(year + 1)}><ChevronRight /></IconButton>
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

const PickerCalendar = ({ kind, value, min, max, locale, ...rest }: Props) => {
  const texts = (locale === 'en' ? enUS : zhCN).components.MuiLocalizationProvider.defaultProps.localeText;
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={locale === 'en' ? 'en' : 'zh-cn'} localeText={texts}>
      {kind === 'month' ? (
        <Months value={value} min={min} max={max} {...rest} />
      ) : (
        <DateCalendar
          value={value ? dayjs(value) : null}
          minDate={dayjs(min)}
          maxDate={dayjs(max)}
          views={['year', 'day']}
          slotProps={{ calendarHeader: { format: locale === 'en' ? 'MMMM YYYY' : 'YYYY年M月' } }}
          onChange={(d: Dayjs | null, state) => d && state === 'finish' && rest.onPick(d.format('YYYY-MM-DD'))}
        />
      )}
    </LocalizationProvider>
  );
};

export default PickerCalendar;
