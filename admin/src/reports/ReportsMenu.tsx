// The report screens at the top of the sidebar: 指标看板, 绩效排名 and (for those who may import) 导入工单.
import InsightsIcon from '@mui/icons-material/Insights';
import LeaderboardIcon from '@mui/icons-material/Leaderboard';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Menu, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { ReportDocsMenuItem } from './documents';

export const ReportsMenu = () => {
  const translate = useTranslate();
  const { mayCall } = useAccess();
  return (
    <>
      <Menu.Item to="/" primaryText={translate('reports.menu.dashboard')} leftIcon={<InsightsIcon />} />
      <Menu.Item to="/ranking" primaryText={translate('reports.menu.ranking')} leftIcon={<LeaderboardIcon />} />
      <ReportDocsMenuItem />
      {mayCall('Mutation.importTickets') ? <Menu.Item to="/import" primaryText={translate('reports.menu.import')} leftIcon={<UploadFileIcon />} /> : null}
    </>
  );
};
