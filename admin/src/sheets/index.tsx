// The spreadsheet registers: routes and their entries in the 台账 menu group.
import GridOnIcon from '@mui/icons-material/GridOn';
import { Route } from 'react-router-dom';
import { Menu, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { lazyPage } from '../layout/lazyPage';

// The grid (react-datasheet-grid) and its pages load when a sheet opens.
const AbSheetPage = lazyPage(() => import('./pages'), (m) => m.AbSheetPage);
const AwardSheetPage = lazyPage(() => import('./pages'), (m) => m.AwardSheetPage);
const NegativeSheetPage = lazyPage(() => import('./pages'), (m) => m.NegativeSheetPage);
const QuotaSheetPage = lazyPage(() => import('./pages'), (m) => m.QuotaSheetPage);

export const SHEETS = [
  { path: '/sheets/negative', label: 'sheets.menu.negative', resource: 'NegativeRecord', element: <NegativeSheetPage /> },
  { path: '/sheets/ab-roles', label: 'sheets.menu.ab', resource: 'RoleAssignment', element: <AbSheetPage /> },
  { path: '/sheets/awards', label: 'sheets.menu.awards', resource: 'Award', element: <AwardSheetPage /> },
  { path: '/sheets/quota', label: 'sheets.menu.quota', resource: 'NegativeQuota', element: <QuotaSheetPage /> },
];

export const sheetRoutes = SHEETS.map((s) => <Route key={s.path} path={s.path} element={s.element} />);

/** Menu entries for the sheets the user may edit. */
export const SheetMenuItems = () => {
  const translate = useTranslate();
  const access = useAccess();
  return (
    <>
      {SHEETS.filter((s) => access.can(s.resource, 'edit')).map((s) => (
        <Menu.Item key={s.path} to={s.path} primaryText={translate(s.label)} leftIcon={<GridOnIcon />} data-testid={`menu-${s.path}`} />
      ))}
    </>
  );
};
