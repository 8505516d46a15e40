// The only error codes clients see (architecture.md rule 3); anything else is masked by yoga.
import { GraphQLError } from 'graphql';

export type FieldErrors = Record<string, string | undefined>;

export const unauthenticated = (message = '请先登录') =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });

export const forbidden = (message = '没有执行此操作的权限') =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

export const notFound = (what: string, id?: string | number) =>
  new GraphQLError(`${what}${id === undefined ? '' : ` ${id}`} 不存在`, { extensions: { code: 'NOT_FOUND' } });

export const badInput = (message: string, fieldErrors: FieldErrors = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fieldErrors } });

export const conflict = (message = '记录已被他人修改，请刷新后重试') =>
  new GraphQLError(message, { extensions: { code: 'CONFLICT' } });

/** HTTP 429 with Retry-After: yoga takes the status and headers from extensions.http and leaves them out of the body. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } } },
  });

export const illegalTransition = (message: string, currentState: string) =>
  new GraphQLError(message, { extensions: { code: 'ILLEGAL_TRANSITION', currentState } });

/** Turns a constraint violation from either engine into a client error; returns undefined for anything else. */
export function fromDbError(e: unknown, labels: Record<string, string> = {}): GraphQLError | undefined {
  const err = e as { code?: string; constraint?: string; detail?: string; column?: string; message?: string };
  const field = guessField(err, labels);
  const label = field ? labels[field] ?? field : undefined;
  switch (err.code) {
    case '23505': {
      // A composite key (e.g. ticket + callback time) names every column; the error sits on the last one.
      const cols = keyColumns(err.detail);
      if (cols.length > 1) {
        const last = cols[cols.length - 1]!;
        return badInput(`已存在相同「${cols.map((c) => labels[c] ?? c).join(' + ')}」的记录，不能重复`, { [last]: '已存在相同记录' });
      }
      return badInput(`${label ?? '该值'}已存在，不能重复`, field ? { [field]: '已存在，不能重复' } : {});
    }
    case '23503':
      return badInput(`${label ?? '引用的记录'}不存在或仍被其他记录引用`, field ? { [field]: '引用的记录不存在' } : {});
    case '23514':
      return badInput(`${label ?? '输入'}不符合规则 (${err.constraint ?? 'check'})`, field ? { [field]: '不符合规则' } : {});
    case '23502':
      return badInput(`${label ?? '必填项'}不能为空`, field ? { [field]: '必填' } : {});
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021': // invalid byte sequence (e.g. U+0000 in text)
    case '22P05': // untranslatable character
      return badInput(`输入的值无效：${err.message ?? ''}`);
    default:
      return undefined;
  }
}

function keyColumns(detail?: string): string[] {
  const m = detail && /Key \(([^)]+)\)/.exec(detail);
  return m ? m[1]!.split(',').map((c) => c.trim().replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())) : [];
}

function guessField(err: { constraint?: string; column?: string; detail?: string }, labels: Record<string, string>) {
  const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  if (err.column) return camel(err.column);
  const m = err.detail && /Key \(([a-z_]+)/.exec(err.detail);
  if (m) return camel(m[1]!);
  if (err.constraint) {
    // e.g. unit_street_id_code_key, award_points_check: pick the last known field named in it
    const parts = err.constraint.split('_');
    for (let n = parts.length; n > 0; n--) {
      for (let i = 0; i + n <= parts.length; i++) {
        const f = camel(parts.slice(i, i + n).join('_'));
        if (f in labels) return f;
      }
    }
  }
  return undefined;
}
