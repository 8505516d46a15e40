// 我的待办: the lists of things waiting for the signed-in user, by role (myWork), each item one click away.
import { Box, Card, CardContent, CardHeader, Chip, LinearProgress, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { createContext, useContext, useMemo } from 'react';
import { Title, useGetMany, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '../common/time';
import { useMyWork, type WorkItem, type WorkSection } from './useMyWork';
import { DecisionDoneButton } from '../resources/Meeting/DecisionDone';
import { LateAcceptanceButtons, QuotaConfirmButton, TaskDoneButton } from '../warnings/actions';
import { usePageText } from './pageText';
import { enMyWork, zhMyWork } from './myWorkMessages';
import { TITLE_FIELDS, workTitle } from './workTitle';

const useText = () => usePageText(zhMyWork, enMyWork);

const TONE: Record<string, 'error' | 'warning' | 'primary' | 'default'> = {
  overdue: 'error', redo: 'error', newWarnings: 'error', returnsMain: 'warning', dueSoon: 'warning', interviewFollowUps: 'warning',
  redWarnings: 'error', specialStudy: 'error', unsatisfiedPush: 'warning', calendarYears: 'error', meetingDecisions: 'warning',
  proactiveTasks: 'primary', quotaReached: 'warning', quotaToConfirm: 'error', lateAcceptance: 'warning', warningDigest: 'warning',
};

/** The list a section's "see all" opens, filtered as the section is. */
function listLink(s: WorkSection): string {
  const filter: Record<string, Record<string, unknown>> = {
    // The ticket list filters by 状态 (several at once): its links give `statuses`.
    toAccept: { statuses: ['DISPATCHED'] }, toContact: { statuses: ['ACCEPTED'] }, redo: { statuses: ['IN_PROGRESS'] }, overdue: { overdue: true },
    toDispatch: { statuses: ['RECEIVED'] }, toAudit: { statuses: ['SUBMITTED'] }, newWarnings: { status: 'OPEN' },
    returnsDeputy: { status: 'PENDING' }, returnsMain: { status: 'AWAITING_MAIN_LEADER' }, returnsToFile: { status: 'AWAITING_MAIN_LEADER' },
    extensions: { status: 'PENDING' }, redWarnings: { level: 'RED' }, specialStudy: { specialStudy: true },
    proactiveTasks: { status: 'OPEN' }, lateAcceptance: { status: 'OPEN' },
  };
  if (s.key === 'unsatisfiedPush') return '/unsatisfied-push';
  if (s.key === 'warningDigest') return '/warning-digest';
  if (s.key === 'newReports') return '/Report';
  if (s.key === 'meetingDecisions') return '/MeetingDecision';
  if (['returnsDeputy', 'returnsMain', 'extensions'].includes(s.key)) return '/approvals';
  const f = filter[s.key];
  return `/${s.resource}${f ? `?filter=${encodeURIComponent(JSON.stringify(f))}` : ''}`;
}

const itemLink = (i: WorkItem) =>
  i.resource === 'UnsatisfiedPush' ? `/unsatisfied-push?unit=${i.id}`
  : i.resource === 'CalendarYear' ? `/calendar-year/${i.id}`
  : i.resource === 'HotspotWarning' ? '/hotspots'
  : i.resource === 'Ticket' || !i.ticketId ? `/${i.resource}/${i.id}/show`
  : `/Ticket/${i.ticketId}/show`;

/** The step an item is done with right here, when it has one (its owner may not read the register it is in). */
const ItemAction = ({ item, section, title }: { item: WorkItem; section: string; title: string | null }) => {
  if (item.resource === 'ProactiveTask') return <TaskDoneButton record={{ id: item.id }} />;
  if (section === 'quotaToConfirm') return <QuotaConfirmButton quotaId={item.id} summary={title ?? undefined} />;
  if (section === 'lateAcceptance') return <LateAcceptanceButtons record={{ id: item.id, status: 'OPEN' }} />;
  return null;
};

/** The names of the units the items belong to, read once for the whole page. */
const UnitNames = createContext<Map<string, string>>(new Map());

function useUnitNames(sections: WorkSection[] | null) {
  const ids = useMemo(() => [...new Set((sections ?? []).flatMap((s) => s.items.map((i) => i.unitId)).filter((x): x is string => !!x))].sort(), [sections]);
  const { data } = useGetMany<{ id: string; name: string }>('Unit', { ids }, { enabled: ids.length > 0 });
  return useMemo(() => new Map((data ?? []).filter(Boolean).map((u) => [String(u.id), u.name])), [data]);
}

/** 待办结审核 comes by deadline, earliest first (the API orders it so; kept when the list refreshes). */
const BY_DUE = new Set(['toAudit']);
const ordered = (s: WorkSection) =>
  BY_DUE.has(s.key) ? [...s.items].sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || Number(a.id) - Number(b.id)) : s.items;

const Item = ({ item, section }: { item: WorkItem; section: string }) => {
  const translate = useText();
  const appTranslate = useTranslate();
  const names = useContext(UnitNames);
  const unit = item.unitId ? names.get(item.unitId) : undefined;
  const overdue = item.due ? new Date(item.due).getTime() < Date.now() : false;
  // In the app's language (the API's `title` is Chinese): see workTitle.ts.
  const title = workTitle(item, translate, appTranslate);
  // An item of a ticket links by its number (its title goes under it); any other by its title.
  const linkIsTitle = !item.ticketNumber && !item.ticketId && !!title;
  if (item.resource === 'MeetingDecision') {
    // A meeting decision is done here, with its note (its owner may not read the meetings register).
    return (
      <ListItem disableGutters dense divider data-testid={`work-decision-${item.id}`} secondaryAction={<DecisionDoneButton id={item.id} />}>
        <ListItemText primary={<span data-title>{title}</span>} primaryTypographyProps={{ variant: 'body2' }} secondary={item.due ? translate('due', { time: formatDateTime(item.due) }) : null} secondaryTypographyProps={{ color: overdue ? 'error' : 'text.secondary' }} sx={{ pr: 9 }} />
      </ListItem>
    );
  }
  return (
    // Two buttons (确认 / 不予认定) take their own line under the item, so the unit's name is not cut short.
    <ListItem disableGutters dense divider data-item={`${item.resource}-${item.id}`} sx={section === 'lateAcceptance' ? { flexWrap: 'wrap' } : undefined}>
      <ListItemText
        primary={
          <Box component="span" sx={{ display: 'flex', alignItems: 'baseline', gap: 1, minWidth: 0 }}>
            {/* A number keeps its width; a title (an English one is longer) wraps rather than run under the due time. */}
            <Link component={RouterLink} to={itemLink(item)} underline="hover"
              sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, ...(linkIsTitle ? { flex: '1 1 auto', minWidth: 0, overflowWrap: 'anywhere' } : { flexShrink: 0 }) }}>
              {linkIsTitle ? <span data-title>{title}</span> : item.ticketNumber ?? item.id}
            </Link>
            {/* The unit beside the link, unless the title already names it. */}
            {(item.unitId || item.resource === 'Ticket') && !(linkIsTitle && item.parts?.unitName) ? (
              <Typography component="span" variant="body2" color="text.secondary" data-unit noWrap title={unit} sx={{ minWidth: 0 }}>
                {item.unitId ? unit ?? '…' : translate('noUnit')}
              </Typography>
            ) : null}
          </Box>
        }
        secondary={(item.ticketNumber || item.ticketId) && title ? <span data-title>{title}</span> : null}
        secondaryTypographyProps={{ noWrap: true, title: title ?? undefined }}
        sx={{ minWidth: 0 }}
      />
      {item.due ? (
        <Typography variant="caption" color={overdue ? 'error' : 'text.secondary'} sx={{ whiteSpace: 'nowrap', ml: 1 }}>
          {translate('due', { time: formatDateTime(item.due) })}
        </Typography>
      ) : item.since ? (
        <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap', ml: 1 }}>
          {translate('since', { time: formatDateTime(item.since) })}
        </Typography>
      ) : null}
      <Box sx={section === 'lateAcceptance' ? { width: '100%', display: 'flex', justifyContent: 'flex-end', pb: 0.5 } : { ml: 1, flexShrink: 0 }}>
        <ItemAction item={item} section={section} title={title} />
      </Box>
    </ListItem>
  );
};

