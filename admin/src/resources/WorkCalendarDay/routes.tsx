// 录入年度安排's route; the page loads when opened.
import { Route } from 'react-router-dom';
import { lazyPage } from '../../layout/lazyPage';

const CalendarYearPage = lazyPage(() => import('./CalendarYearPage'), (m) => m.CalendarYearPage);

export const calendarRoutes = [
  <Route key="calendar-year" path="/calendar-year/:year?" element={<CalendarYearPage />} />,
];
