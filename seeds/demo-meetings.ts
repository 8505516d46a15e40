// Demo meetings of 塘桥街道 in 2023 (domain.md §5b): a 城运周例会 with two decisions (one done with its note, one
// still open for 城管中队, so the demo `handler` finds it on 我的待办 and the next pack lists it), a 领导小组点评 and
// a 月度例会. Written after the units exist; the accounts come later, so owners are units.
import type { DB } from '../api/src/db/connection';

export async function seedDemoMeetings(db: DB): Promise<void> {
  const street = await db.selectFrom('street').select('id').where('code', '=', 'TQ').executeTakeFirst();
  if (!street) return;
  const units = await db.selectFrom('unit').select(['id', 'code', 'name']).where('streetId', '=', street.id).where('peerGroup', '=', 'DEPARTMENT').orderBy('code').execute();
  const cgzd = units.find((u) => u.code === 'CGZD') ?? units[0];
  const other = units.find((u) => u.id !== cgzd?.id);
  if (!cgzd || !other) return;

  const meeting = (m: { kind: string; heldOn: string; chair: string; attendees: string; agenda: string[]; minutes: string }) =>
    db
      .insertInto('meeting')
      .values({ streetId: street.id, kind: m.kind, heldOn: m.heldOn, chair: m.chair, attendees: m.attendees, agenda: m.agenda.join('\n'), minutes: m.minutes })
      .returning('id')
      .executeTakeFirstOrThrow();

  const weekly = await meeting({
    kind: 'WEEKLY',
    heldOn: '2023-06-19',
    chair: '分管领导 周建国',
    attendees: `城运中心、${cgzd.name}、${other.name}`,
    agenda: ['一、上周（2023-06-12 至 2023-06-18）指标与不满意件', '二、塘桥新路烧烤油烟重复投诉', '三、以往会议议定事项', '四、其他事项'],
    minutes: '会议通报了上周指标，分析了塘桥新路烧烤油烟重复来电和积水点问题，明确了责任单位和完成期限。',
  });
  await db
    .insertInto('meetingDecision')
    .values([
      { meetingId: weekly.id, text: '塘桥新路烧烤油烟：夜间联合执法每周不少于 2 次，7 月底前形成长效管理方案', ownerUnitId: cgzd.id, dueOn: '2023-07-31' },
      {
        meetingId: weekly.id, text: '浦建路积水点：完成管道疏通并逐一回复来电市民', ownerUnitId: other.id, dueOn: '2023-06-26', status: 'DONE',
        doneNote: '6 月 23 日完成疏通，12 位来电市民均已电话回复', doneAt: new Date('2023-06-23T17:30:00+08:00'),
      },
    ])
    .execute();

  await meeting({
    kind: 'LEADING_GROUP',
    heldOn: '2023-06-28',
    chair: '主要领导 顾建平',
    attendees: '领导小组成员、各职能部门负责人',
    agenda: ['一、城运中心 5 月分级点评情况', '二、领导小组点评', '三、排名靠后单位整改要求'],
    minutes: '领导小组听取了城运中心的分级点评，对排名靠后单位提出整改要求，下月例会跟踪。',
  });

  const monthly = await meeting({
    kind: 'MONTHLY',
    heldOn: '2023-07-03',
    chair: '主要领导 顾建平',
    attendees: '街道班子成员、城运中心、各职能部门',
    agenda: ['一、6 月指标分析（环比、同比）', '二、整改建议', '三、以往会议议定事项'],
    minutes: '6 月满意率较 5 月回升，按期完成率仍低于目标；会议确定由城运中心牵头梳理超期件原因。',
  });
  await db
    .insertInto('meetingDecision')
    .values({
      meetingId: monthly.id, text: '梳理 6 月超期件原因，形成清单报分管领导', ownerUnitId: other.id, dueOn: '2023-07-10', status: 'DONE',
      doneNote: '已形成超期件原因清单（共 17 件），7 月 7 日报分管领导', doneAt: new Date('2023-07-07T16:00:00+08:00'),
    })
    .execute();
}
