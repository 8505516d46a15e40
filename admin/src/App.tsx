import { Admin, CustomRoutes, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { RexianLayout } from './layout/Layout';
import { LoginPage } from './login/LoginPage';
import { Dashboard, reportRoutes } from './reports';
import { AVAILABLE, mounted } from './resources';
import { theme } from './theme';
import { workRoutes } from './work';
import { sheetRoutes } from './sheets';
import { undercoverRoutes } from './undercover';
import { warningRoutes } from './warnings';
import { calendarRoutes } from './resources/WorkCalendarDay/CalendarYearPage';

export const App = () => (
  <Admin
    title="Rexian 热线绩效"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={RexianLayout}
    dashboard={Dashboard}
    loginPage={LoginPage}
    theme={theme}
    disableTelemetry
    requireAuth
  >
    {AVAILABLE.map((name) => (
      <Resource key={name} name={name} {...mounted(name)} />
    ))}
    <CustomRoutes>{reportRoutes}{workRoutes}{sheetRoutes}{undercoverRoutes}{warningRoutes}{calendarRoutes}</CustomRoutes>
  </Admin>
);
