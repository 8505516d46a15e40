// Messages of the 会议 register (domain.md §5b), namespace `meetings`, and its resource labels.
const kindZh = { WEEKLY: '城运周例会', MONTHLY: '月度例会', PARTY_COMMITTEE: '党工委专题汇报', SPECIAL: '专题会议', LEADING_GROUP: '领导小组会议' };
const kindEn = { WEEKLY: 'Weekly operations meeting', MONTHLY: 'Monthly meeting', PARTY_COMMITTEE: 'Party committee report', SPECIAL: 'Special meeting', LEADING_GROUP: 'Leading group meeting' };

export const zhMeetings = {
  kind: kindZh,
  status: { OPEN: '未办结', DONE: '已办结' },
  decisions: '议定事项',
  add: '添加议定事项',
  save: '保存',
  saved: '已保存',
  remove: '删除',
  confirmRemove: '删除该议定事项？',
  none: '暂无议定事项',
  ownerNone: '（不指定）',
  done: '办结',
  doneTitle: '办结议定事项',
  doneNote: '办结说明',
  doneHint: '写明办理情况（必填）',
  doneOk: '已办结',
  cancel: '取消',
  overdue: '已逾期',
  draft: '生成议程草稿',
  draftHint: '按上周（周例会）或上月的指标、不满意回访与超期件数、未办结的议定事项生成',
  draftNeeds: '请先选择街镇、会议类型和会议日期',
  openCount: '未办结 %{count} 项',
  held: {
    escalations: '提级办理（一事一议）', reviews: '分级点评', addEscalation: '登记一事一议', addReview: '登记分级点评', none: '暂无',
    escalationHint: '专题会议或领导小组会议', reviewHint: '领导小组会议',
  },
};

export const enMeetings: typeof zhMeetings = {
  kind: kindEn,
  status: { OPEN: 'Open', DONE: 'Done' },
  decisions: 'Decisions',
  add: 'Add decision',
  save: 'Save',
  saved: 'Saved',
  remove: 'Delete',
  confirmRemove: 'Delete this decision?',
  none: 'No decisions yet',
  ownerNone: '(none)',
  done: 'Mark done',
  doneTitle: 'Mark the decision done',
  doneNote: 'Completion note',
  doneHint: 'What was done (required)',
  doneOk: 'Marked done',
  cancel: 'Cancel',
  overdue: 'Overdue',
  draft: 'Draft the agenda',
  draftHint: "From last week's (weekly) or last month's figures, unsatisfied and overdue counts and the open decisions",
  draftNeeds: 'Choose the street, kind and date first',
  openCount: '%{count} open',
  held: {
    escalations: 'Escalations (case-by-case)', reviews: 'Performance reviews', addEscalation: 'Record an escalation', addReview: 'Record a review', none: 'None',
    escalationHint: 'A special or leading group meeting', reviewHint: 'A leading group meeting',
  },
};

const common = { id: '编号', version: '版本', updatedAt: '更新时间' };
export const zhMeetingResources = {
  Meeting: {
    name: '会议',
    fields: {
      ...common, streetId: '街镇', kind: '会议类型', heldOn: '会议日期', chair: '主持人', attendees: '参会人员', agenda: '议程',
      minutes: '会议纪要', ticketIds: '关联工单（一事一议）', decisions: '议定事项',
    },
  },
  MeetingDecision: {
    name: '会议议定事项',
    fields: {
      ...common, meetingId: '会议', text: '议定事项', ownerUnitId: '责任单位', ownerUserId: '责任人', dueOn: '完成期限', status: '状态',
      doneNote: '办结说明', doneAt: '办结时间', doneById: '办结人', overdue: '已逾期',
    },
  },
};

const commonEn = { id: 'No.', version: 'Version', updatedAt: 'Updated' };
export const enMeetingResources: typeof zhMeetingResources = {
  Meeting: {
    name: 'Meeting |||| Meetings',
    fields: {
      ...commonEn, streetId: 'Street', kind: 'Kind', heldOn: 'Date', chair: 'Chair', attendees: 'Attendees', agenda: 'Agenda',
      minutes: 'Minutes', ticketIds: 'Tickets (case-by-case)', decisions: 'Decisions',
    },
  },
  MeetingDecision: {
    name: 'Decision |||| Decisions',
    fields: {
      ...commonEn, meetingId: 'Meeting', text: 'Decision', ownerUnitId: 'Owner unit', ownerUserId: 'Owner', dueOn: 'Due', status: 'Status',
      doneNote: 'Completion note', doneAt: 'Done at', doneById: 'Done by', overdue: 'Overdue',
    },
  },
};
