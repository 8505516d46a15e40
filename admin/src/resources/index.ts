// Every resource of the admin, grouped as the menu shows them. Only those the API's schema offers are mounted.
import type { ResourceModule } from './types';
import { operationsOf } from '../schema';
import Ticket from './Ticket';
import Callback from './Callback';
import Warning from './Warning';
import ReturnRequest from './ReturnRequest';
import ClosureAudit from './ClosureAudit';
import ExtensionRequest from './ExtensionRequest';
import LeaderOrder from './LeaderOrder';
import RoleAssignment from './RoleAssignment';
import NegativeItem from './NegativeItem';
import NegativeRecord from './NegativeRecord';
import NegativeQuota from './NegativeQuota';
import Award from './Award';
import Interview from './Interview';
import Assistance from './Assistance';
import DisciplineReferral from './DisciplineReferral';
import Escalation from './Escalation';
import Review from './Review';
import UndercoverVisit from './UndercoverVisit';
import District from './District';
import Street from './Street';
import Unit from './Unit';
import Pairing from './Pairing';
import DutyRoster from './DutyRoster';
import User from './User';
import Topic from './Topic';
import SlaRule from './SlaRule';
import ScoringScheme from './ScoringScheme';
import WorkCalendarDay from './WorkCalendarDay';

export const RESOURCES: Record<string, ResourceModule> = {
  Ticket, Callback, Warning, ReturnRequest, ExtensionRequest, ClosureAudit, LeaderOrder,
  RoleAssignment, NegativeItem, NegativeRecord, NegativeQuota, Award, Interview, Assistance, DisciplineReferral,
  Escalation, Review, UndercoverVisit,
  District, Street, Unit, Pairing, DutyRoster, User,
  Topic, SlaRule, ScoringScheme, WorkCalendarDay,
};

export interface MenuGroup { key: string; label: string; resources: string[] }

export const MENU_GROUPS: MenuGroup[] = [
  { key: 'tickets', label: 'rexian.menu.tickets', resources: ['Ticket', 'Callback', 'Warning', 'ReturnRequest', 'ExtensionRequest', 'ClosureAudit', 'LeaderOrder'] },
  {
    key: 'registers',
    label: 'rexian.menu.registers',
    resources: ['RoleAssignment', 'NegativeItem', 'NegativeRecord', 'NegativeQuota', 'Award', 'Interview', 'Assistance',
      'DisciplineReferral', 'Escalation', 'Review', 'UndercoverVisit'],
  },
  { key: 'organisation', label: 'rexian.menu.organisation', resources: ['District', 'Street', 'Unit', 'Pairing', 'DutyRoster', 'User'] },
  { key: 'settings', label: 'rexian.menu.settings', resources: ['Topic', 'SlaRule', 'ScoringScheme', 'WorkCalendarDay'] },
];

/** Resources the API serves (a resource missing from the schema is left out rather than failing at runtime). */
export const AVAILABLE = Object.keys(RESOURCES).filter((name) => operationsOf(name).list);

/** A module trimmed to the views whose operations the API offers. */
export function mounted(name: string): ResourceModule {
  const m = RESOURCES[name]!;
  const ops = operationsOf(name);
  return {
    ...m,
    show: ops.one ? m.show : undefined,
    edit: ops.update && ops.one ? m.edit : undefined,
    create: ops.create ? m.create : undefined,
  };
}
