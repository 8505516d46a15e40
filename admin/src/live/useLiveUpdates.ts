// Mounted once in the layout: keeps the live stream open while signed in, and refreshes what is on screen when a
// change concerns it — a list of tickets or warnings, an open ticket's page — never an edit form (it would lose the
// user's typing). 我的待办 listens on its own (work/useMyWork.ts).
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useAuthState, useRefresh } from 'react-admin';
import { onLiveChange, openLiveChanges, type LiveChange } from './liveChanges';

const RESOURCE_OF: Record<LiveChange['table'], string> = { TICKET: 'Ticket', WARNING: 'Warning' };

/** Does this change concern the page at `pathname` (react-admin routes: /Ticket, /Ticket/12/show, /hotspots…)? */
export function concernsPage(pathname: string, change: LiveChange): boolean {
  const [, resource, id, view] = pathname.split('/');
  if (!resource) return false; // the dashboard's figures are computed per month, not live
  if (resource !== RESOURCE_OF[change.table]) return false;
  if (id === undefined) return true; // the list
  if (view !== 'show') return false; // create/edit forms keep what the user typed
  return change.ids === null || change.ids.includes(decodeURIComponent(id));
}

export function useLiveUpdates() {
  const { authenticated } = useAuthState();
  const refresh = useRefresh();
  const { pathname } = useLocation();
  useEffect(() => (authenticated ? openLiveChanges() : undefined), [authenticated]);
  useEffect(() => onLiveChange((change) => concernsPage(pathname, change) && refresh()), [pathname, refresh]);
}
