// myWork, shared by the menu's counts and the 我的待办 page: fetched on navigation, whenever a workflow step says the
// work changed (WORK_CHANGED), when the live stream reports a change of tickets or warnings (made by anyone, through
// any server process: live/liveChanges.ts), and every minute only while that stream is down.
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useAuthState } from 'react-admin';
import { query } from '../reports/api';
import { liveConnected, onLiveChange } from '../live/liveChanges';

export interface WorkItem {
  resource: string; id: string; ticketId: string | null; ticketNumber: string | null; title: string | null; unitId: string | null; due: string | null; since: string | null;
  /** Asked for by the 我的待办 page only (work/workTitle.ts TITLE_FIELDS). */
  overdue?: boolean; parts?: WorkTitleParts | null;
}
/** What an item's title is made of (MyWorkTitleParts): the page words it in the app's language. */
export interface WorkTitleParts {
  kind: string; unitName: string | null; streetName: string | null; dueDay: string | null; day: string | null; month: string | null; period: string | null;
  level: string | null; count: number | null; escalatedCount: number | null; allowed: number | null; exceeded: boolean | null; confirmed: boolean | null;
  accepted: boolean | null; specialStudy: boolean | null; topic: string | null; place: string | null; text: string | null; meetingKind: string | null;
  reportKind: string | null; year: number | null; urgent: boolean | null;
}
export interface WorkSection { key: string; resource: string; count: number; items: WorkItem[] }

export const WORK_CHANGED = 'rexian:work-changed';
export const announceWorkChanged = () => window.dispatchEvent(new Event(WORK_CHANGED));

/** Sections that are steps to take (counted on the menu); overdue/dueSoon only inform. */
export const ACTION_SECTIONS = new Set(['toAccept', 'toContact', 'redo', 'toDispatch', 'toAudit', 'newWarnings', 'returnsDeputy', 'returnsMain', 'returnsToFile', 'extensions', 'leaderOrders', 'redWarnings', 'calendarYears', 'proactiveTasks', 'quotaToConfirm', 'lateAcceptance']);

let state: { sections: WorkSection[] | null; at: number } = { sections: null, at: 0 };
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;

let again = false;
/** More fields of each item, once a page has asked for them (useMyWork's argument): the menu's own are few. */
let extraItemFields = '';

async function load(limit: number) {
  // A change announced while a load runs may not be in its answer: load once more after it.
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = (async () => {
    try {
      const data = await query<{ myWork: WorkSection[] }>(`query MyWork($limit: Int) { myWork(limit: $limit) { key resource count items { resource id ticketId ticketNumber title unitId due since ${extraItemFields} } } }`, { limit });
      state = { sections: data.myWork, at: Date.now() };
      listeners.forEach((l) => l());
    } catch {
      // The menu must not fail with the list; the page shows what it last had.
    } finally {
      inFlight = null;
      if (again) {
        again = false;
        void load(limit);
      }
    }
  })();
  return inFlight;
}

export function useMyWork(itemFields?: string): WorkSection[] | null {
  if (itemFields && !extraItemFields.includes(itemFields)) extraItemFields = `${extraItemFields} ${itemFields}`;
  const [, setTick] = useState(0);
  const { authenticated } = useAuthState();
  const location = useLocation();
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  useEffect(() => {
    if (!authenticated) return;
    void load(10);
    const timer = setInterval(() => liveConnected() || void load(10), 60_000);
    const onChange = () => void load(10);
    window.addEventListener(WORK_CHANGED, onChange);
    const stopLive = onLiveChange(onChange);
    return () => {
      clearInterval(timer);
      window.removeEventListener(WORK_CHANGED, onChange);
      stopLive();
    };
  }, [authenticated, location.pathname]);
  return state.sections;
}

/** Count of steps waiting, per react-admin resource. */
export function countsByResource(sections: WorkSection[] | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sections ?? []) if (ACTION_SECTIONS.has(s.key)) out[s.resource] = (out[s.resource] ?? 0) + s.count;
  return out;
}
