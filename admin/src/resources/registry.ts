// The light half of every resource: its name, icon, record label and which views it has — what the menu and
// <Resource> need at start-up. The views themselves (./<Name>/index) load when one of them first opens.
import type { ResourceMeta } from './types';
import { formatDate, formatDateTime } from '../common/time';
import TicketIcon from '@mui/icons-material/PhoneInTalk';
import CallbackIcon from '@mui/icons-material/PhoneCallback';
import WarningIcon from '@mui/icons-material/NotificationImportant';
import ReturnRequestIcon from '@mui/icons-material/AssignmentReturn';
import ExtensionRequestIcon from '@mui/icons-material/MoreTime';
import ClosureAuditIcon from '@mui/icons-material/FactCheck';
import LeaderOrderIcon from '@mui/icons-material/Gavel';
import RoleAssignmentIcon from '@mui/icons-material/Badge';
import NegativeItemIcon from '@mui/icons-material/PlaylistRemove';
import NegativeRecordIcon from '@mui/icons-material/RemoveCircleOutline';
import NegativeQuotaIcon from '@mui/icons-material/Rule';
import AwardIcon from '@mui/icons-material/EmojiEvents';
import InterviewIcon from '@mui/icons-material/RecordVoiceOver';
import AssistanceIcon from '@mui/icons-material/VolunteerActivism';
import DisciplineReferralIcon from '@mui/icons-material/Policy';
import EscalationIcon from '@mui/icons-material/TrendingUp';
import ReviewIcon from '@mui/icons-material/RateReview';
import UndercoverVisitIcon from '@mui/icons-material/VisibilityOff';
import DistrictIcon from '@mui/icons-material/Map';
import StreetIcon from '@mui/icons-material/Signpost';
import UnitIcon from '@mui/icons-material/Apartment';
import PairingIcon from '@mui/icons-material/Handshake';
import DutyRosterIcon from '@mui/icons-material/EventAvailable';
import UserIcon from '@mui/icons-material/ManageAccounts';
import TopicIcon from '@mui/icons-material/Category';
import SlaRuleIcon from '@mui/icons-material/Timer';
import ScoringSchemeIcon from '@mui/icons-material/Calculate';
import WorkCalendarDayIcon from '@mui/icons-material/CalendarMonth';
import MeetingIcon from '@mui/icons-material/Groups';
import MeetingDecisionIcon from '@mui/icons-material/TaskAlt';
import KeyPeriodIcon from '@mui/icons-material/DateRange';
import LateAcceptanceIcon from '@mui/icons-material/HourglassBottom';
import ProactiveTaskIcon from '@mui/icons-material/Assignment';
import ReportIcon from '@mui/icons-material/Inventory2';

