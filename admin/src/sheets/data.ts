// Loading for the sheet pages: the register's rows and the options its name columns resolve against.
import { useCallback, useEffect, useState } from 'react';
import { useNotify } from 'react-admin';
import { loadAll } from './api';
import type { Option } from './cells';
import { byPeerGroupAndCode } from '../common/inputs';

/** Rows loaded by `load`, and a function that loads them again. */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[] = []): [T | null, () => void] {
  const [data, setData] = useState<T | null>(null);
  const [tick, setTick] = useState(0);
  const notify = useNotify();
  useEffect(() => {
    let live = true;
    load().then((d) => live && setData(d), (e: Error) => notify(e.message, { type: 'error' }));
    return () => {
      live = false;
    };
  }, [tick, ...deps]); // eslint-disable-line react-hooks/exhaustive-deps
  return [data, useCallback(() => { setData(null); setTick((t) => t + 1); }, [])];
}

export interface UnitInfo { id: string; code: string; name: string; streetId: string; peerGroup: string; aliases: string[] | null; active: boolean }


/**
 * The units of the street being worked on (domain.md §1: names resolve inside it — every street has its 城管中队
 * with the code CGZD). Null until the street is known.
 */
export const loadUnits = async (streetId: string | null): Promise<UnitInfo[] | null> =>
  streetId ? (await loadAll<UnitInfo>('Unit', ['id', 'code', 'name', 'streetId', 'peerGroup', 'aliases', 'active'], {}, 'Units', streetId)).sort(byPeerGroupAndCode) : null;

/** Units by name; code and aliases also resolve. */
export const unitOptions = (units: UnitInfo[]): Option[] =>
  units.map((u) => ({ value: u.id, label: u.name, aliases: [u.code, ...(u.aliases ?? [])] }));
