// The 暗访抽样 screen: its route and its sidebar entry (shown to the roles that may read visits).
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Menu, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { Route } from 'react-router-dom';
import { lazyPage } from '../layout/lazyPage';

const UndercoverPage = lazyPage(() => import('./UndercoverPage'), (m) => m.UndercoverPage);

export const undercoverRoutes = [<Route key="undercover" path="/undercover" element={<UndercoverPage />} />];

export const UndercoverMenuItem = () => {
  const translate = useTranslate();
  if (!useAccess().mayCall('Query.undercoverSample')) return null;
  return <Menu.Item to="/undercover" primaryText={translate('undercover.menu')} leftIcon={<VisibilityOffIcon />} />;
};
