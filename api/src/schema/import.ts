// importTickets and checkImport (contract.md "Import"): the city platform's export, uploaded as a GraphQL multipart
// request. A file with problems is an answer (ImportResult.errors), not a GraphQL error; nothing is written then.
// checkImport is a query: it runs the import's steps in a transaction it rolls back, so it writes nothing (no audit
// row either) and answers what importTickets would do.
import { builder } from '../builder';
import type { Context } from '../context';
import { notFound, unauthenticated } from '../errors';
import { checkImport, importTickets, type ImportError, type ImportResult } from '../import/importTickets';
import { MAX_FILE_BYTES, formatMb } from '../import/format';
import { readUpload } from '../import/parse';
import { objectRef, toDbId, type Row } from './resource';

const ImportErrorRef = builder.objectRef<ImportError>('ImportError').implement({
  description: '导入文件中的一处错误或数据质量提示',
  fields: (t) => ({
    row: t.exposeInt('row', { nullable: false, description: '行号：2 是第一行数据，1 是表头，0 指整个文件' }),
    column: t.exposeString('column', { nullable: true, description: '列名（表头中的中文列名）' }),
    message: t.exposeString('message', { nullable: false }),
    number: t.string({ nullable: true, description: '该行的工单编号（有时）', resolve: (e) => e.number ?? null }),
  }),
});

const ImportResultRef = builder.objectRef<ImportResult>('ImportResult').implement({
  description: '工单导入（或检查）结果：有任何错误时不写入任何数据；检查时的数字是“将新增/将更新/不变”',
  fields: (t) => ({
    inserted: t.exposeInt('inserted', { nullable: false }),
    updated: t.exposeInt('updated', { nullable: false }),
    unchanged: t.exposeInt('unchanged', { nullable: false }),
    rows: t.exposeInt('rows', { nullable: false, description: '读到的数据行数' }),
    errors: t.field({ type: [ImportErrorRef], nullable: false, description: '无法使用的行：有任何一处，整个文件不导入', resolve: (r) => r.errors }),
    notes: t.field({
      type: [ImportErrorRef],
      nullable: false,
      description: '数据质量提示（如先行联系时间晚于办结时间）：照常导入，并记在工单上',
      resolve: (r) => r.notes,
    }),
    notices: t.exposeStringList('notices', { nullable: false, description: '提示（如被忽略的列），不妨碍导入' }),
  }),
});

/** The upload read into (shared) memory, or the answer for a file over the limit (refused before reading it). */
async function run(ctx: Context, a: { streetId: string | number; file: File }, work: typeof importTickets): Promise<ImportResult> {
  if (!ctx.user) throw unauthenticated();
  const streetId = toDbId(a.streetId);
  if (streetId === null) throw notFound('街镇', a.streetId);
  if (a.file.size > MAX_FILE_BYTES) {
    return {
      inserted: 0, updated: 0, unchanged: 0, rows: 0, notices: [], notes: [],
      errors: [{ row: 0, column: null, message: `文件过大（${formatMb(a.file.size)}），一次最多导入 ${formatMb(MAX_FILE_BYTES)}，请拆分后分批导入` }],
    };
  }
  return work(ctx.db, {
    streetId,
    // Not file.arrayBuffer(): that concatenates the upload's chunks in one go (and the result was copied again), a
    // block of the event loop of up to a second at 100 MB; readUpload copies once, a few MB per turn.
    file: await readUpload(a.file),
    filename: a.file.name || 'upload',
    actor: ctx.user,
    requestId: ctx.requestId,
  });
}

builder.mutationField('importTickets', (t) =>
  t.field({
    type: ImportResultRef,
    nullable: false,
    description: '导入市级平台导出的工单（.xlsx 或 UTF-8 CSV，全部成功或全部不写入）',
    args: { streetId: t.arg.id({ required: true }), file: t.arg({ type: 'File', required: true }) },
    resolve: (_root, a, ctx: Context) => run(ctx, a, importTickets),
  }),
);

const checkImportField = (t: any) =>
  t.field({
    type: ImportResultRef,
    nullable: false,
    description: '检查一个导出文件：与导入完全相同的校验，回答将新增、将更新、不变多少行及错误和数据质量提示，不写入任何数据',
    args: { streetId: t.arg.id({ required: true }), file: t.arg({ type: 'File', required: true }) },
    resolve: (_root: unknown, a: { streetId: string; file: File }, ctx: Context) => run(ctx, a, checkImport),
  });
builder.queryField('checkImport', checkImportField);
// Also a mutation, for upload clients that send multipart requests only as mutations (the same answer, nothing
// written: the one mutation without an audit row, since it changes nothing).
builder.mutationField('checkImport', checkImportField);

// The notes of the import that last read the ticket's row (domain.md §7), for a clerk to query with the city.
builder.objectField(objectRef('Ticket'), 'importNotes', (t: any) =>
  t.stringList({
    nullable: false,
    description: '导入时的数据质量提示（如先行联系时间晚于办结时间）：按市级平台记录照常导入',
    resolve: (r: Row) => (r.importNotes as string[] | null) ?? [],
  }),
);
