import { Admin, CustomRoutes, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { lazyDataProvider } from './dataProvider/lazy';
import { i18nProvider } from './i18n';
import { RexianLayout } from './layout/Layout';
import { LoginPage } from './login/LoginPage';
import { Dashboard, reportRoutes } from './reports';
import { reportDocRoutes } from './reports/documents';
import { AVAILABLE, mounted } from './resources';
import { theme } from './theme';
import { workRoutes } from './work';
import { sheetRoutes } from './sheets';
import { undercoverRoutes } from './undercover';
import { warningRoutes } from './warnings';
import { calendarRoutes } from './resources/WorkCalendarDay/routes';

// The first download holds only the shell: every page is lazy. To add a page, give its module's index a
// `const MyPage = lazyPage(() => import('./MyPage'), (m) => m.MyPage)` (layout/lazyPage.tsx) and a
// <Route path="/my-page" element={<MyPage />} /> among its routes — never import a page module statically here,
// in layout/Menu.tsx or in a menu item (`node scripts/admin-size.mjs` shows what the first download holds;
// admin/test/initial-load.test.ts fails above 400 kB gzip).
export const App = () => (
  <Admin
    title="Rexian 热线绩效"
    dataProvider={lazyDataProvider}
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
    <CustomRoutes>{reportRoutes}{reportDocRoutes}{workRoutes}{sheetRoutes}{undercoverRoutes}{warningRoutes}{calendarRoutes}</CustomRoutes>
  </Admin>
);
