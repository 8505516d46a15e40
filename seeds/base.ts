// Reference data every database needs, whatever REXIAN_SEED says: the working-day calendar, the SLA
// table, the default scoring scheme, the topic taxonomy and a default negative list. Runs on every start:
// it only inserts rows whose key is missing, so an administrator's edits are never overwritten.
import type { DB } from '../api/src/db/connection';
import { CHINESE_DAYS_FIRST_YEAR, CHINESE_DAYS_LAST_YEAR, calendarOverridesFromChineseDays } from '../api/src/domain/calendar-seed';
import { DEFAULT_SLA_RULES } from '../api/src/domain/sla';

export const DEFAULT_SCHEME_NAME = '默认方案（百日攻坚）';

/** The topic taxonomy (诉求主题): top-level names, and a few sub-topics under their parent. */
export const DEFAULT_TOPICS: readonly { name: string; parent?: string }[] = [
  { name: '噪声' },
  { name: '施工噪声', parent: '噪声' },
  { name: '商业噪声', parent: '噪声' },
  { name: '生活噪声', parent: '噪声' },
  { name: '物业维修' },
  { name: '街面秩序' },
  { name: '乱设摊', parent: '街面秩序' },
  { name: '垃圾清运' },
  { name: '道路积水' },
  { name: '雨污水工程' },
  { name: '道路开挖', parent: '雨污水工程' },
  { name: '餐饮油烟' },
  { name: '烧烤', parent: '餐饮油烟' },
  { name: '违法搭建' },
  { name: '群租', parent: '违法搭建' },
  { name: '菜场' },
  { name: '绿化' },
  { name: '停车' },
  { name: '市容环境' },
  { name: '道路设施' },
  { name: '加装电梯' },
  { name: '政策咨询' },
  { name: '社区服务' },
  { name: '宠物管理' },
  { name: '邻里纠纷' },
  { name: '治安秩序' },
  { name: '消防安全' },
  { name: '共享单车' },
  { name: '其他' },
];

/** A default 《塘桥城运热线类负面清单》 (附件2 was not supplied; administrators edit this). */
export const DEFAULT_NEGATIVE_ITEMS: readonly {
  code: string;
  title: string;
  category: string;
  points: number;
  description: string;
}[] = [
  { code: 'NL01', title: '不满意件超配额', category: '满意度', points: 1, description: '当月回访不满意件数超过负面指标配额。' },
  { code: 'NL02', title: '随意退单', category: '退单', points: 1, description: '无正当理由申请退单，或被驳回后再次退单。' },
  { code: 'NL03', title: '回复简单敷衍', category: '办理质量', points: 0.5, description: '答复内容简单、避重就轻，未反映实际办理情况。' },
  { code: 'NL04', title: '虚假办结', category: '办理质量', points: 2, description: '未实际处置即填报办结，或办结内容与事实不符。' },
  { code: 'NL05', title: '重复件未化解', category: '重复来电', points: 1, description: '同一诉求反复来电，未按“一案一档”化解。' },
  { code: 'NL06', title: '先行联系超时', category: '时效', points: 0.5, description: '未在规定时限内先行联系市民。' },
  { code: 'NL07', title: '逾期办结', category: '时效', points: 0.5, description: '超过办理时限未办结。' },
  { code: 'NL08', title: '不属实认定不当', category: '事实认定', points: 1.5, description: '不属实认定经暗访核查被推翻。' },
  { code: 'NL09', title: '拒不接单或拖延接单', category: '接单', points: 1, description: '对城运中心转派工单不予接单、拖延接单或不予处置。' },
  { code: 'NL10', title: 'A/B角未备案或擅自变更', category: '制度落实', points: 0.5, description: '处置回复A、B角未在党建办和城运中心备案，或变更未书面报备。' },
];

type SeedDb = DB;

export async function seedBase(db: SeedDb): Promise<void> {
  await seedCalendar(db);
  await seedSlaRules(db);
  await seedScoringScheme(db);
  await seedTopics(db);
  await seedNegativeItems(db);
}

async function seedCalendar(db: SeedDb) {
  // Once the package's years are recorded they were seeded: skip re-offering ~1,000 days on every start (0.5 s).
  const seeded = await db
    .selectFrom('calendarYear')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('year', '>=', CHINESE_DAYS_FIRST_YEAR)
    .where('year', '<=', CHINESE_DAYS_LAST_YEAR)
    .executeTakeFirstOrThrow();
  if (Number(seeded.n) === CHINESE_DAYS_LAST_YEAR - CHINESE_DAYS_FIRST_YEAR + 1) return;
  const rows = calendarOverridesFromChineseDays(CHINESE_DAYS_FIRST_YEAR, CHINESE_DAYS_LAST_YEAR).map((r) => ({ day: r.day, isWorkday: r.isWorkday, name: r.name }));
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('workCalendar').values(rows.slice(i, i + 500)).onConflict((oc) => oc.column('day').doNothing()).execute();
  }
  // The years the package covers have their statutory calendar; a year an administrator entered stays 'manual'.
  const years = [];
  for (let y = CHINESE_DAYS_FIRST_YEAR; y <= CHINESE_DAYS_LAST_YEAR; y++) years.push({ year: y, source: 'chinese-days' });
  await db.insertInto('calendarYear').values(years).onConflict((oc) => oc.column('year').doNothing()).execute();
}

async function seedSlaRules(db: SeedDb) {
  const existing = await db.selectFrom('slaRule').select(['kind', 'category']).execute();
  const have = new Set(existing.map((r) => `${r.kind}/${r.category ?? ''}`));
  const missing = DEFAULT_SLA_RULES.filter((r) => !have.has(`${r.kind}/${r.category ?? ''}`));
  if (missing.length === 0) return;
  await db
    .insertInto('slaRule')
    .values(
      missing.map((r) => ({
        kind: r.kind,
        category: r.category,
        firstContactHours: r.firstContactHours,
        firstContactWorkdays: r.firstContactWorkdays,
        completionWorkdays: r.completionWorkdays,
        priority: r.priority,
      })),
    )
    .execute();
}

async function seedScoringScheme(db: SeedDb) {
  // Schemes are versioned by administrators (a new version is a new row): once any exists, it is theirs.
  const any = await db.selectFrom('scoringScheme').select('id').limit(1).executeTakeFirst();
  if (any) return;
  // Column defaults are the domain.md §4 defaults (weights 20/20/20/10/30, targets 100/100/97/80/93 %,
  // minSample 5, weighted satisfaction, campaign 2023-09-01..2023-12-09).
  await db.insertInto('scoringScheme').values({ name: DEFAULT_SCHEME_NAME, active: true }).execute();
}

async function seedTopics(db: SeedDb) {
  const existing = await db.selectFrom('topic').select(['id', 'name']).execute();
  const ids = new Map(existing.map((t) => [t.name, t.id]));
  for (const level of [false, true]) {
    const rows = DEFAULT_TOPICS.filter((t) => !!t.parent === level && !ids.has(t.name)).map((t) => ({
      name: t.name,
      parentId: t.parent ? (ids.get(t.parent) ?? null) : null,
    }));
    if (rows.length === 0) continue;
    const inserted = await db
      .insertInto('topic')
      .values(rows)
      .onConflict((oc) => oc.column('name').doNothing())
      .returning(['id', 'name'])
      .execute();
    for (const t of inserted) ids.set(t.name, t.id);
  }
}

async function seedNegativeItems(db: SeedDb) {
  await db
    .insertInto('negativeItem')
    .values(DEFAULT_NEGATIVE_ITEMS.map((i) => ({ ...i })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
