// The 苗头预警 board: its route and its sidebar entry (shown to the roles that may read hotspot warnings).
import WhatshotIcon from '@mui/icons-material/Whatshot';
import { Menu, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { useAccess } from '../access';
import { lazyPage } from '../layout/lazyPage';

const HotspotBoard = lazyPage(() => import('./HotspotBoard'), (m) => m.HotspotBoard);

export const warningRoutes = [<Route key="hotspots" path="/hotspots" element={<HotspotBoard />} />];

export const HotspotMenuItem = () => {
  const translate = useTranslate();
  if (!useAccess().mayCall('Query.hotspotWarnings')) return null;
  return <Menu.Item to="/hotspots" primaryText={translate('hotspots.menu')} leftIcon={<WhatshotIcon />} />;
};
