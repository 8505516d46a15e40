// The report archive (domain.md §5b): a generated report is its structured content plus the .docx and .xlsx made
// from it, kept with kind, period, street (null = the district), version, who and when. Generating again adds a
// version; nothing is overwritten. Reads never fetch the files unless a download asks for one.
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { buildReport } from '../reports/content';
import { renderDocx } from '../reports/document/docx';
import { renderXlsx } from '../reports/document/xlsx';
import type { ReportDocument, ReportKindName } from '../reports/document/model';
import type { Principal } from './auth';
import type { Role } from '../auth/roles';
import { callerScope } from '../auth/scope';

type Db = Kysely<Database> | Transaction<Database>;

/** Who reads the archive; 纪检 (DISCIPLINE) reads the ranking notices sent to it (§5b) and nothing else. */
export const REPORT_READERS: Role[] = ['ADMIN', 'OPS', 'LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'API_READER'];
export const REPORT_WRITERS: Role[] = ['ADMIN', 'OPS', 'LEADER'];
export const DISCIPLINE_KINDS = ['RANKING_NOTICE'];

/** A caller's view of the archive (on table `report`): its street's reports (a district account: all). */
export function reportScope(user: Principal, q: any): any {
  // auth/scope.ts rowScope's rule for a street-owned table, qualified: the archive queries join other tables.
  const street = callerScope(user).streetId;
  if (street !== null) q = q.where('report.streetId', '=', street);
  if (user.role === 'DISCIPLINE') q = q.where('report.kind', 'in', DISCIPLINE_KINDS);
  return q;
}

/** The archive row without its files. */
export interface ReportMeta {
  id: number;
  kind: string;
  period: string;
  streetId: number | null;
  version: number;
  createdBy: number | null;
  createdAt: Date;
  sha256: string;
}

export const META_COLUMNS = ['report.id', 'report.kind', 'report.period', 'report.streetId', 'report.version', 'report.createdBy', 'report.createdAt', 'report.sha256'] as const;

export const docxUrl = (id: number) => `/reports/${id}.docx`;
export const xlsxUrl = (id: number) => `/reports/${id}.xlsx`;

/** Both files of a document, rendered side by side. */
export async function renderFiles(doc: ReportDocument): Promise<{ docx: Buffer; xlsx: Buffer }> {
  const [docx, xlsx] = await Promise.all([renderDocx(doc), renderXlsx(doc)]);
  return { docx, xlsx };
}

/**
 * Stores a document and its files as the next version of (kind, street, period). Two writers racing for the same
 * version number: the loser's insert violates the unique index and takes the next number.
 */
export async function storeReport(
  db: Db,
  a: { doc: ReportDocument; files: { docx: Buffer; xlsx: Buffer }; createdBy: number | null; now?: Date },
): Promise<ReportMeta> {
  const content = JSON.stringify(a.doc);
  const sha256 = crypto.createHash('sha256').update(content, 'utf8').digest('hex');
  const streetId = a.doc.streetId === null ? null : Number(a.doc.streetId);
  for (let attempt = 0; ; attempt++) {
    try {
      const insert = async (trx: Db) => {
        const { rows } = await sql<{ v: number }>`
          select coalesce(max(version), 0)::int + 1 as v from report
          where kind = ${a.doc.kind} and coalesce(street_id, 0) = ${streetId ?? 0}::int and period = ${a.doc.period}`.execute(trx);
        return trx
          .insertInto('report')
          .values({
            kind: a.doc.kind,
            period: a.doc.period,
            streetId,
            version: rows[0]!.v,
            createdBy: a.createdBy,
            createdAt: a.now ?? new Date(),
            content,
            docx: a.files.docx,
            xlsx: a.files.xlsx,
            sha256,
          })
          .returning([...META_COLUMNS])
          .executeTakeFirstOrThrow();
      };
      // Inside the caller's transaction a failed insert would abort it: a savepoint keeps the retry possible.
      if (db.isTransaction) {
        const trx = db as Transaction<Database>;
        await sql`savepoint report_version`.execute(trx);
        try {
          const row = await insert(trx);
          await sql`release savepoint report_version`.execute(trx);
          return row as ReportMeta;
        } catch (e) {
          await sql`rollback to savepoint report_version`.execute(trx);
          throw e;
        }
      }
      return (await insert(db)) as ReportMeta;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505' || attempt >= 4) throw e;
    }
  }
}

/** Builds, renders and archives one report. */
export async function generateReport(
  db: Db,
  a: { kind: ReportKindName; streetId: number | null; period: string; now: Date; createdBy: number | null },
): Promise<ReportMeta & { doc: ReportDocument }> {
  const doc = await buildReport(db, { kind: a.kind, streetId: a.streetId, period: a.period, now: a.now });
  const files = await renderFiles(doc);
  const meta = await storeReport(db, { doc, files, createdBy: a.createdBy, now: a.now });
  return { ...meta, doc };
}

/** One stored file, if the row is visible under `restrict` (the caller's street scope). */
export async function reportFile(db: Db, id: number, format: 'docx' | 'xlsx', restrict: (q: any) => any): Promise<(ReportMeta & { bytes: Buffer; streetName: string | null }) | null> {
  const q = db
    .selectFrom('report')
    .leftJoin('street', 'street.id', 'report.streetId')
    .select([...META_COLUMNS, 'street.name as streetName'])
    .select(format === 'docx' ? sql<Buffer>`report.docx`.as('bytes') : sql<Buffer>`report.xlsx`.as('bytes'))
    .where('report.id', '=', id);
  const row = await restrict(q).executeTakeFirst();
  return row ? { ...row, bytes: Buffer.from(row.bytes) } : null;
}

/** Whether a report of this kind, street and period exists (a scheduled job's "already made"). */
export async function hasReport(db: Db, kind: string, streetId: number | null, period: string): Promise<boolean> {
  const r = await db
    .selectFrom('report')
    .select('id')
    .where('kind', '=', kind)
    .where('period', '=', period)
    .where((eb) => (streetId === null ? eb('streetId', 'is', null) : eb('streetId', '=', streetId)))
    .limit(1)
    .executeTakeFirst();
  return !!r;
}
