// Every resource of the admin, grouped as the menu shows them. Only those the API's schema offers are mounted.
// This module and ./registry stay light (names, icons, labels): the views load when first opened.
import { createElement, type ComponentType } from 'react';
import { lazyPage } from '../layout/lazyPage';
import { operationsOf } from '../schema';
import { RESOURCES } from './registry';
import type { ResourceModule, ViewName } from './types';

export { RESOURCES };

export interface MenuGroup { key: string; label: string; resources: string[] }

export const MENU_GROUPS: MenuGroup[] = [
  { key: 'tickets', label: 'rexian.menu.tickets', resources: ['Ticket', 'Callback', 'Warning', 'ReturnRequest', 'ExtensionRequest', 'ClosureAudit', 'LeaderOrder'] },
  {
    key: 'registers',
    label: 'rexian.menu.registers',
    resources: ['RoleAssignment', 'NegativeItem', 'NegativeRecord', 'NegativeQuota', 'Award', 'Interview', 'Assistance',
      'DisciplineReferral', 'Escalation', 'Review', 'Meeting', 'MeetingDecision', 'UndercoverVisit', 'ProactiveTask', 'LateAcceptance', 'Report'],
  },
  { key: 'organisation', label: 'rexian.menu.organisation', resources: ['District', 'Street', 'Unit', 'Pairing', 'DutyRoster', 'User'] },
  { key: 'settings', label: 'rexian.menu.settings', resources: ['Topic', 'SlaRule', 'ScoringScheme', 'WorkCalendarDay', 'KeyPeriod'] },
];

/** Resources the API serves (a resource missing from the schema is left out rather than failing at runtime). */
export const AVAILABLE = Object.keys(RESOURCES).filter((name) => operationsOf(name).list);

// One lazy component per view, made once: a new component identity on each render would remount the page.
const views = new Map<string, ComponentType>();
function lazyView(name: string, view: ViewName): ComponentType {
  const key = `${name}.${view}`;
  let c = views.get(key);
  if (!c) {
    c = lazyPage(RESOURCES[name]!.load, (m) => m.default[view] ?? (() => createElement('span')));
    views.set(key, c);
  }
  return c;
}

/** The props of a resource's <Resource>, trimmed to the views whose operations the API offers. */
export function mounted(name: string): ResourceModule {
  const meta = RESOURCES[name]!;
  const ops = operationsOf(name);
  const offered: Record<ViewName, boolean> = { list: true, show: ops.one, edit: ops.update && ops.one, create: ops.create };
  const has = (v: ViewName) => meta.views.includes(v) && offered[v];
  return {
    icon: meta.icon,
    recordRepresentation: meta.recordRepresentation,
    list: lazyView(name, 'list'),
    show: has('show') ? lazyView(name, 'show') : undefined,
    edit: has('edit') ? lazyView(name, 'edit') : undefined,
    create: has('create') ? lazyView(name, 'create') : undefined,
  };
}
