// The street and month pickers shared by the report screens. The choice is kept in react-admin's store, so the
// dashboard, the ranking and the import page stay on the same street and month.
import { useEffect } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useGetList, useStore, useTranslate } from 'react-admin';
import { previousMonth, shanghaiMonth } from './format';

export interface StreetRecord { id: string; name: string; code: string; districtId: string }

/** The streets (the first is the default) and the chosen one. */
export function useStreet() {
  const [streetId, setStreetId] = useStore<string | null>('reports.streetId', null);
  const { data: streets = [], isPending } = useGetList<StreetRecord & { id: string }>('Street', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'id', order: 'ASC' },
  });
  const chosen = streets.find((s) => String(s.id) === String(streetId)) ?? streets[0];
  return { streets, street: chosen, streetId: chosen ? String(chosen.id) : null, setStreetId, isPending };
}

/**
 * The chosen month; by default the latest month with tickets of the street (the demo year is 2023, so "last
 * month" would show an empty screen).
 */
export function useMonth(streetId: string | null) {
  const [month, setMonth] = useStore<string | null>('reports.month', null);
  const { data: latest, isPending } = useGetList('Ticket', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'receivedAt', order: 'DESC' },
    filter: streetId ? { streetId } : {},
  }, { enabled: !month && !!streetId });
  useEffect(() => {
    if (month || !streetId || isPending) return;
    const at = latest?.[0]?.receivedAt as string | undefined;
    setMonth(at ? shanghaiMonth(at) : previousMonth());
  }, [month, streetId, isPending, latest, setMonth]);
  return { month, setMonth };
}

export const StreetPicker = ({ streets, value, onChange }: { streets: StreetRecord[]; value: string | null; onChange: (id: string) => void }) => {
  const translate = useTranslate();
  return (
    <TextField
      select
      size="small"
      label={translate('reports.common.street')}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 180 }}
      inputProps={{ 'data-testid': 'street-picker' }}
    >
      {streets.map((s) => (
        <MenuItem key={s.id} value={String(s.id)}>{s.name}</MenuItem>
      ))}
    </TextField>
  );
};

export const MonthPicker = ({ value, onChange }: { value: string | null; onChange: (month: string) => void }) => {
  const translate = useTranslate();
  return (
    <TextField
      type="month"
      size="small"
      label={translate('reports.common.month')}
      value={value ?? ''}
      onChange={(e) => e.target.value && onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
      inputProps={{ name: 'month', max: '2100-12', min: '2000-01' }}
      sx={{ width: 170 }}
    />
  );
};
