// 我的待办: the lists of things waiting for the signed-in user, by role (myWork), each item one click away.
import { Box, Card, CardContent, CardHeader, Chip, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '../common/time';
import { useMyWork, type WorkItem, type WorkSection } from './useMyWork';
import { DecisionDoneButton } from '../resources/Meeting/DecisionDone';

const TONE: Record<string, 'error' | 'warning' | 'primary' | 'default'> = {
  overdue: 'error', redo: 'error', newWarnings: 'error', returnsMain: 'warning', dueSoon: 'warning', interviewFollowUps: 'warning',
  redWarnings: 'error', specialStudy: 'error', unsatisfiedPush: 'warning', calendarYears: 'error', meetingDecisions: 'warning',
};

/** The list a section's "see all" opens, filtered as the section is. */
function listLink(s: WorkSection): string {
  const filter: Record<string, Record<string, unknown>> = {
    toAccept: { status: 'DISPATCHED' }, toContact: { status: 'ACCEPTED' }, redo: { status: 'IN_PROGRESS' }, overdue: { overdue: true },
    toDispatch: { status: 'RECEIVED' }, toAudit: { status: 'SUBMITTED' }, newWarnings: { status: 'OPEN' },
    returnsDeputy: { status: 'PENDING' }, returnsMain: { status: 'AWAITING_MAIN_LEADER' }, returnsToFile: { status: 'AWAITING_MAIN_LEADER' },
    extensions: { status: 'PENDING' }, redWarnings: { level: 'RED' }, specialStudy: { specialStudy: true },
  };
  if (s.key === 'unsatisfiedPush') return '/unsatisfied-push';
  if (s.key === 'meetingDecisions') return '/MeetingDecision';
  if (['returnsDeputy', 'returnsMain', 'extensions'].includes(s.key)) return '/approvals';
  const f = filter[s.key];
  return `/${s.resource}${f ? `?filter=${encodeURIComponent(JSON.stringify(f))}` : ''}`;
}

const itemLink = (i: WorkItem) =>
  i.resource === 'UnsatisfiedPush' ? `/unsatisfied-push?unit=${i.id}`
  : i.resource === 'CalendarYear' ? `/calendar-year/${i.id}`
  : i.resource === 'Ticket' || !i.ticketId ? `/${i.resource}/${i.id}/show`
  : `/Ticket/${i.ticketId}/show`;

const Item = ({ item }: { item: WorkItem }) => {
  const translate = useTranslate();
  const overdue = item.due ? new Date(item.due).getTime() < Date.now() : false;
  if (item.resource === 'MeetingDecision') {
    // A meeting decision is done here, with its note (its owner may not read the meetings register).
    return (
      <ListItem disableGutters dense divider data-testid={`work-decision-${item.id}`} secondaryAction={<DecisionDoneButton id={item.id} />}>
        <ListItemText primary={item.title} primaryTypographyProps={{ variant: 'body2' }} secondary={item.due ? translate('work.myWork.due', { time: formatDateTime(item.due) }) : null} secondaryTypographyProps={{ color: overdue ? 'error' : 'text.secondary' }} sx={{ pr: 9 }} />
      </ListItem>
    );
  }
  return (
    <ListItem disableGutters dense divider>
      <ListItemText
        primary={
          <Link component={RouterLink} to={itemLink(item)} underline="hover" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
            {item.ticketNumber ?? (item.ticketId ? item.id : item.title) ?? item.id}
          </Link>
        }
        secondary={(item.ticketNumber || item.ticketId ? item.title : null) || null}
        secondaryTypographyProps={{ noWrap: true, title: item.title ?? undefined }}
      />
      {item.due ? (
        <Typography variant="caption" color={overdue ? 'error' : 'text.secondary'} sx={{ whiteSpace: 'nowrap', ml: 1 }}>
          {translate('work.myWork.due', { time: formatDateTime(item.due) })}
        </Typography>
      ) : item.since ? (
        <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap', ml: 1 }}>
          {translate('work.myWork.since', { time: formatDateTime(item.since) })}
        </Typography>
      ) : null}
    </ListItem>
  );
};

const SectionCard = ({ s }: { s: WorkSection }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-section={s.key} sx={{ opacity: s.count ? 1 : 0.7 }}>
      <CardHeader
        title={
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <span>{translate(`work.myWork.section.${s.key}`)}</span>
            <Chip size="small" label={s.count} color={s.count ? (TONE[s.key] ?? 'primary') : 'default'} />
          </Box>
        }
        subheader={translate(`work.myWork.hint.${s.key}`)}
        titleTypographyProps={{ variant: 'subtitle1', fontWeight: 600 }}
        subheaderTypographyProps={{ variant: 'caption' }}
        sx={{ pb: 0 }}
      />
      <CardContent sx={{ pt: 0.5 }}>
        {s.count === 0 ? (
          <Typography variant="body2" color="text.secondary">{translate('work.myWork.empty')}</Typography>
        ) : (
          <>
            <List dense disablePadding>{s.items.map((i) => <Item key={`${i.resource}-${i.id}`} item={i} />)}</List>
            {s.count > s.items.length || !['dueSoon', 'meetingDecisions'].includes(s.key) ? (
              <Link component={RouterLink} to={listLink(s)} variant="body2" sx={{ display: 'inline-block', mt: 1 }}>
                {translate('work.myWork.more', { count: s.count })}
              </Link>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
};

export const MyWorkPage = () => {
  const translate = useTranslate();
  const sections = useMyWork();
  const total = (sections ?? []).reduce((n, s) => n + s.count, 0);
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('work.myWork.title')} />
      {sections && total === 0 ? <Typography color="text.secondary" sx={{ mb: 2 }}>{translate('work.myWork.nothing')}</Typography> : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))', gap: 2 }}>
        {(sections ?? []).map((s) => <SectionCard key={s.key} s={s} />)}
      </Box>
    </Box>
  );
};
