// GET /reports/<id>.docx and /reports/<id>.xlsx (contract.md "Reports"): an archived report's file, for the
// caller's session cookie or bearer token, under the same view as the archive list (another street's report, or
// a kind the role does not read, is 404 as if it did not exist).
import type http from 'node:http';
import type { DB } from '../../db/connection';
import { principalFromSession, principalFromToken } from '../../repos/auth';
import type { SessionCache } from '../../auth/sessionCache';
import { readCookie } from '../../context';
import { PLAIN_SESSION_COOKIE, SECURE_SESSION_COOKIE } from '../../security/cookies';
import { contentDisposition, safeFilename } from '../../security/filenames';
import { REPORT_READERS, reportFile, reportScope } from '../../repos/reports';
import { KIND_LABEL, type BuildableKind } from './index';

export const REPORT_PATH = /^\/reports\/([1-9]\d{0,9})\.(docx|xlsx)$/;

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

function answer(res: http.ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify({ error: message }));
}

/**
 * Serves the file when the path is a report download; false for any other path. `sessions`: the process's session
 * cache (live/feed.ts), as GraphQL requests use it.
 */
export async function serveReportDownload(req: http.IncomingMessage, res: http.ServerResponse, db: DB, sessions?: SessionCache | null, now = new Date()): Promise<boolean> {
  const m = REPORT_PATH.exec((req.url ?? '/').split('?')[0]!);
  if (!m) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  const id = Number(m[1]);
  const format = m[2] as 'docx' | 'xlsx';
  if (id > 2_147_483_647) return answer(res, 404, '报表不存在'), true;
  const header = (name: string) => {
    const v = req.headers[name];
    return v === undefined ? null : Array.isArray(v) ? v.join('; ') : v;
  };
  const bearer = /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '')?.[1];
  const cookies = header('cookie');
  const session = readCookie(cookies, SECURE_SESSION_COOKIE) ?? readCookie(cookies, PLAIN_SESSION_COOKIE);
  const user = bearer ? await principalFromToken(db, bearer, now, sessions) : session ? await principalFromSession(db, session, now, sessions) : null;
  if (!user) return answer(res, 401, '请先登录'), true;
  if (!REPORT_READERS.includes(user.role)) return answer(res, 404, '报表不存在'), true;
  const file = await reportFile(db, id, format, (q) => reportScope(user, q));
  if (!file) return answer(res, 404, '报表不存在'), true;
  const label = KIND_LABEL[file.kind as BuildableKind] ?? file.kind;
  const name = safeFilename(`${file.streetName ?? '全区'}-${label}-${file.period.replace('/', '至')}-v${file.version}`, format);
  res.writeHead(200, {
    'content-type': TYPES[format],
    'content-disposition': contentDisposition(name),
    'content-length': file.bytes.length,
    'cache-control': 'private, no-store',
  });
  if (req.method === 'HEAD') res.end();
  else res.end(file.bytes);
  return true;
}