export const RESOURCES: Record<string, ResourceMeta> = {
  Ticket: { icon: TicketIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Ticket'), recordRepresentation: 'number' },
  Callback: { icon: CallbackIcon, views: ['list', 'show', 'edit'], load: () => import('./Callback'), recordRepresentation: (r) => formatDateTime(r.calledAt) },
  Warning: { icon: WarningIcon, views: ['list', 'show', 'edit'], load: () => import('./Warning'), recordRepresentation: (r) => formatDate(r.date) },
  ReturnRequest: { icon: ReturnRequestIcon, views: ['list', 'show', 'edit'], load: () => import('./ReturnRequest'), recordRepresentation: 'id' },
  ExtensionRequest: { icon: ExtensionRequestIcon, views: ['list', 'show'], load: () => import('./ExtensionRequest'), recordRepresentation: (r) => formatDateTime(r.requestedAt) },
  ClosureAudit: { icon: ClosureAuditIcon, views: ['list', 'show'], load: () => import('./ClosureAudit'), recordRepresentation: 'id' },
  LeaderOrder: { icon: LeaderOrderIcon, views: ['list', 'show', 'edit'], load: () => import('./LeaderOrder'), recordRepresentation: 'leaderName' },
  RoleAssignment: { icon: RoleAssignmentIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./RoleAssignment'), recordRepresentation: (r) => `${r.personName}（${r.role}）` },
  NegativeItem: { icon: NegativeItemIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./NegativeItem'), recordRepresentation: (r) => `${r.code} ${r.title}` },
  NegativeRecord: { icon: NegativeRecordIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./NegativeRecord'), recordRepresentation: (r) => formatDate(r.date) },
  NegativeQuota: { icon: NegativeQuotaIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./NegativeQuota'), recordRepresentation: (r) => `${r.month} ${r.indicator}` },
  Award: { icon: AwardIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Award'), recordRepresentation: (r) => `${r.month} #${r.id}` },
  Interview: { icon: InterviewIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Interview'), recordRepresentation: (r) => formatDate(r.date) },
  Assistance: { icon: AssistanceIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Assistance'), recordRepresentation: (r) => formatDate(r.periodFrom) },
  DisciplineReferral: { icon: DisciplineReferralIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./DisciplineReferral'), recordRepresentation: (r) => formatDate(r.date) },
  Escalation: { icon: EscalationIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Escalation'), recordRepresentation: 'title' },
  Review: { icon: ReviewIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Review'), recordRepresentation: 'period' },
  Meeting: { icon: MeetingIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Meeting'), recordRepresentation: (r) => `${formatDate(r.heldOn)} #${r.id}` },
  MeetingDecision: { icon: MeetingDecisionIcon, views: ['list', 'show'], load: () => import('./Meeting/decisionViews'), recordRepresentation: 'text' },
  ProactiveTask: { icon: ProactiveTaskIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./ProactiveTask'), recordRepresentation: 'title' },
  LateAcceptance: { icon: LateAcceptanceIcon, views: ['list', 'show'], load: () => import('./LateAcceptance'), recordRepresentation: (r) => formatDateTime(r.flaggedAt) },
  Report: { icon: ReportIcon, views: ['list', 'show'], load: () => import('./Report'), recordRepresentation: (r) => `${r.kindLabel ?? r.kind} ${r.period} v${r.version}` },
  UndercoverVisit: { icon: UndercoverVisitIcon, views: ['list', 'show'], load: () => import('./UndercoverVisit'), recordRepresentation: (r) => `${r.month} #${r.id}` },
  District: { icon: DistrictIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./District'), recordRepresentation: 'name' },
  Street: { icon: StreetIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Street'), recordRepresentation: 'name' },
  Unit: { icon: UnitIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Unit'), recordRepresentation: 'name' },
  Pairing: { icon: PairingIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Pairing'), recordRepresentation: 'staffName' },
  DutyRoster: { icon: DutyRosterIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./DutyRoster'), recordRepresentation: (r) => `${r.isoWeek} ${r.leaderName}` },
  User: { icon: UserIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./User'), recordRepresentation: (r) => (r.displayName ? `${r.displayName}（${r.username}）` : String(r.username)) },
  Topic: { icon: TopicIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./Topic'), recordRepresentation: 'name' },
  SlaRule: { icon: SlaRuleIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./SlaRule'), recordRepresentation: (r) => `${r.kind}${r.category ? ` ${r.category}` : ''}` },
  ScoringScheme: { icon: ScoringSchemeIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./ScoringScheme'), recordRepresentation: 'name' },
  KeyPeriod: { icon: KeyPeriodIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./KeyPeriod'), recordRepresentation: 'name' },
  WorkCalendarDay: { icon: WorkCalendarDayIcon, views: ['list', 'show', 'edit', 'create'], load: () => import('./WorkCalendarDay'), recordRepresentation: (r) => formatDate(r.day) },
};

/**
 * Reference data: the organisation and the settings every role reads (pickers, ticket pages) and few keep. In the
 * sidebar only for those who may change it or oversee the street — not for a unit handler (access.ts inMenu).
 */
export const REFERENCE_DATA: ReadonlySet<string> = new Set(['District', 'Street', 'Unit', 'Topic', 'SlaRule', 'ScoringScheme', 'WorkCalendarDay', 'KeyPeriod']);
