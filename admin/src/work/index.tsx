// The work screens mounted as custom routes: 我的待办 (where a unit handler lands after signing in), 审批 and
// 不满意件推送.
import { Route } from 'react-router-dom';
import { lazyPage } from '../layout/lazyPage';

const ApprovalsPage = lazyPage(() => import('./ApprovalsPage'), (m) => m.ApprovalsPage);
const MyWorkPage = lazyPage(() => import('./MyWorkPage'), (m) => m.MyWorkPage);
const UnsatisfiedPushPage = lazyPage(() => import('./UnsatisfiedPushPage'), (m) => m.UnsatisfiedPushPage);

export const workRoutes = [
  <Route key="my-work" path="/my-work" element={<MyWorkPage />} />,
  <Route key="approvals" path="/approvals" element={<ApprovalsPage />} />,
  <Route key="unsatisfied-push" path="/unsatisfied-push" element={<UnsatisfiedPushPage />} />,
];
