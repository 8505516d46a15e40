// The spreadsheet registers: routes and their entries in the 台账 menu group.
import GridOnIcon from '@mui/icons-material/GridOn';
import { Route } from 'react-router-dom';
import { Menu, usePermissions, useTranslate } from 'react-admin';
import { roleCan } from '../access';
import { AbSheetPage, AwardSheetPage, NegativeSheetPage } from './pages';

export const SHEETS = [
  { path: '/sheets/negative', label: 'sheets.menu.negative', resource: 'NegativeRecord', element: <NegativeSheetPage /> },
  { path: '/sheets/ab-roles', label: 'sheets.menu.ab', resource: 'RoleAssignment', element: <AbSheetPage /> },
  { path: '/sheets/awards', label: 'sheets.menu.awards', resource: 'Award', element: <AwardSheetPage /> },
];

export const sheetRoutes = SHEETS.map((s) => <Route key={s.path} path={s.path} element={s.element} />);

/** Menu entries for the sheets the user may edit. */
export const SheetMenuItems = () => {
  const translate = useTranslate();
  const { permissions: role } = usePermissions<string | null>();
  return (
    <>
      {SHEETS.filter((s) => roleCan(role ?? undefined, s.resource, 'edit')).map((s) => (
        <Menu.Item key={s.path} to={s.path} primaryText={translate(s.label)} leftIcon={<GridOnIcon />} data-testid={`menu-${s.path}`} />
      ))}
    </>
  );
};
