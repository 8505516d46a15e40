// The month picker shared by the report screens, and the street they show: the street being worked on, chosen
// once in the app bar (common/workingStreet.tsx). The month is kept in react-admin's store, so the dashboard, the
// ranking and the import page stay on the same month.
import { useEffect } from 'react';
import { useGetList, useStore, useTranslate } from 'react-admin';
import { previousMonth, shanghaiMonth } from './format';
import { useWorkingStreet, type StreetRecord } from '../common/workingStreet';
import { MonthField } from '../common/pickers';

export type { StreetRecord };

/** The street being worked on (the app bar's), and the streets the user may work in. */
export const useStreet = useWorkingStreet;

/**
 * The chosen month; by default the latest month with tickets of the street (the demo year is 2023, so "last
 * month" would show an empty screen).
 */
export function useMonth(streetId: string | null) {
  const [month, setMonth] = useStore<string | null>('reports.month', null);
  const { data: latest, isPending, isError } = useGetList('Ticket', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'receivedAt', order: 'DESC' },
    filter: streetId ? { streetId } : {},
  }, { enabled: !month && !!streetId });
  useEffect(() => {
    // A failed read keeps nothing: the store outlives the session, and the next successful read decides.
    if (month || !streetId || isPending || isError) return;
    const at = latest?.[0]?.receivedAt as string | undefined;
    setMonth(at ? shanghaiMonth(at) : previousMonth());
  }, [month, streetId, isPending, isError, latest, setMonth]);
  // Meanwhile, after a failure, the last month is shown (not stored).
  return { month: month ?? (isError && streetId ? previousMonth() : null), setMonth };
}

export const MonthPicker = ({ value, onChange }: { value: string | null; onChange: (month: string) => void }) => {
  const translate = useTranslate();
  // A text field holding 2023-06 with a calendar in the app's language (common/pickers.tsx), not the browser's
  // <input type="month">, which reads "June 2023" in Chinese mode (issue #15).
  return <MonthField size="small" label={translate('reports.common.month')} value={value} onChange={onChange} name="month" min="2000-01" max="2100-12" sx={{ width: 170 }} />;
};
