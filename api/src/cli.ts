// `pnpm rexian <command>`: the offline jobs of contract.md. Errors go to stderr with a non-zero exit.
import { parseArgs } from 'node:util';
import { readConfig } from './config';
import { openDatabase, type OpenedDatabase } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { prepareDatabase } from './app';
import { boundHeapGrowth } from './heap';
import { createApiToken, createUser } from './repos/auth';
import { ROLES, type Role } from './auth/roles';
import { checkPasswordStrength, randomPassword } from './auth/passwords';

const USAGE = `用法 (usage): pnpm rexian <command>
  migrate                                   运行数据库迁移
  seed [--demo]                             写入基础配置；--demo 在空库中生成演示数据
  user create <username> --role <ROLE> [--password <pw>] [--street <street code>] [--unit <unit code>]
                                            --street：账号所属街镇（不填为全区账号）；--unit 需同时给 --street
  token create <name> --role <ROLE> [--days <n>] [--street <street code>]   --street：令牌只读该街镇（不填为全区）
  import tickets <file.xlsx|file.csv> --street <street code> [--check]   --check 只检查，不写入
  export ranking --street <street code> --month YYYY-MM <file.xlsx>
  report weekly|monthly|ranking|campaign|yearly [--street <street code>] --period <期间> <file.docx|file.xlsx> [--archive]
                                            期间：周报 2023-W24，月报/排名通报 2023-06，年度 2023，百日攻坚 2023-09-01/2023-12-09；
                                            不填 --street 为全区；--archive 同时存入报表归档（新版本）
  backup <file.tar.gz>                      备份内置数据库（PostgreSQL 请用 pg_dump）
  restore <file.tar.gz>                     从备份恢复内置数据库（原数据另存为 pgdata.before-restore-*）
  audit verify [--expect <id>:<hash>]        校验审计日志哈希链；--expect 核对库外记录的检查点
角色 (roles): ${ROLES.join(', ')}`;

class UsageError extends Error {}

async function withDb<T>(work: (o: OpenedDatabase) => Promise<T>): Promise<T> {
  const config = readConfig();
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}

function role(value: string | undefined): Role {
  if (!value || !(ROLES as readonly string[]).includes(value)) throw new UsageError(`--role 必须是 ${ROLES.join(', ')} 之一`);
  return value as Role;
}

/** The street an account or token is for: null without --street (district-wide). */
async function findStreet(o: OpenedDatabase, streetCode?: string) {
  if (!streetCode) return null;
  const street = await o.db.selectFrom('street').select('id').where('code', '=', streetCode).executeTakeFirst();
  if (!street) throw new UsageError(`没有代码为 ${streetCode} 的街镇`);
  return street.id;
}