const SectionCard = ({ s }: { s: WorkSection }) => {
  const translate = useText();
  return (
    <Card variant="outlined" data-section={s.key} sx={{ opacity: s.count ? 1 : 0.7 }}>
      <CardHeader
        title={
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <span>{translate(`section.${s.key}`)}</span>
            <Chip size="small" label={s.count} color={s.count ? (TONE[s.key] ?? 'primary') : 'default'} />
          </Box>
        }
        subheader={translate(`hint.${s.key}`)}
        titleTypographyProps={{ variant: 'subtitle1', fontWeight: 600 }}
        subheaderTypographyProps={{ variant: 'caption' }}
        sx={{ pb: 0 }}
      />
      <CardContent sx={{ pt: 0.5 }}>
        {s.count === 0 ? (
          <Typography variant="body2" color="text.secondary">{translate('empty')}</Typography>
        ) : (
          <>
            <List dense disablePadding>{ordered(s).map((i) => <Item key={`${i.resource}-${i.id}`} item={i} section={s.key} />)}</List>
            {s.count > s.items.length || !['dueSoon', 'meetingDecisions'].includes(s.key) ? (
              <Link component={RouterLink} to={listLink(s)} variant="body2" sx={{ display: 'inline-block', mt: 1 }}>
                {translate('more', { count: s.count })}
              </Link>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
};

export const MyWorkPage = () => {
  const translate = useText();
  const loaded = useMyWork(TITLE_FIELDS);
  // The menu's own answer has no titles' parts: the lists wait for the page's (it follows at once), so that a title
  // never shows in Chinese first in English.
  const sections = loaded && loaded.every((s) => s.items.every((i) => i.parts !== undefined)) ? loaded : null;
  const units = useUnitNames(sections);
  const total = (sections ?? []).reduce((n, s) => n + s.count, 0);
  return (
    <UnitNames.Provider value={units}>
    <Box sx={{ p: 2 }}>
      <Title title={translate('title')} />
      {sections ? null : <LinearProgress sx={{ mb: 2 }} />}
      {sections && total === 0 ? <Typography color="text.secondary" sx={{ mb: 2 }}>{translate('nothing')}</Typography> : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))', gap: 2 }}>
        {(sections ?? []).map((s) => <SectionCard key={s.key} s={s} />)}
      </Box>
    </Box>
    </UnitNames.Provider>
  );
};
