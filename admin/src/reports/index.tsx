// The report screens mounted as custom routes (the dashboard is react-admin's own dashboard slot).
import { Route } from 'react-router-dom';
export { Dashboard } from './Dashboard';
import { ExplainPage } from './ExplainPage';
import { ImportPage } from './ImportPage';
import { RankingPage } from './RankingPage';

export const reportRoutes = [
  <Route key="ranking" path="/ranking" element={<RankingPage />} />,
  <Route key="explain" path="/explain" element={<ExplainPage />} />,
  <Route key="import" path="/import" element={<ImportPage />} />,
];
