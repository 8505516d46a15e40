// How close a ticket is to its completion deadline (办结时限), in colour: what a clerk scans the list for. The
// API counts the time left in working time (Ticket.completionWorkingMinutesLeft: working days only, 24 h
// each, as "n 个工作日" deadlines are), so a weekend or a holiday never turns a badge red.
import { Box, Chip, Tooltip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { OPEN_TICKET_STATUSES } from './enums';
import { formatDateTime } from './time';

const HOUR = 3600_000;
/** Thresholds in working time: amber within 3 working days, red within 1 (or overdue). */
export const AMBER_WITHIN_MS = 72 * HOUR;
export const RED_WITHIN_MS = 24 * HOUR;

export type DueTone = 'success' | 'warning' | 'error' | 'default';

/** The badge's tone for an open ticket with `msLeft` of working time until its deadline (negative when overdue). */
export function dueTone(msLeft: number): DueTone {
  if (msLeft <= RED_WITHIN_MS) return 'error';
  if (msLeft <= AMBER_WITHIN_MS) return 'warning';
  return 'success';
}

type Translate = ReturnType<typeof useTranslate>;

/** From this many working days on, a badge leaves the hours out (its tooltip keeps them). */
const BADGE_DAYS_ONLY = 10;

/**
 * Working minutes as "2 个工作日 3 小时", "5 小时" or "20 分钟" (absolute value). `badge`: the short form a badge
 * shows ("Overdue 725 wd", no hours from 10 working days on), the long one going to its tooltip.
 */
export function workingSpan(minutes: number, translate: Translate, { badge = false } = {}): string {
  const abs = Math.abs(minutes);
  const days = Math.floor(abs / 1440);
  const hours = Math.floor((abs % 1440) / 60);
  if (days > 0) {
    const d = translate(badge ? 'rexian.due.badge_working_days' : 'rexian.due.working_days', { n: days, smart_count: days });
    return hours > 0 && !(badge && days >= BADGE_DAYS_ONLY) ? `${d} ${translate('rexian.due.working_hours', { n: hours })}` : d;
  }
  if (hours > 0) return translate('rexian.due.working_hours', { n: hours });
  return translate('rexian.due.working_minutes', { n: Math.max(1, abs) });
}

/** Natural time, for a record read without the working-time field. */
function span(ms: number, translate: Translate): string {
  const abs = Math.abs(ms);
  if (abs >= 24 * HOUR) return translate('rexian.due.days', { n: Math.floor(abs / (24 * HOUR)) });
  if (abs >= HOUR) return translate('rexian.due.hours', { n: Math.floor(abs / HOUR) });
  return translate('rexian.due.minutes', { n: Math.max(1, Math.floor(abs / 60_000)) });
}

export const DueBadge = ({ now = Date.now() }: { now?: number; label?: string; source?: string }) => {
  const record = useRecordContext<{ status?: string; completionDue?: string; closedAt?: string; completionWorkingMinutesLeft?: number | null; dueProvisional?: boolean; dueProvisionalYear?: number | null }>();
  const translate = useTranslate();
  if (!record?.completionDue) return null;
  const due = new Date(record.completionDue).getTime();
  const dueText = `${translate('rexian.punct.colon', { label: translate('resources.Ticket.fields.completionDue') })}${formatDateTime(record.completionDue)}`;
  if (record.status === 'CLOSED' || !OPEN_TICKET_STATUSES.includes(record.status ?? '')) {
    const closed = record.closedAt ? new Date(record.closedAt).getTime() : NaN;
    if (Number.isNaN(closed)) return null;
    const late = closed > due;
    // The due time in the tooltip: where the list is narrow, the badge's column stands for 办结时限 as well.
    return (
      <Tooltip title={dueText}>
        <Chip size="small" variant="outlined" color={late ? 'error' : 'default'} sx={{ alignSelf: 'flex-start' }}
          label={translate(late ? 'rexian.due.closed_late' : 'rexian.due.closed_on_time')} />
      </Tooltip>
    );
  }
  const working = record.completionWorkingMinutesLeft;
  const left = typeof working === 'number' ? working * 60_000 : due - now;
  const tone = dueTone(left);
  const key = left < 0 ? 'rexian.due.overdue' : 'rexian.due.remaining';
  const time = typeof working === 'number' ? workingSpan(working, translate, { badge: true }) : span(left, translate);
  const full = typeof working === 'number' ? translate(key, { time: workingSpan(working, translate) }) : null;
  const label = translate(key, { time });
  const badge = (
    <Tooltip title={full && full !== label ? <>{full}<br />{dueText}</> : dueText}>
      {/* Never cut (no "…"): the short label keeps its whole width, which a table column then makes room for. */}
      <Chip size="small" color={tone} label={label} data-testid="due-badge"
        sx={{ fontVariantNumeric: 'tabular-nums', alignSelf: 'flex-start', maxWidth: 'none', flexShrink: 0,
          '& .MuiChip-label': { whiteSpace: 'nowrap', overflow: 'visible', textOverflow: 'clip' } }} />
    </Tooltip>
  );
  if (!record.dueProvisional) return badge;
  // A due time in a year whose statutory holidays are not entered: counted on plain weeks, it may still move.
  const year = record.dueProvisionalYear ?? new Date(record.completionDue).getFullYear();
  return (
    <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, alignItems: 'center', alignSelf: 'flex-start' }}>
      {badge}
      <Tooltip title={translate('rexian.due.provisional_hint', { year })}>
        <Chip size="small" variant="outlined" color="warning" label={translate('rexian.due.provisional')} data-testid="due-provisional" />
      </Tooltip>
    </Box>
  );
};

/** The first-contact deadline, in red while it has passed without a first contact (先行联系). */
export const FirstContactDueField = ({ now = Date.now() }: { now?: number; source?: string; label?: string }) => {
  const record = useRecordContext<{ firstContactDue?: string; firstContactAt?: string | null; status?: string; firstContactWorkingMinutesLeft?: number | null }>();
  const translate = useTranslate();
  if (!record?.firstContactDue) return null;
  const left = record.firstContactWorkingMinutesLeft;
  const missed = typeof left === 'number'
    ? left < 0
    : !record.firstContactAt && OPEN_TICKET_STATUSES.includes(record.status ?? '') && new Date(record.firstContactDue).getTime() < now;
  return (
    <Tooltip title={missed ? translate('rexian.due.first_contact_missed') : ''}>
      <Typography component="span" variant="body2" color={missed ? 'error' : undefined}
        sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: missed ? 600 : undefined }}>
        {formatDateTime(record.firstContactDue)}
      </Typography>
    </Tooltip>
  );
};