async function findUnit(o: OpenedDatabase, unitCode?: string, streetCode?: string) {
  if (!unitCode) return null;
  if (!streetCode) throw new UsageError('指定 --unit 时还需要 --street');
  const unit = await o.db
    .selectFrom('unit')
    .innerJoin('street', 'street.id', 'unit.streetId')
    .select('unit.id')
    .where('unit.code', '=', unitCode)
    .where('street.code', '=', streetCode)
    .executeTakeFirst();
  if (!unit) throw new UsageError(`街镇 ${streetCode} 中没有代码为 ${unitCode} 的单位`);
  return unit.id;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  switch (cmd) {
    case 'migrate': {
      const done = await withDb((o) => migrateToLatest(o));
      console.log(done.length ? `已执行迁移：${done.join(', ')}` : '数据库已是最新');
      return 0;
    }
    case 'seed': {
      const demo = argv.includes('--demo');
      await withDb((o) => prepareDatabase(o, { seed: demo ? 'demo' : 'none', adminPassword: readConfig().adminPassword }));
      console.log(demo ? '基础配置与演示数据已就绪' : '基础配置已就绪');
      return 0;
    }
    case 'user': {
      if (sub !== 'create') throw new UsageError('user 只支持 create');
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { role: { type: 'string' }, password: { type: 'string' }, unit: { type: 'string' }, street: { type: 'string' } } });
      const username = positionals[0];
      if (!username) throw new UsageError('缺少用户名');
      const r = role(values.role);
      const password = values.password ?? randomPassword();
      const weak = checkPasswordStrength(password);
      if (weak) throw new UsageError(weak);
      await withDb(async (o) => {
        await migrateToLatest(o);
        const streetId = await findStreet(o, values.street);
        const unitId = await findUnit(o, values.unit, values.street);
        if (r === 'UNIT_HANDLER' && unitId === null) throw new UsageError('单位经办人需要 --unit 和 --street');
        const exists = await o.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst();
        if (exists) throw new UsageError(`用户 ${username} 已存在`);
        await createUser(o.db, { username, password, role: r, unitId, streetId });
      });
      console.log(`已创建用户 ${username}（${r}，${values.street ? `街镇 ${values.street}` : '全区'}）${values.password ? '' : `，初始密码：${password}`}`);
      return 0;
    }
    case 'token': {
      if (sub !== 'create') throw new UsageError('token 只支持 create');
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { role: { type: 'string', default: 'API_READER' }, days: { type: 'string' }, street: { type: 'string' } } });
      const name = positionals[0];
      if (!name) throw new UsageError('缺少令牌名称');
      const r = role(values.role);
      const days = values.days ? Number(values.days) : null;
      if (days !== null && !(days > 0 && days <= 3650)) throw new UsageError('--days 应为 1 到 3650');
      const created = await withDb(async (o) => {
        await migrateToLatest(o);
        const streetId = await findStreet(o, values.street);
        return createApiToken(o.db, { name, role: r, streetId, createdBy: null, expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null });
      });
      console.log(created.token);
      console.error(`令牌「${name}」（${r}，${values.street ? `街镇 ${values.street}` : '全区'}）只显示这一次，请妥善保存。`);
      return 0;
    }
    case 'import': {
      const IMPORT_USAGE = '用法：pnpm rexian import tickets <file.xlsx|file.csv> --street <street code> [--check]';
      if (sub !== 'tickets') throw new UsageError(`import 只支持 tickets。${IMPORT_USAGE}`);
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { street: { type: 'string' }, check: { type: 'boolean' } } });
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError(`需要且只需要一个文件。${IMPORT_USAGE}`);
      if (!values.street) throw new UsageError(`缺少 --street。${IMPORT_USAGE}`);
      const { readFile } = await import('node:fs/promises');
      const { basename } = await import('node:path');
      const { importTickets, checkImport, describeImportResult } = await import('./import/importTickets');
      const mode = values.check ? 'check' : 'import';
      const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`无法读取文件 ${file}：${e.code === 'ENOENT' ? '文件不存在' : e.message}`);
      });
      const result = await withDb(async (o) => {
        await migrateToLatest(o);
        const street = await o.db.selectFrom('street').select('id').where('code', '=', values.street!).executeTakeFirst();
        if (!street) throw new UsageError(`没有代码为 ${values.street} 的街镇`);
        return (mode === 'check' ? checkImport : importTickets)(o.db, {
          streetId: street.id,
          file: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          filename: basename(file),
          actor: { userId: null, tokenId: null, username: 'rexian-cli', role: 'ADMIN', unitId: null, streetId: null, canReadPersonalData: true },
          csvInThread: true,
        });
      });
      const report = describeImportResult(result, mode);
      if (!report.ok) {
        for (const line of report.lines) console.error(line);
        return 1;
      }
      for (const line of report.lines) console.log(line);
      return 0;
    }
    case 'export': {
      const EXPORT_USAGE = '用法：pnpm rexian export ranking --street <street code> --month YYYY-MM <file.xlsx>';
      if (sub !== 'ranking') throw new UsageError(`export 只支持 ranking。${EXPORT_USAGE}`);
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { street: { type: 'string' }, month: { type: 'string' } } });
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError(`需要且只需要一个输出文件。${EXPORT_USAGE}`);
      if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError(`输出文件应为 .xlsx。${EXPORT_USAGE}`);
      if (!values.street) throw new UsageError(`缺少 --street。${EXPORT_USAGE}`);
      if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) throw new UsageError(`--month 应为 YYYY-MM，例如 2023-06。${EXPORT_USAGE}`);
      const { writeFile } = await import('node:fs/promises');
      const { unitRankingWorkbook } = await import('./reports/ranking-export');
      const out = await withDb(async (o) => {
        await migrateToLatest(o);
        const street = await o.db.selectFrom('street').select('id').where('code', '=', values.street!).executeTakeFirst();
        if (!street) throw new UsageError(`没有代码为 ${values.street} 的街镇`);
        return unitRankingWorkbook(o.db, { streetId: street.id, month: values.month! });
      });
      await writeFile(file, out.bytes).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`无法写入文件 ${file}：${e.message}`);
      });
      console.log(`已导出 ${values.street} ${values.month} 的单位排名（${out.rows} 个单位，${out.published ? '已发布的快照' : '未发布，实时计算'}）到 ${file}`);
      return 0;
    }
    case 'report': {
      const REPORT_USAGE = '用法：pnpm rexian report weekly|monthly|ranking|campaign|yearly [--street <street code>] --period <期间> <file.docx|file.xlsx> [--archive]';
      const kinds: Record<string, 'WEEKLY' | 'MONTHLY' | 'RANKING_NOTICE' | 'CAMPAIGN' | 'YEARLY'> = { weekly: 'WEEKLY', monthly: 'MONTHLY', ranking: 'RANKING_NOTICE', campaign: 'CAMPAIGN', yearly: 'YEARLY' };
      const kind = sub ? kinds[sub] : undefined;
      if (!kind) throw new UsageError(`报表类型应为 ${Object.keys(kinds).join('、')} 之一。${REPORT_USAGE}`);
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { street: { type: 'string' }, period: { type: 'string' }, archive: { type: 'boolean' } } });
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError(`需要且只需要一个输出文件。${REPORT_USAGE}`);
      const format = /\.docx$/i.test(file) ? 'docx' : /\.xlsx$/i.test(file) ? 'xlsx' : null;
      if (!format) throw new UsageError(`输出文件应为 .docx 或 .xlsx。${REPORT_USAGE}`);
      if (!values.period) throw new UsageError(`缺少 --period。${REPORT_USAGE}`);
      const { writeFile } = await import('node:fs/promises');
      const { buildReport } = await import('./reports/content');
      const { renderFiles, storeReport } = await import('./repos/reports');
      const out = await withDb(async (o) => {
        await migrateToLatest(o);
        const streetId = await findStreet(o, values.street);
        const doc = await buildReport(o.db, { kind, streetId, period: values.period!, now: new Date() }).catch((e: { extensions?: { fieldErrors?: Record<string, string> } }) => {
          if (e.extensions?.fieldErrors) throw new UsageError((e as unknown as Error).message);
          throw e;
        });
        const files = await renderFiles(doc);
        const stored = values.archive ? await storeReport(o.db, { doc, files, createdBy: null }) : null;
        return { doc, bytes: files[format], stored };
      });
      await writeFile(file, out.bytes).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`无法写入文件 ${file}：${e.message}`);
      });
      console.log(`已生成「${out.doc.title}」${out.doc.period}（${(out.bytes.length / 1024).toFixed(0)} KB）到 ${file}${out.stored ? `；已归档为第 ${out.stored.version} 版（编号 ${out.stored.id}）` : ''}`);
      return 0;
    }
    case 'audit': {
      const AUDIT_USAGE = '用法：pnpm rexian audit verify [--expect <id>:<hash>]';
      if (sub !== 'verify') throw new UsageError(`audit 只支持 verify。${AUDIT_USAGE}`);
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { expect: { type: 'string' } } });
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}。${AUDIT_USAGE}`);
      const { verifyAuditChain, parseCheckpoint, describeChainBreak } = await import('./security/auditChain');
      const checkpoint = values.expect === undefined ? undefined : parseCheckpoint(values.expect);
      if (checkpoint === null) throw new UsageError(`--expect 应为 <id>:<64 位十六进制哈希>。${AUDIT_USAGE}`);
      const report = await withDb(async (o) => {
        await migrateToLatest(o);
        return verifyAuditChain(o.db, { checkpoint });
      });
      if (report.broken) {
        console.error(describeChainBreak(report.broken));
        console.error(`此前 ${report.rows} 行完好（至 id ${report.headId ?? '（无）'}）`);
        return 1;
      }
      console.log(`审计链完整：${report.rows} 行${report.headId === null ? '' : `，末行 id ${report.headId}，哈希 ${report.headHash}`}${checkpoint ? `；检查点 id ${checkpoint.id} 相符` : ''}`);
      if (report.headId !== null) console.log(`请在库外记录检查点，日后核对：pnpm rexian audit verify --expect ${report.headId}:${report.headHash}`);
      return 0;
    }
    case 'backup':
    case 'restore': {
      const file = sub;
      if (!file || rest.length) throw new UsageError(`用法：pnpm rexian ${cmd} <file.tar.gz>`);
      const config = readConfig();
      if (config.databaseUrl) throw new UsageError(`设置了 DATABASE_URL：PostgreSQL 请用 pg_dump -Fc / pg_restore（${cmd} 只用于内置数据库）`);
      const { backupDataDir, restoreDataDir } = await import('./db/backup');
      if (cmd === 'backup') {
        const { bytes } = await backupDataDir(config.dataDir, file);
        console.log(`已备份 ${config.dataDir} 到 ${file}（${(bytes / 1024 / 1024).toFixed(1)} MB）`);
      } else {
        if (!(await import('node:fs')).existsSync(file)) throw new UsageError(`备份文件 ${file} 不存在`);
        const { movedAside } = await restoreDataDir(config.dataDir, file);
        console.log(`已从 ${file} 恢复到 ${config.dataDir}${movedAside ? `；原数据库另存为 ${movedAside}` : ''}`);
      }
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return cmd ? 0 : 2;
    default:
      throw new UsageError(`未知命令：${cmd}`);
  }
}

/** Runs one command and exits with its status; `scripts/rexian.mjs` (`pnpm rexian`) calls it on the compiled build. */
export function run(argv: string[]): Promise<never> {
  boundHeapGrowth();
  return main(argv).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`错误：${(e as Error).message}`);
      if (e instanceof UsageError) console.error(USAGE);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!);
if (invokedDirectly) void run(process.argv.slice(2));
