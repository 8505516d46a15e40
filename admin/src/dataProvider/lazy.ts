// The data provider react-admin is given: each call loads the real one (Apollo + ra-data-graphql-simple, about
// 100 kB gzip) on first use, so the login page and the first screen download without it.
import type { DataProvider } from 'react-admin';

let real: Promise<DataProvider> | undefined;
const load = () => (real ??= import('./index').then((m) => m.dataProvider));

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

export const lazyDataProvider = Object.fromEntries(
  METHODS.map((name) => [name, async (...args: unknown[]) => ((await load())[name] as (...a: unknown[]) => Promise<unknown>)(...args)]),
) as unknown as DataProvider;
