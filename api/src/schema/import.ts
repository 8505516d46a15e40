// importTickets (contract.md "Import"): the city platform's export, uploaded as a GraphQL multipart request.
// A file with problems is an answer (ImportResult.errors), not a GraphQL error; nothing is written then.
import { builder } from '../builder';
import type { Context } from '../context';
import { notFound, unauthenticated } from '../errors';
import { importTickets, type ImportError, type ImportResult } from '../import/importTickets';
import { MAX_FILE_BYTES, formatMb } from '../import/format';
import { toDbId } from './resource';

const ImportErrorRef = builder.objectRef<ImportError>('ImportError').implement({
  description: '导入文件中的一处错误',
  fields: (t) => ({
    row: t.exposeInt('row', { nullable: false, description: '行号：2 是第一行数据，1 是表头，0 指整个文件' }),
    column: t.exposeString('column', { nullable: true, description: '列名（表头中的中文列名）' }),
    message: t.exposeString('message', { nullable: false }),
  }),
});

const ImportResultRef = builder.objectRef<ImportResult>('ImportResult').implement({
  description: '工单导入结果：有任何错误时不写入任何数据',
  fields: (t) => ({
    inserted: t.exposeInt('inserted', { nullable: false }),
    updated: t.exposeInt('updated', { nullable: false }),
    unchanged: t.exposeInt('unchanged', { nullable: false }),
    rows: t.exposeInt('rows', { nullable: false, description: '读到的数据行数' }),
    errors: t.field({ type: [ImportErrorRef], nullable: false, resolve: (r) => r.errors }),
    notices: t.exposeStringList('notices', { nullable: false, description: '提示（如被忽略的列），不妨碍导入' }),
  }),
});

builder.mutationField('importTickets', (t) =>
  t.field({
    type: ImportResultRef,
    nullable: false,
    description: '导入市级平台导出的工单（.xlsx 或 UTF-8 CSV，全部成功或全部不写入）',
    args: {
      streetId: t.arg.id({ required: true }),
      file: t.arg({ type: 'File', required: true }),
    },
    resolve: async (_root, args, ctx: Context) => {
      if (!ctx.user) throw unauthenticated();
      const streetId = toDbId(args.streetId);
      if (streetId === null) throw notFound('街镇', args.streetId);
      const file = args.file;
      if (file.size > MAX_FILE_BYTES) {
        return {
          inserted: 0, updated: 0, unchanged: 0, rows: 0, notices: [],
          errors: [{ row: 0, column: null, message: `文件过大（${formatMb(file.size)}），一次最多导入 ${formatMb(MAX_FILE_BYTES)}，请拆分后分批导入` }],
        };
      }
      return importTickets(ctx.db, {
        streetId,
        file: new Uint8Array(await file.arrayBuffer()),
        filename: file.name || 'upload',
        actor: ctx.user,
        requestId: ctx.requestId,
      });
    },
  }),
);
