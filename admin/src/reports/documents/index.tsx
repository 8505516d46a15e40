// 报表 (the archive and the report pages) as lazy routes, and its menu entry. The pages pull in echarts only
// when a chart mounts, so nothing here weighs on the first download.
import ArticleIcon from '@mui/icons-material/Article';
import { Menu, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { useAccess } from '../../access';
import { lazyPage } from '../../layout/lazyPage';

const ArchivePage = lazyPage(() => import('./ArchivePage'), (m) => m.ArchivePage);
const ReportViewPage = lazyPage(() => import('./ReportViewPage'), (m) => m.ReportViewPage);

export const reportDocRoutes = [
  <Route key="reports-archive" path="/reports-archive" element={<ArchivePage />} />,
  <Route key="reports-archive-view" path="/reports-archive/:id" element={<ReportViewPage />} />,
  <Route key="reports-view" path="/reports-view" element={<ReportViewPage />} />,
];

export const ReportDocsMenuItem = () => {
  const translate = useTranslate();
  const { mayCall } = useAccess();
  if (!mayCall('Query.allReports')) return null;
  return <Menu.Item to="/reports-archive" primaryText={translate('reportDocs.menu')} leftIcon={<ArticleIcon />} />;
};
