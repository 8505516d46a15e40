// The calendar page's banner: the current year not entered (urgent, red), or from 1 November next year's
// (amber), with a button to the entry page for whoever may save a year. The API decides what is missing.
import { useEffect, useState } from 'react';
import { Alert, AlertTitle, Box, Button, Stack } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { useAccess } from '../../access';
import { query } from '../../reports/api';

export interface MissingYear { year: number; urgent: boolean }

/** calendarStatus.missing, or null while loading (failures show nothing: the list stays usable). */
export function useMissingCalendarYears(): MissingYear[] | null {
  const [missing, setMissing] = useState<MissingYear[] | null>(null);
  useEffect(() => {
    let live = true;
    query<{ calendarStatus: { missing: MissingYear[] } }>('{ calendarStatus { missing { year urgent } } }')
      .then((d) => live && setMissing(d.calendarStatus.missing))
      .catch(() => live && setMissing([]));
    return () => void (live = false);
  }, []);
  return missing;
}

export const CalendarYearBanner = () => {
  const translate = useTranslate();
  const { mayCall } = useAccess();
  const missing = useMissingCalendarYears();
  if (!missing?.length) return null;
  return (
    <Stack spacing={1} sx={{ mt: 1 }} data-testid="calendar-year-banner">
      {missing.map((m) => (
        <Alert
          key={m.year}
          severity={m.urgent ? 'error' : 'warning'}
          action={mayCall('Mutation.saveCalendarYear') ? (
            <Button component={RouterLink} to={`/calendar-year/${m.year}`} color="inherit" size="small" variant="outlined">
              {translate('calendar.banner.enter', { year: m.year })}
            </Button>
          ) : null}
        >
          <AlertTitle>{translate('calendar.banner.missing', { year: m.year })}</AlertTitle>
          <Box component="span">{translate(m.urgent ? 'calendar.banner.urgent' : 'calendar.banner.next', { year: m.year })}</Box>
        </Alert>
      ))}
    </Stack>
  );
};
