// Database failures a client should be told about plainly (and may retry), instead of a masked internal error.
import { GraphQLError } from 'graphql';

/** What a client sees when PostgreSQL aborted its transaction to let a concurrent one through. */
export const CONCURRENT_SAVE_MESSAGE = '其他人正在同时保存这些记录，请重试';

/**
 * Lost or refused connections (server restart, pg_terminate_backend), a pool busy past the queue's bound, statement timeouts, and
 * transactions PostgreSQL aborted because of a concurrent one (deadlock 40P01, serialization failure 40001):
 * nothing was written and the same request may simply be sent again, so the latter are a retryable CONFLICT.
 */
export function databaseFailure(error: unknown): GraphQLError | undefined {
  const e = error as { code?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return undefined;
  const code = e.code ?? '';
  const message = e.message ?? '';
  if (code === '40P01' || code === '40001' || /^(deadlock detected|could not serialize access)/.test(message)) {
    return new GraphQLError(CONCURRENT_SAVE_MESSAGE, { extensions: { code: 'CONFLICT', retryable: true } });
  }
  // The line for a pooled connection (db/connection.ts ConnectionQueue) was longer than its bound: the server is up
  // but every connection stayed busy; nothing ran.
  if (code === 'REXIAN_DB_BUSY') {
    return new GraphQLError('数据库繁忙，等待空闲连接超时，操作未执行，请稍后重试', { extensions: { code: 'DATABASE_BUSY', retryable: true } });
  }
  if (code === '57014' || /statement timeout|canceling statement due to/.test(message)) {
    return new GraphQLError('数据库处理超时，操作未完成，请稍后重试', { extensions: { code: 'DATABASE_TIMEOUT', retryable: true } });
  }
  if (
    code.startsWith('08') || // connection exceptions
    ['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code) ||
    /timeout exceeded when trying to connect|Connection terminated|terminating connection|Client has encountered a connection error|connection is closed/i.test(message)
  ) {
    return new GraphQLError('数据库暂时不可用，操作未完成，请稍后重试', { extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true } });
  }
  return undefined;
}
