// Configuration an administrator edits (domain.md "default" values): calendar, SLA table, scoring scheme, topics.
import { defineResource } from './resource';
import { bool, date, float, int, oneOf, text } from './fields';
import { SatisfactionVariant, SlaKind, TicketCategory } from './enums';
import { clearDueTimeConfig } from '../repos/calendar';

defineResource({
  name: 'Topic',
  table: 'topic',
  label: '诉求主题',
  defaultSort: { field: 'name', order: 'asc' },
  fields: [
    text('name', '主题', { required: true, search: true, maxLength: 50 }),
    { ...int('parentId', '上级主题'), type: 'ID' },
    bool('active', '启用'),
  ],
  hooks: { prepare: ({ values }) => void (values.active === null ? (values.active = true) : undefined) },
});

defineResource({
  name: 'WorkCalendarDay',
  table: 'workCalendar',
  label: '工作日历（节假日与调休）',
  defaultSort: { field: 'day', order: 'desc' },
  fields: [
    date('day', '日期', { required: true }),
    bool('isWorkday', '是否工作日', { required: true }),
    text('name', '名称', { search: true, maxLength: 50 }),
  ],
  hooks: { after: async ({ ctx }) => clearDueTimeConfig(ctx.db) },
});

defineResource({
  name: 'SlaRule',
  table: 'slaRule',
  label: '办理时限规则',
  defaultSort: { field: 'priority', order: 'asc' },
  fields: [
    oneOf(SlaKind)('kind', '规则类型', { required: true }),
    oneOf(TicketCategory)('category', '工单类型'),
    int('firstContactHours', '先行联系（自然小时）', { min: 1, max: 720 }),
    int('firstContactWorkdays', '先行联系（工作日）', { min: 0, max: 60 }),
    int('completionWorkdays', '办结（工作日）', { min: 1, max: 120 }),
    int('priority', '优先级（小者优先）', { required: true, min: 0, max: 1000 }),
  ],
  hooks: { after: async ({ ctx }) => clearDueTimeConfig(ctx.db) },
});

/** Scheme fields a published ranking does not depend on. */
const RANKING_NEUTRAL = new Set(['active', 'hotspotMin', 'hotspotRatio', 'acceptWithinWorkdays']);

defineResource({
  name: 'ScoringScheme',
  table: 'scoringScheme',
  label: '考核方案',
  fields: [
    text('name', '方案名称', { required: true, maxLength: 100 }),
    float('wFirstContact', '先行联系率权重', { min: 0, max: 100 }),
    float('wOnTime', '按期完成率权重', { min: 0, max: 100 }),
    float('wResolution', '实际解决率权重', { min: 0, max: 100 }),
    float('wActualShare', '实际解决占比权重', { min: 0, max: 100 }),
    float('wSatisfaction', '满意率权重', { min: 0, max: 100 }),
    float('tFirstContact', '先行联系率目标', { min: 0.0001, max: 1 }),
    float('tOnTime', '按期完成率目标', { min: 0.0001, max: 1 }),
    float('tResolution', '实际解决率目标', { min: 0.0001, max: 1 }),
    float('tActualShare', '实际解决占比目标', { min: 0.0001, max: 1 }),
    float('tSatisfaction', '满意率目标', { min: 0.0001, max: 1 }),
    int('minSample', '最少样本量', { min: 0, max: 10000 }),
    int('rollingMonths', '滚动窗口最长月数', { min: 1, max: 12 }),
    int('hotspotMin', '苗头预警：7 日最少件数', { min: 1, max: 1000 }),
    float('hotspotRatio', '苗头预警：相对基线倍数', { min: 0.01, max: 100 }),
    // 拖延接单 (migrations/0025): working days after dispatch within which a unit must accept; enters no ranking.
    int('acceptWithinWorkdays', '受理时限（工作日）', { min: 1, max: 10 }),
    oneOf(SatisfactionVariant)('satisfactionVariant', '满意率算法'),
    date('campaignFrom', '攻坚开始'),
    date('campaignTo', '攻坚结束'),
    bool('active', '当前方案'),
  ],
  hooks: {
    prepare: async ({ trx, before, values }) => {
      // A scheme a published ranking was computed with is frozen, so that month stays reproducible:
      // changing the rules means a new scheme (a new row), activated in its place.
      // The 苗头 rule (hotspotMin/hotspotRatio) and the acceptance window enter no ranking, so they stay editable.
      if (before && Object.keys(values).some((k) => !RANKING_NEUTRAL.has(k) && values[k] !== before[k])) {
        const used = await trx.selectFrom('rankingSnapshot').select('id').where('schemeId', '=', before.id).executeTakeFirst();
        if (used) return { name: '该方案已用于已发布的排名，不能修改；请新建方案并设为当前方案' };
      }
      // One active scheme: activating this one retires the other.
      if (values.active === true && !before?.active) {
        await trx.updateTable('scoringScheme').set({ active: false }).where('active', '=', true).execute();
      }
      const m = { ...(before ?? {}), ...values };
      if (m.campaignFrom && m.campaignTo && m.campaignTo < m.campaignFrom) return { campaignTo: '结束日期不能早于开始日期' };
    },
  },
});
