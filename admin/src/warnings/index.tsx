// The early-warning pages: their routes and sidebar entries (shown to the roles that may call their queries) —
// 苗头预警 (the hotspot board), 季节预判 (the season forecast and its proactive tasks), 每日预警摘要 (the printable
// daily digest). The pages load when opened (layout/lazyPage.tsx).
import WhatshotIcon from '@mui/icons-material/Whatshot';
import EventNoteIcon from '@mui/icons-material/EventNote';
import SummarizeIcon from '@mui/icons-material/Summarize';
import { Menu, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { useAccess } from '../access';
import { lazyPage } from '../layout/lazyPage';

const HotspotBoard = lazyPage(() => import('./HotspotBoard'), (m) => m.HotspotBoard);
const ForecastPage = lazyPage(() => import('./ForecastPage'), (m) => m.ForecastPage);
const DigestPage = lazyPage(() => import('./DigestPage'), (m) => m.DigestPage);

export const warningRoutes = [
  <Route key="hotspots" path="/hotspots" element={<HotspotBoard />} />,
  <Route key="season-forecast" path="/season-forecast" element={<ForecastPage />} />,
  <Route key="warning-digest" path="/warning-digest" element={<DigestPage />} />,
];

export const HotspotMenuItem = () => {
  const translate = useTranslate();
  const { mayCall } = useAccess();
  return (
    <>
      {mayCall('Query.hotspotWarnings') ? <Menu.Item to="/hotspots" primaryText={translate('hotspots.menu')} leftIcon={<WhatshotIcon />} /> : null}
      {mayCall('Query.seasonForecast') ? <Menu.Item to="/season-forecast" primaryText={translate('hotspots.forecastMenu')} leftIcon={<EventNoteIcon />} /> : null}
      {mayCall('Query.warningDigest') ? <Menu.Item to="/warning-digest" primaryText={translate('hotspots.digestMenu')} leftIcon={<SummarizeIcon />} /> : null}
    </>
  );
};
