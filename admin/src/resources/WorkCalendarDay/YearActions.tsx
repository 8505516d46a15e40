// The calendar list's toolbar: the usual filter/create/export, and 录入年度安排 for whoever may save a year.
import { Button } from '@mui/material';
import EventNoteIcon from '@mui/icons-material/EventNote';
import { Link as RouterLink } from 'react-router-dom';
import { CreateButton, ExportButton, FilterButton, TopToolbar, useResourceDefinition, useTranslate } from 'react-admin';
import { useAccess } from '../../access';

export const CalendarYearActions = ({ hasFilters }: { hasFilters?: boolean }) => {
  const translate = useTranslate();
  const { hasCreate } = useResourceDefinition();
  const { mayCall } = useAccess();
  return (
    <TopToolbar>
      {hasFilters ? <FilterButton /> : null}
      {mayCall('Mutation.saveCalendarYear') ? (
        <Button component={RouterLink} to="/calendar-year" size="small" startIcon={<EventNoteIcon />}>{translate('calendar.enterYear')}</Button>
      ) : null}
      {hasCreate ? <CreateButton /> : null}
      <ExportButton />
    </TopToolbar>
  );
};
