// The ticket list's 状态 filter (several states, or 「全部未办结」). It reads and writes the list's filter directly
// (useListContext) rather than through the filter form: the form keeps its own copy and, after a change of the
// user's, may skip the next change of the URL (a link from 我的待办 or the dashboard while the list is open) or send
// a pending choice after it — the chips then showed an old choice. Here what shows is the URL's filter, and a choice
// is applied at once (nothing pending to overwrite a later navigation). The list draws a new filter only once its
// rows have loaded: until then the choice just made shows, so that quick clicks add up; any change of the URL from
// outside (back, forward, a typed or followed link) drops it.
import { Box, Chip, FormControl, InputLabel, MenuItem, OutlinedInput, Select } from '@mui/material';
import { useEffect, useId, useState } from 'react';
import { useListContext, useTranslate } from 'react-admin';
import { choices } from '../../common/enums';
import { useTicketText } from './TicketBulkActions';

/** Every state but 已办结: the 「全部未办结」 choice stands for them all. */
export const OPEN_STATUSES = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURN_PENDING'];
const OPEN = '__OPEN__';
const STATUS_CHOICES = [{ id: OPEN, name: OPEN }, ...choices('ticketStatus')];

/** The filter's value is the list of states sent to the API; the open ones together show as one 「全部未办结」 chip. */
export const formatStatuses = (v: unknown): string[] => {
  const list = Array.isArray(v) ? (v as string[]) : [];
  return OPEN_STATUSES.every((s) => list.includes(s)) ? [OPEN, ...list.filter((s) => !OPEN_STATUSES.includes(s))] : list;
};
export const parseStatuses = (v: unknown): string[] | undefined => {
  const list = Array.isArray(v) ? (v as string[]) : [];
  const out = list.includes(OPEN) ? [...OPEN_STATUSES, ...list.filter((s) => s !== OPEN && !OPEN_STATUSES.includes(s))] : list;
  return out.length ? out : undefined;
};

/** 状态 (multiple): any of the chosen states, or 「全部未办结」. `source`/`alwaysOn` are read by the filter form. */
export const StatusesFilter = ({ source = 'statuses' }: { source?: string; alwaysOn?: boolean; size?: string }) => {
  const t = useTicketText();
  const translate = useTranslate();
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const id = useId();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const fromUrl = JSON.stringify(filterValues?.[source] ?? null);
  useEffect(() => setChosen(null), [fromUrl]);
  // The back button right after a choice returns to the filter the list still shows: no change of `fromUrl` then.
  useEffect(() => {
    const drop = () => setChosen(null);
    window.addEventListener('popstate', drop);
    window.addEventListener('hashchange', drop);
    return () => {
      window.removeEventListener('popstate', drop);
      window.removeEventListener('hashchange', drop);
    };
  }, []);
  const value = chosen ?? formatStatuses(filterValues?.[source]);
  const label = (choice: string) => (choice === OPEN ? t('filter.openAll') : translate(STATUS_CHOICES.find((c) => c.id === choice)?.name ?? choice));
  const onChange = (next: string[]) => {
    const { [source]: _old, ...rest } = filterValues ?? {};
    const statuses = parseStatuses(next);
    setChosen(formatStatuses(statuses));
    setFilters(statuses ? { ...rest, [source]: statuses } : rest, displayedFilters);
  };
  return (
    <FormControl size="small" margin="dense" className={`ra-input ra-input-${source}`} sx={{ minWidth: 180, maxWidth: 360 }} data-testid="statuses-filter">
      <InputLabel id={`${id}-label`}>{t('filter.statuses')}</InputLabel>
      <Select
        labelId={`${id}-label`}
        multiple
        value={value}
        onChange={(e) => onChange(typeof e.target.value === 'string' ? e.target.value.split(',') : e.target.value)}
        input={<OutlinedInput label={t('filter.statuses')} />}
        renderValue={(selected) => (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {selected.map((s) => <Chip key={s} size="small" label={label(s)} />)}
          </Box>
        )}
      >
        {STATUS_CHOICES.map((c) => <MenuItem key={c.id} value={c.id}>{label(c.id)}</MenuItem>)}
      </Select>
    </FormControl>
  );
};
