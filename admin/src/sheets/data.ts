// Loading for the sheet pages: the register's rows and the options its name columns resolve against.
import { useCallback, useEffect, useState } from 'react';
import { useNotify } from 'react-admin';
import { loadAll } from './api';
import type { Option } from './cells';

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

export interface UnitInfo { id: string; code: string; name: string; streetId: string; aliases: string[] | null; active: boolean }

export const loadUnits = () => loadAll<UnitInfo>('Unit', ['id', 'code', 'name', 'streetId', 'aliases', 'active']);
export const loadStreets = () => loadAll<{ id: string; name: string }>('Street', ['id', 'name']);

/** Units by name; code and aliases also resolve (a name used in two streets needs the code). */
export const unitOptions = (units: UnitInfo[]): Option[] =>
  units.map((u) => ({ value: u.id, label: u.name, aliases: [u.code, ...(u.aliases ?? [])] }));
