// The street being worked on (domain.md §1): a street account works in its own street; a district account (区城运中心)
// picks one in the app bar. The choice lives on the server (me.workingStreetId, setWorkingStreet), so it follows
// the user across reloads and machines; every page, sheet and unit picker reads it from here instead of having
// its own street picker.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Box, Chip, MenuItem, TextField } from '@mui/material';
import PlaceIcon from '@mui/icons-material/Place';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { graphqlRequest } from '../dataProvider/request';

export interface StreetRecord { id: string; name: string; code: string; districtId: string }

export interface WorkingStreet {
  /** Streets the user may work in: its own, or every street of the district. */
  streets: StreetRecord[];
  street: StreetRecord | undefined;
  streetId: string | null;
  /** A district account (no street of its own): may switch, and sees a 街镇 column in lists across streets. */
  isDistrict: boolean;
  setStreetId: (id: string) => void;
  isPending: boolean;
}

const Ctx = createContext<WorkingStreet | null>(null);

/** Pages holding unsaved edits (a sheet): switching the street would reload them for another street. */
const unsaved = new Set<symbol>();
export function useUnsavedWork(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const key = Symbol('unsaved');
    unsaved.add(key);
    return () => void unsaved.delete(key);
  }, [dirty]);
}

const call = <T,>(document: string, variables: Record<string, unknown> = {}, _mutation = false): Promise<T> => graphqlRequest<T>(document, variables);

export function WorkingStreetProvider({ children }: { children: ReactNode }) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [state, setState] = useState<{ streets: StreetRecord[]; own: string | null; chosen: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    call<{ me: { streetId: string | null; workingStreetId: string | null } | null; allStreets: StreetRecord[] }>(
      `{ me { streetId workingStreetId } allStreets(perPage: 100, sortField: "id", sortOrder: "ASC") { id name code districtId } }`,
    ).then(
      (d) => live && setState({ streets: d.allStreets, own: d.me?.streetId ?? null, chosen: d.me?.workingStreetId ?? null }),
      (e: Error) => {
        if (!live) return;
        setState({ streets: [], own: null, chosen: null });
        notify(e.message, { type: 'error' });
      },
    );
    return () => {
      live = false;
    };
  }, [notify]);

  const setStreetId = useCallback(
    (id: string) => {
      if (!state || state.own || id === state.chosen) return;
      setState({ ...state, chosen: id });
      call(`mutation($s: ID) { setWorkingStreet(streetId: $s) { id } }`, { s: id }, true).then(
        () => refresh(),
        (e: Error) => notify(e.message, { type: 'error' }),
      );
    },
    [state, notify, refresh],
  );

  const value = useMemo<WorkingStreet>(() => {
    const streets = state?.own ? state.streets.filter((s) => s.id === state.own) : (state?.streets ?? []);
    const wanted = state?.own ?? state?.chosen;
    // Nothing picked yet (or a street since removed): the district's first street.
    const street = streets.find((s) => s.id === wanted) ?? streets[0];
    return { streets, street, streetId: street?.id ?? null, isDistrict: !!state && !state.own, setStreetId, isPending: !state };
  }, [state, setStreetId]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

const NONE: WorkingStreet = { streets: [], street: undefined, streetId: null, isDistrict: false, setStreetId: () => undefined, isPending: true };

/** The street being worked on (outside the layout, e.g. on the login page: none). */
export const useWorkingStreet = () => useContext(Ctx) ?? NONE;

/** The app bar's street: a switcher for a district account, the street's name for a street account. */
export function StreetSwitcher() {
  const translate = useTranslate();
  const { streets, streetId, street, isDistrict, setStreetId, isPending } = useWorkingStreet();
  if (isPending || !street) return null;
  if (!isDistrict) {
    return <Chip icon={<PlaceIcon />} label={street.name} data-testid="working-street" sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.6)', '& .MuiChip-icon': { color: 'inherit' } }} variant="outlined" />;
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center' }}>
      <TextField
        select
        size="small"
        value={streetId ?? ''}
        onChange={(e) => {
          // The sheet's edits belong to the street it was opened for: ask before dropping them.
          if (unsaved.size && !window.confirm(translate('rexian.street.discard'))) return;
          setStreetId(e.target.value);
        }}
        aria-label={translate('rexian.street.switch')}
        title={translate('rexian.street.switch')}
        slotProps={{ htmlInput: { 'data-testid': 'street-switcher' }, select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 480 } } } } } }}
        sx={{
          minWidth: 150,
          '& .MuiInputBase-root': { color: 'inherit', bgcolor: 'rgba(255,255,255,0.12)' },
          '& .MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,0.5)' },
          '& .MuiSvgIcon-root': { color: 'inherit' },
        }}
      >
        {streets.map((s) => <MenuItem key={s.id} value={s.id} data-testid={`street-option-${s.code}`}>{s.name}</MenuItem>)}
      </TextField>
    </Box>
  );
}
