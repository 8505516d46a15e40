// The work screens mounted as custom routes: 我的待办 (where a unit handler lands after signing in), 审批 and
// 不满意件推送.
import { Route } from 'react-router-dom';
import { ApprovalsPage } from './ApprovalsPage';
import { MyWorkPage } from './MyWorkPage';
import { UnsatisfiedPushPage } from './UnsatisfiedPushPage';

export const workRoutes = [
  <Route key="my-work" path="/my-work" element={<MyWorkPage />} />,
  <Route key="approvals" path="/approvals" element={<ApprovalsPage />} />,
  <Route key="unsatisfied-push" path="/unsatisfied-push" element={<UnsatisfiedPushPage />} />,
];
