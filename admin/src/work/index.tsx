// The work screens mounted as custom routes: 我的待办 (where a unit handler lands after signing in) and 审批.
import { Route } from 'react-router-dom';
import { ApprovalsPage } from './ApprovalsPage';
import { MyWorkPage } from './MyWorkPage';

export const workRoutes = [
  <Route key="my-work" path="/my-work" element={<MyWorkPage />} />,
  <Route key="approvals" path="/approvals" element={<ApprovalsPage />} />,
];
