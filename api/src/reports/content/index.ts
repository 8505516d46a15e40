// buildReport: the structured content (document/model.ts) of any report kind, from the same engine as the
// screens (reports/kpis.ts, reports/ranking.ts, the warning and candidate repos). One small module per kind.
import type { Db } from '../kpis';
import type { ReportDocument, ReportKindName } from '../document/model';
import { badInput } from '../../errors';
import { checkPeriod, loadScope, type BuildInput } from './common';
import { buildWeekly } from './weekly';
import { buildMonthly } from './monthly';
import { buildRankingNotice } from './ranking-notice';
import { buildCampaign } from './campaign';
import { buildYearly } from './yearly';
import { buildMonthlyMeetingPack, buildPartyMeetingPack, buildWeeklyMeetingPack } from './meetings';
import { buildHotspot } from './hotspot';
import { buildLeaderOrderForm, buildWarningForm } from './forms';

export type { BuildInput } from './common';

/** The kinds this version builds (contract.md ReportKind; more may follow). */
export const BUILDABLE_KINDS = ['WEEKLY', 'MONTHLY', 'RANKING_NOTICE', 'CAMPAIGN', 'YEARLY', 'MEETING_WEEKLY', 'MEETING_MONTHLY', 'MEETING_PARTY', 'HOTSPOT', 'WARNING_FORM', 'LEADER_ORDER_FORM'] as const satisfies readonly ReportKindName[];
export type BuildableKind = (typeof BUILDABLE_KINDS)[number];

export const KIND_LABEL: Record<BuildableKind, string> = {
  WEEKLY: '周报',
  MONTHLY: '月报',
  RANKING_NOTICE: '排名通报',
  CAMPAIGN: '百日攻坚总结',
  YEARLY: '年度绩效',
  MEETING_WEEKLY: '城运周例会材料',
  MEETING_MONTHLY: '月度例会材料',
  MEETING_PARTY: '党工委专题汇报材料',
  HOTSPOT: '专报',
  WARNING_FORM: '预警单',
  LEADER_ORDER_FORM: '领导派单/督办单',
};

/** One builder per kind; the Record type makes a new kind without a builder a compile error. */
const BUILDERS: Record<BuildableKind, typeof buildWeekly> = {
  WEEKLY: buildWeekly,
  MONTHLY: buildMonthly,
  RANKING_NOTICE: buildRankingNotice,
  CAMPAIGN: buildCampaign,
  YEARLY: buildYearly,
  MEETING_WEEKLY: buildWeeklyMeetingPack,
  MEETING_MONTHLY: buildMonthlyMeetingPack,
  MEETING_PARTY: buildPartyMeetingPack,
  HOTSPOT: buildHotspot,
  WARNING_FORM: buildWarningForm,
  LEADER_ORDER_FORM: buildLeaderOrderForm,
};

export async function buildReport(db: Db, input: BuildInput): Promise<ReportDocument> {
  if (!(BUILDABLE_KINDS as readonly string[]).includes(input.kind)) throw badInput(`不支持的报表类型：${input.kind}`, { kind: '不支持的报表类型' });
  const period = checkPeriod(input.kind, input.period);
  const scope = await loadScope(db, input.streetId);
  return BUILDERS[input.kind as BuildableKind](db, scope, period, input.now);
}
