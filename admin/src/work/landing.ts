// Where a role lands after signing in: a unit handler's day starts from 我的待办; the others get the dashboard.
export const LANDING: Record<string, string> = { UNIT_HANDLER: '/my-work' };
