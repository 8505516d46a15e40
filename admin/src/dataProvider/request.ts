// One GraphQL request over fetch, for the calls outside the CRUD convention (reports, my work, sheets, the working
// street, workflow mutations). Apollo and the stock provider (dataProvider/index.ts) stay out of the first download:
// they load with the first list or record (dataProvider/lazy.ts). Errors go through the same translation.
import { HttpError } from 'react-admin';
import { translateError, type GqlError } from './errors';

export const GRAPHQL_URL = '/graphql';

/**
 * `opts.raw`: a GraphQL error is thrown as `{ graphQLErrors }` (as Apollo did) for a caller that reads the server's
 * own message or extensions before translating it itself.
 */
export async function graphqlRequest<T>(document: string, variables: Record<string, unknown> = {}, opts: { raw?: boolean } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
  } catch (error) {
    translateError(error); // a TypeError: the network; an AbortError passes through
  }
  let body: { data?: T; errors?: GqlError[] };
  try {
    body = await response.json();
  } catch {
    throw new HttpError(response.status >= 500 ? 'rexian.error.server' : 'rexian.error.network', response.status);
  }
  if (body.errors?.length) {
    if (opts.raw) throw { graphQLErrors: body.errors };
    translateError({ errors: body.errors });
  }
  if (!response.ok) translateError(new HttpError(response.statusText, response.status));
  return body.data as T;
}
