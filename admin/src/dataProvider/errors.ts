// Turns GraphQL errors (extensions.code) into what react-admin understands:
// BAD_USER_INPUT → HttpError 400 with body.errors = fieldErrors (shown on the form fields, pessimistic mode),
// CONFLICT → 409 with a clear message (a retryable one keeps the server's), UNAUTHENTICATED → 401 (authProvider.checkError signs out), …
import { HttpError } from 'react-admin';

export interface GqlError {
  message: string;
  extensions?: { code?: string; fieldErrors?: Record<string, string>; currentState?: string; [k: string]: unknown };
}

/** Every GraphQL error we can find on whatever ra-data-graphql or fetch threw. */
export function graphQLErrorsOf(error: unknown): GqlError[] {
  const e = error as {
    graphQLErrors?: GqlError[];
    errors?: GqlError[];
    body?: { graphQLErrors?: GqlError[]; errors?: unknown; networkError?: { result?: { errors?: GqlError[] } } };
    networkError?: { result?: { errors?: GqlError[] } };
  } | null;
  if (!e || typeof e !== 'object') return [];
  const found = [
    e.graphQLErrors, e.errors, e.body?.graphQLErrors, e.networkError?.result?.errors, e.body?.networkError?.result?.errors,
  ].find((x): x is GqlError[] => Array.isArray(x) && x.length > 0);
  return found ?? [];
}

export const codeOf = (error: unknown): string | undefined =>
  graphQLErrorsOf(error).find((g) => g.extensions?.code)?.extensions?.code;

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_USER_INPUT: 400, ILLEGAL_TRANSITION: 422,
};

/** Rethrows any error from the stock provider as an HttpError react-admin can act on. */
export function translateError(error: unknown): never {
  const gql = graphQLErrorsOf(error);
  const first = gql.find((g) => g.extensions?.code) ?? gql[0];
  const code = first?.extensions?.code;
  if (code === 'BAD_USER_INPUT') {
    const fieldErrors: Record<string, string> = {};
    for (const g of gql) Object.assign(fieldErrors, g.extensions?.fieldErrors ?? {});
    const message = first?.message || 'rexian.error.invalid_input';
    if (Object.keys(fieldErrors).length > 0) {
      // root.serverError is shown as the notification, so a message about a field that is not on the form is not lost.
      throw new HttpError(message, 400, { errors: { ...fieldErrors, root: { serverError: message } } });
    }
    throw new HttpError(message, 400, { code });
  }
  if (code === 'CONFLICT') {
    // Retryable: the database aborted this save for a concurrent one and wrote nothing — "refresh" would be wrong
    // advice, so the server's own message (「其他人正在同时保存这些记录，请重试」) is shown.
    if (first?.extensions?.retryable === true) throw new HttpError(first.message || 'rexian.error.conflict', 409, { code, retryable: true });
    throw new HttpError('rexian.error.conflict', 409, { code });
  }
  if (code === 'UNAUTHENTICATED') throw new HttpError('rexian.error.unauthenticated', 401, { code });
  if (code && code in STATUS) throw new HttpError(first?.message || `rexian.error.${code.toLowerCase()}`, STATUS[code]!, { code, extensions: first?.extensions });
  if (first) throw new HttpError(first.message || 'rexian.error.server', 500, { code: code ?? 'INTERNAL_SERVER_ERROR' });
  const status = (error as { status?: number })?.status;
  const message = (error as { message?: string })?.message ?? '';
  if (/abort/i.test(message) || (error as { name?: string })?.name === 'AbortError') throw error;
  if (error instanceof HttpError && !status) throw new HttpError('rexian.error.network', 0);
  if (error instanceof HttpError && status && status !== 200) {
    if (status === 401) throw new HttpError('rexian.error.unauthenticated', 401, { code: 'UNAUTHENTICATED' });
    throw new HttpError(status >= 500 ? 'rexian.error.server' : error.message, status, error.body);
  }
  if (error instanceof TypeError || (error as { name?: string })?.name === 'TypeError') throw new HttpError('rexian.error.network', 0);
  throw error;
}
