// The stock ra-data-graphql-simple provider, wrapped: static schema, cookie session, errors react-admin can show.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import buildGraphQLProvider from 'ra-data-graphql-simple';
import type { DataProvider } from 'react-admin';
import { scalarFieldsOf, schema } from '../schema';
import { translateError } from './errors';

import { GRAPHQL_URL } from './request';

/**
 * fetch for Apollo: a GraphQL error answered with a non-2xx status (e.g. 401 for UNAUTHENTICATED) still carries
 * `errors` with their codes; Apollo would turn it into an opaque network error, so hand it over as a 200.
 */
const graphqlFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, { ...init, credentials: 'same-origin' });
  if (response.ok) return response;
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors)) {
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    }
  } catch {
    /* not JSON: let Apollo report the status */
  }
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
};

const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: GRAPHQL_URL, fetch: graphqlFetch }),
  cache: new InMemoryCache(),
  defaultOptions: { query: { fetchPolicy: 'no-cache' }, mutate: { fetchPolicy: 'no-cache' } },
});

const stock = buildGraphQLProvider({
  client: apolloClient,
  introspection: { schema },
});

type Data = Record<string, unknown>;

/**
 * Records may carry both `unitId` and a nested `unit { id }` (the stock provider selects linked resources).
 * On save the provider turns `unit` back into `unitId: unit.id` — after the form's new `unitId`, undoing the
 * user's change. Drop such nested copies (and the flattened `unit.id` keys) before sending.
 */
export function withoutNestedCopies(data: Data): Data {
  const out: Data = {};
  for (const [k, v] of Object.entries(data)) {
    if (k.includes('.')) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && `${k}Id` in data) continue;
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object') && `${k}Ids` in data) continue;
    out[k] = v;
  }
  return out;
}

const wrap = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
  try {
    return await fn(...args);
  } catch (error) {
    translateError(error);
  }
};

/**
 * Lists select only scalar fields: the stock provider would otherwise fetch every nested record (a ticket's whole
 * event history) for each row. getOne keeps the full record for the show page.
 */
type Meta = { meta?: Record<string, unknown> };
/** Computed per record from other tables: only the record's own page needs them. */
const DETAIL_ONLY = new Set(['allowedActions', 'redoReason']);
function lean<P extends Meta>(resource: string, params: P): P {
  if (params.meta?.sparseFields) return params;
  const fields = scalarFieldsOf(resource).filter((f) => !DETAIL_ONLY.has(f));
  return fields.length ? { ...params, meta: { ...params.meta, sparseFields: fields } } : params;
}

export const dataProvider: DataProvider = {
  getList: wrap((resource, params) => stock.getList(resource, lean(resource, params))),
  getOne: wrap((resource, params) => stock.getOne(resource, params)),
  getMany: wrap((resource, params) => stock.getMany(resource, lean(resource, params))),
  getManyReference: wrap((resource, params) => stock.getManyReference(resource, lean(resource, params))),
  create: wrap((resource, params) => stock.create(resource, { ...params, data: withoutNestedCopies(params.data as Data) })),
  update: wrap((resource, params) => stock.update(resource, { ...params, data: withoutNestedCopies(params.data as Data) })),
  updateMany: wrap((resource, params) => stock.updateMany(resource, params)),
  delete: wrap((resource, params) => stock.delete(resource, params)),
  deleteMany: wrap((resource, params) => stock.deleteMany(resource, params)),
};
