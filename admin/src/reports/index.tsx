// The report screens mounted as custom routes (the dashboard is react-admin's own dashboard slot).
import { Route } from 'react-router-dom';
import { lazyPage } from '../layout/lazyPage';

// Loaded when opened (layout/lazyPage): the dashboard and reports are not part of the first download.
export const Dashboard = lazyPage(() => import('./Dashboard'), (m) => m.Dashboard);
const ExplainPage = lazyPage(() => import('./ExplainPage'), (m) => m.ExplainPage);
const ImportPage = lazyPage(() => import('./ImportPage'), (m) => m.ImportPage);
const RankingPage = lazyPage(() => import('./RankingPage'), (m) => m.RankingPage);

export const reportRoutes = [
  <Route key="ranking" path="/ranking" element={<RankingPage />} />,
  <Route key="explain" path="/explain" element={<ExplainPage />} />,
  <Route key="import" path="/import" element={<ImportPage />} />,
];
