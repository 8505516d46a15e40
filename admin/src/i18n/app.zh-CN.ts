// Our own messages (Simplified Chinese, the default). app.en.ts must have exactly the same keys.
import type { ENUMS, EnumName } from '../common/enums';
import { zhUndercover } from '../undercover/messages';
import { zhHotspots } from '../warnings/messages';
import { zhReveal } from '../resources/Ticket/revealMessages';
import { zhMeetingResources } from '../resources/Meeting/messages';

type EnumLabels = { [E in EnumName]: Record<(typeof ENUMS)[E][number], string> };

const enumLabels: EnumLabels = {
  category: {
    COMPLAINT: '投诉', HELP: '求助', CONSULT: '咨询', SUGGESTION: '意见建议', OTHER: '其他', PHOTO_REPORT: '随申拍',
  },
  channel: {
    HOTLINE: '12345热线', WEB: '网站', APP: 'APP', WECHAT: '微信', PHOTO: '随申拍', GRID: '网格巡查',
    LEADER_DISPATCH: '领导派单', SUPERVISION: '市区督办',
  },
  ticketStatus: {
    RECEIVED: '已受理', DISPATCHED: '已派单', ACCEPTED: '已签收', IN_PROGRESS: '处理中', SUBMITTED: '待审核',
    CLOSED: '已办结', RETURN_PENDING: '退单审批中',
  },
  reopenKind: {
    CALLBACK_UNSATISFIED: '回访不满意', LEADER_SUPERVISION: '领导督办', CITY_REVIEW: '市区复核', REASSIGNED: '重新交办',
  },
  factFinding: { TRUE: '属实', PARTLY_TRUE: '部分属实', UNFOUNDED: '不属实' },
  resolution: { ACTUALLY_RESOLVED: '实际解决', EXPLAINED: '解释说明', UNRESOLVED: '未解决' },
  peerGroup: { DEPARTMENT: '职能部门', INSTITUTION: '事业单位·中心', RESIDENTIAL: '居委' },
  abRole: { A: 'A角', B: 'B角' },
  userRole: {
    ADMIN: '系统管理员', OPS: '城运中心', PARTY_OFFICE: '党建办', LEADER: '街道领导', DISCIPLINE: '纪检',
    UNIT_HANDLER: '单位经办人', API_READER: '接口只读',
  },
  leaderRank: { DEPUTY: '分管领导', MAIN: '主要领导' },
  callbackResult: {
    SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', NEUTRAL: '一般', UNSATISFIED: '不满意',
    NOT_REACHED: '未接通', REFUSED: '拒评',
  },
  callbackSource: { MANUAL: '手工录入', IMPORT: '市平台导入' },
  returnStatus: { PENDING: '待审批', APPROVED: '已同意', REJECTED: '已驳回', AWAITING_MAIN_LEADER: '待主要领导审批' },
  extensionStatus: { PENDING: '待审批', APPROVED: '已批准', REJECTED: '已驳回' },
  warningLevel: { YELLOW: '黄色预警', RED: '红色预警' },
  warningStatus: { OPEN: '未处置', ACKNOWLEDGED: '已签收', CLOSED: '已关闭' },
  awardKind: { EXCELLENT: '优秀案例', DEMONSTRATION: '示范案例' },
  awardStatus: { NOMINATED: '已推荐', SELECTED: '已评选', REJECTED: '未入选' },
  interviewLevel: { DEPUTY_LEADER: '分管领导约谈', MAIN_LEADER: '主要领导约谈', LEADING_GROUP: '领导小组约谈' },
  interviewReason: {
    长期绩效不理想: '长期绩效不理想', 不作为慢作为: '不作为慢作为', 回复简单敷衍: '回复简单敷衍',
    多次随意退单: '多次随意退单', 帮扶无起色: '帮扶无起色', 提升无效果: '提升无效果',
  },
  assistanceStatus: { PLANNED: '计划中', ONGOING: '帮扶中', DONE: '已完成' },
  conduct: { INACTION: '不作为', SLOW_ACTION: '慢作为', MISCONDUCT: '乱作为', BUCK_PASSING: '推诿扯皮', FALSIFICATION: '弄虚作假' },
  slaKind: {
    URGENT: '紧急件', LEADER_DISPATCH: '领导派单', SUPERVISION: '督办/复核/重新交办', CATEGORY: '按工单类型',
    EXTENSION: '批准延期', LEADER_SUPERVISION_REDO: '领导督办单',
  },
  satisfactionVariant: { WEIGHTED: '加权（满意1、基本满意0.8、一般0.6）', BINARY: '二分（满意+基本满意）' },
  lateAcceptanceStatus: { OPEN: '待处理', CONFIRMED: '已确认', DISMISSED: '已排除' },
  proactiveTaskStatus: { OPEN: '办理中', DONE: '已办结' },
  reportKind: {
    WEEKLY: '周报', MONTHLY: '月报', RANKING_NOTICE: '排名通报', CAMPAIGN: '百日攻坚总结', YEARLY: '年度绩效',
    MEETING_WEEKLY: '城运周例会材料', MEETING_MONTHLY: '月度例会材料', MEETING_PARTY: '党工委专题汇报材料',
  },
};

const common = { id: 'ID', version: '版本号', createdAt: '创建时间', updatedAt: '最后修改时间', note: '备注' };

export const zhApp = {
  undercover: zhUndercover,
  hotspots: zhHotspots,
  reveal: zhReveal,
  rexian: {
    app: {
      title: 'Rexian 热线绩效',
      subtitle: '12345 市民服务热线工单绩效管理',
      org: '街道城市运行管理中心',
      loading: '正在加载…',
    },
    // Punctuation around a label built in code: full-width in Chinese, ASCII with a space in English.
    punct: { paren: '%{text}（%{inner}）', colon: '%{label}：', list: '、', clauses: '；' },
    menu: { tickets: '工单', registers: '台账', organisation: '组织', settings: '设置' },
    street: { discard: '表格中有未保存的修改，切换街镇将放弃这些修改。确定切换吗？', switch: '切换办理街镇', column: '街镇', district: '区城运中心', notFound: '找不到这条记录：它不存在，或属于其他街镇', importTo: '导入到：%{street}（所有承办单位按本街镇的单位和别名识别）' },
    language: { label: '语言' },
    error: {
      conflict: '记录已被他人修改，请刷新后重试',
      unauthenticated: '登录已过期，请重新登录',
      forbidden: '没有执行此操作的权限',
      not_found: '记录不存在或无权查看',
      illegal_transition: '当前状态（%{state}）下不能执行此操作',
      invalid_input: '输入有误，请检查标红的字段',
      network: '无法连接服务器，请检查网络后重试',
      server: '服务器出错，请稍后重试',
      too_many_attempts: '登录尝试过多，请稍后再试',
    },
    due: {
      overdue: '超期 %{time}',
      remaining: '剩余 %{time}',
      closed_on_time: '按期办结',
      closed_late: '超期办结',
      days: '%{n}天',
      hours: '%{n}小时',
      minutes: '%{n}分钟',
      working_days: '%{n} 个工作日',
      badge_working_days: '%{n} 个工作日',
      working_hours: '%{n} 小时',
      working_minutes: '%{n} 分钟',
      first_contact_missed: '已过先行联系时限，尚未先行联系',
      provisional: '暂定',
      provisional_hint: '%{year} 年节假日安排尚未录入，时限按普通工作日计算',
      legend: '距办结时限的工作时间（只计工作日，每个工作日按 24 小时计）：红色为已超期或不足 1 个工作日，黄色为不足 3 个工作日，绿色为时间充裕',
    },
    filter: {
      any: '全部',
      search: '搜索',
      received_from: '受理日期从',
      received_to: '受理日期至',
      date_from: '日期从',
      date_to: '日期至',
      month: '月份',
      called_from: '回访日期从',
      called_to: '回访日期至',
    },
    section: {
      basic: '基本信息',
      citizen: '市民诉求',
      progress: '办理进度',
      outcome: '办结情况',
      flags: '标记',
      callbacks: '回访记录',
      supervision: '退单与审核',
      roles: 'A/B角备案',
      tickets: '近期工单',
      events: '办理记录',
      weights: '指标权重（合计100）',
      targets: '指标目标值',
      scope: '适用范围',
      limits: '时限',
      decision: '审批',
      checks: '八审八不准',
      streets: '下辖街镇',
      units: '处置单位',
      account: '账号',
      permissions: '权限',
    },
    helper: {
      due_auto: '留空时按办理时限规则自动计算',
      points_from_item: '留空时取负面清单事项的默认扣分',
      award_points: '优秀案例默认加0.2分、奖金200元；示范案例加0.5–1.0分、奖金1000元',
      award_amount: '留空时按类别取默认金额',
      aliases: '市平台导出表中该单位的其他写法，导入时据此匹配',
      password_edit: '留空则不修改密码',
      password_new: '至少8位',
      unit_for_handler: '单位经办人必须指定所属单位',
      leader_rank: '分管领导作退单第一级审批；主要领导审批需纪检备案的退单',
      iso_week: '例如 2023-W36',
      month: '例如 2023-09',
      percent: '百分比',
      phone_masked: '无个人信息权限时显示为 138****1234',
      role_history: '变更时请填写原记录的失效日期，再新建一条，历史记录不会被覆盖',
      version: '保存时用于检查是否有人同时修改',
    },
    check: {
      c1: '先行联系描述正确',
      c2: '事实认定合理、依据充分',
      c3: '诉求认定完整',
      c4: '现场核查真实、填写规范',
      c5: '处理结果与其他字段不矛盾',
      c6: '满意度填写符合标准',
      c7: '答复内容完整反映办理过程',
      c8: '答复形式符合要求',
      pass: '通过',
      fail: '不通过',
    },
    ab: { missing: '缺少现任%{role}' },
    candidates: {
      interviewTitle: '约谈候选单位',
      interviewHint: '连续两个月组内排名倒数前三，或当月退单被驳回 %{threshold} 次及以上的单位（系统建议，由人工决定）',
      assistanceTitle: '帮扶候选单位',
      assistanceHint: '本月组内排名倒数前三、且没有计划中或进行中帮扶的单位',
      none: '本月没有候选单位',
      loading: '正在计算排名…',
      bottomTwice: '连续两个月排名组内倒数第 %{before}、第 %{now}',
      refused: '本月退单被驳回 %{count} 次',
      bottom: '本月排名组内倒数第 %{place}（第 %{rank} 名）',
      tickets: '关联工单 %{count} 件',
      interviewed: '本月已约谈',
      openInterview: '查看约谈',
      startInterview: '发起约谈',
      startAssistance: '发起帮扶',
    },
    user: { unit_none: '（不限单位）' },
    workflow: {
      action: {
        dispatchTicket: '派单', acceptTicket: '签收', recordFirstContact: '登记先行联系', submitClosure: '提交办结',
        auditClosure: '办结审核', reopenTicket: '重新办理', requestReturn: '申请退单', decideReturn: '审批退单',
        approveReturnAsMainLeader: '主要领导审批退单', requestExtension: '申请延期', decideExtension: '审批延期',
        recordCallback: '登记回访', issueLeaderOrder: '下达领导督办单', completeLeaderOrder: '办结领导督办单',
        recordDisciplineFiling: '登记纪检备案',
      },
      instruction: '批示', completionNote: '书面办结说明', filingByDiscipline: '批准须待纪检登记备案（由纪检账号登记）',
      confirm: '确定要%{action}吗？',
      done: '已完成：%{action}',
      stale: '该事项已被他人处理，请刷新后查看',
      decision: '审批结论',
      approve: '同意',
      reject: '不同意',
      note: '说明',
      reason: '原因',
    },
    eventKind: {
      OVERDUE: '超期', RECEIVED: '受理',
      CREATED: '新建', EDITED: '修改', IMPORTED: '导入', IMPORT_UPDATED: '导入更新', DISPATCHED: '派单', ACCEPTED: '签收',
      FIRST_CONTACT: '先行联系', SUBMITTED: '提交办结', AUDIT_FAILED: '审核不通过，退回重办', CLOSED: '办结', REOPENED: '重新办理',
      RETURN_REQUESTED: '申请退单', RETURN_APPROVED: '退单获批', RETURN_REJECTED: '退单驳回',
      RETURN_AWAITING_MAIN_LEADER: '退单待主要领导审批', EXTENSION_REQUESTED: '申请延期', EXTENSION_APPROVED: '延期获批',
      EXTENSION_REJECTED: '延期驳回', CALLBACK: '回访', LEADER_ORDER_COMPLETED: '领导督办单办结', TRANSITION: '状态变更',
      UNDERCOVER_VISIT: '暗访结果',
      DUE_RECOMPUTED: '按节假日安排重算时限',
    },
    event: {
      field: {
        returnStatus: '退单状态', result: '回访结果', calledAt: '回访时间', toUnitId: '改派单位', completedAt: '办结时间', overdue: '已超期',
      },
      empty: '（空）', at: '时间', actor: '操作人', kind: '事项', note: '说明', changes: '变更内容', system: '系统',
    },
    enum: enumLabels,
  },
  resources: {
    District: { name: '区', fields: { ...common, code: '区代码', name: '区名称' } },
    Street: { name: '街镇', fields: { ...common, code: '街镇代码', name: '街镇名称', districtId: '所属区' } },
    Unit: {
      name: '处置单位',
      fields: {
        ...common, code: '单位代码', name: '单位名称', streetId: '所属街镇', peerGroup: '单位类别', head: '负责人',
        deputyLeader: '分管领导', active: '启用', aliases: '别名（市平台写法）',
      },
    },
    RoleAssignment: {
      name: 'A/B角',
      fields: {
        ...common, unitId: '单位', role: '角色', personName: '姓名', post: '职务', phone: '联系电话',
        filingRef: '备案文号', filingDate: '备案日期', effectiveFrom: '生效日期', effectiveTo: '失效日期',
      },
    },
    Ticket: {
      name: '工单',
      fields: {
        ...common, number: '工单编号', streetId: '所属街镇', unitId: '承办单位', category: '类型', channel: '渠道',
        urgent: '紧急', topic: '诉求主题', content: '诉求内容', citizenName: '市民姓名', citizenPhone: '联系电话',
        address: '地址', committeeName: '所属居委', committeeUnitId: '所属居委（单位）', status: '状态',
        receivedAt: '受理时间', dispatchedAt: '派单时间', acceptedAt: '签收时间', firstContactAt: '先行联系时间',
        submittedAt: '提交办结时间', closedAt: '办结时间', reopenedAt: '重新办理时间', reopenKind: '重新办理原因',
        firstContactDue: '先行联系时限', completionDue: '办结时限',
        completionWorkingMinutesLeft: '距办结时限（工作分钟）', dueProvisional: '时限暂定', dueProvisionalYear: '未录入节假日安排的年份', firstContactWorkingMinutesLeft: '距先行联系时限（分钟）', extensionApproved: '已批准延期',
        factFinding: '事实认定', factBasis: '认定依据', unfoundedAccepted: '不属实认定已采信', resolution: '结案评判',
        demand: '诉求认定', siteVisit: '现场核查', replyText: '答复内容', writableFields: '可修改的字段', difficult: '疑难件', concentrated: '集中投诉',
        callbackReview: '市区回访复核', reassigned: '重新交办', escalated: '提级办理', leaderName: '派单领导',
        redoCount: '退回重办次数', redoReason: '退回重办原因', allowedActions: '可执行操作', repeatOfId: '重复件所属主工单',
        due: '时限', events: '办理记录', importNotes: '导入数据质量提示',
        callbacks: '回访记录', completionNote: '书面办结说明', dutyLeaderMay: '值班领导可办事项', leaderInstruction: '领导批示',
      },
    },
    Callback: {
      name: '回访记录',
      fields: {
        ...common, ticketId: '工单', calledAt: '回访时间', result: '回访结果', reached: '已接通', caller: '回访人',
        source: '来源',
      },
    },
    NegativeItem: {
      name: '负面清单',
      fields: {
        ...common, code: '编号', title: '事项', description: '说明', category: '类别', points: '扣分', active: '启用',
      },
    },
    NegativeRecord: {
      name: '负面记录',
      fields: {
        ...common, unitId: '单位', itemId: '负面清单事项', ticketId: '关联工单', date: '日期', points: '扣分',
        note: '情况说明', recorder: '记录人',
      },
    },
    NegativeQuota: {
      name: '负面指标配额',
      fields: { ...common, unitId: '单位', month: '月份', indicator: '指标', allowed: '允许件数' },
    },
    Award: {
      name: '立功竞赛',
      fields: {
        ...common, kind: '类别', unitId: '单位', ticketId: '案例工单', month: '月份', nomination: '推荐理由',
        meetingDate: '党工委会议日期', status: '评选状态', amount: '奖金（元）', points: '加分',
        recognitionSource: '领导批示或媒体采用',
      },
    },
    Interview: {
      name: '约谈',
      fields: {
        ...common, unitId: '被约谈单位', level: '约谈层级', reasons: '约谈事由', date: '约谈日期', interviewer: '约谈人',
        attendees: '参加人员', findings: '存在问题', rectification: '整改要求', rectificationDue: '整改期限',
        followUp: '跟踪情况', ticketIds: '关联工单',
      },
    },
    Assistance: {
      name: '帮扶',
      fields: {
        ...common, unitId: '帮扶单位', periodFrom: '开始日期', periodTo: '结束日期', bottlenecks: '症结问题',
        advice: '帮扶建议', pairedStaff: '结对人员', status: '状态', outcome: '帮扶成效',
      },
    },
    Warning: {
      name: '重复件预警',
      fields: {
        ...common, streetId: '街镇', masterTicketId: '主工单', unitId: '承办单位', date: '预警日期', level: '预警级别',
        count: '当日件数', status: '处置状态', specialStudy: '主要领导专题研究', acknowledgedBy: '签收人',
        acknowledgedAt: '签收时间', closedAt: '关闭时间',
      },
    },
    User: {
      name: '用户',
      fields: {
        ...common, username: '用户名', displayName: '姓名', role: '角色', unitId: '所属单位', streetId: '所属街镇（空为区级）', active: '启用',
        canReadPersonalData: '可查看市民个人信息', password: '密码', failedLogins: '连续登录失败次数',
        lockedUntil: '锁定至', leaderRank: '领导职级',
      },
    },
    ReturnRequest: {
      name: '退单申请',
      fields: {
        ...common, ticketId: '工单', fromUnitId: '申请单位', reason: '退单理由', requestedAt: '申请时间',
        requestedById: '申请人', needsMainLeader: '需主要领导审批', status: '审批状态', toUnitId: '改派单位',
        decidedById: '审批人', decidedAt: '审批时间', decisionNote: '审批意见', mainLeaderById: '主要领导',
        mainLeaderAt: '主要领导审批时间', mainLeaderNote: '主要领导意见', disciplineFilingRef: '纪检备案号',
        disciplineFiledAt: '纪检备案时间', disciplineFiledById: '纪检备案人',
      },
    },
    ExtensionRequest: {
      name: '延期申请',
      fields: {
        ...common, ticketId: '工单', unitId: '申请单位', reason: '延期理由', requestedAt: '申请时间', requestedById: '申请人',
        status: '审批状态', decidedAt: '审批时间', decidedById: '审批领导', decisionNote: '审批意见',
      },
    },
    ClosureAudit: {
      name: '办结审核',
      fields: {
        ...common, ticketId: '工单', submittedAt: '提交办结时间', auditedAt: '审核时间', auditorId: '审核人',
        checks: '八审八不准', passed: '审核通过', note: '审核意见',
      },
    },
    LeaderOrder: {
      name: '领导督办单',
      fields: {
        ...common, ticketId: '工单', leaderName: '督办领导', issuedAt: '下发时间', dueAt: '办理时限', reason: '督办事由',
        completionNote: '办结说明', completedAt: '办结时间', overdue: '已超期',
      },
    },
    DisciplineReferral: {
      name: '纪检移送',
      fields: {
        ...common, unitId: '单位', conduct: '问题性质', ticketIds: '关联工单', returnRequestIds: '关联退单',
        visitIds: '关联暗访', referredBy: '移送人', date: '移送日期', outcome: '处理结果',
      },
    },
    Escalation: {
      name: '提级办理',
      fields: {
        ...common, streetId: '街镇', title: '事项', ticketIds: '关联工单', meetingDate: '会议日期', decision: '会议决定',
        owner: '责任人', due: '完成时限', meetingId: '议定会议',
      },
      meetingDateHint: '关联会议后取会议日期',
    },
    Review: {
      name: '分级点评',
      fields: {
        ...common, unitId: '单位', period: '点评周期', summary: '运行情况', problems: '存在问题',
        leadingGroupComment: '领导小组点评', meetingId: '点评会议',
      },
    },
    UndercoverVisit: {
      name: '暗访',
      fields: {
        ...common, ticketId: '工单', month: '抽查月份', visitedAt: '暗访日期', finding: '暗访结论',
        overturned: '推翻原认定', streetId: '街镇', recordedAt: '登记时间', recordedBy: '登记人',
        negativeRecordId: '负面清单记录', disciplineReferralId: '纪检移交',
      },
    },
    DutyRoster: {
      name: '领导轮值',
      fields: { ...common, streetId: '街镇', isoWeek: '周次', leaderName: '值班领导', leaderUserId: '值班领导账号' },
    },
    Pairing: {
      name: '专人结对',
      fields: { ...common, staffName: '结对人员', staffUserId: '人员账号', unitId: '结对单位', since: '结对起始日期' },
    },
    Topic: { name: '诉求主题', fields: { ...common, name: '主题名称', parentId: '上级主题', active: '启用' } },
    ScoringScheme: {
      name: '评分方案',
      fields: {
        ...common, name: '方案名称', wFirstContact: '先行联系率', wOnTime: '按期完成率', wResolution: '实际解决率',
        wActualShare: '实际解决占比', wSatisfaction: '满意率', tFirstContact: '先行联系率', tOnTime: '按期完成率',
        tResolution: '实际解决率', tActualShare: '实际解决占比', tSatisfaction: '满意率', minSample: '最小样本量（件）', rollingMonths: '滚动窗口最长月数',
        hotspotMin: '苗头预警：7 日最少件数', hotspotRatio: '苗头预警：相对基线倍数', acceptWithinWorkdays: '受理时限（工作日）',
        satisfactionVariant: '满意率算法', campaignFrom: '百日攻坚开始', campaignTo: '百日攻坚结束', active: '当前使用',
      },
    },
    SlaRule: {
      name: '办理时限规则',
      fields: {
        ...common, kind: '规则类型', category: '工单类型', firstContactHours: '先行联系（自然小时）',
        firstContactWorkdays: '先行联系（工作日）', completionWorkdays: '办结（工作日）', priority: '优先级',
      },
    },
    WorkCalendarDay: {
      name: '工作日历',
      fields: { ...common, day: '日期', isWorkday: '是否工作日', name: '说明' },
    },
    KeyPeriod: {
      name: '重点时段',
      fields: { ...common, name: '名称', fromMd: '开始日期（月-日）', toMd: '结束日期（月-日）', topics: '重点主题', note: '说明', active: '启用' },
    },
    LateAcceptance: {
      name: '拖延接单',
      fields: {
        ...common, ticketId: '工单', unitId: '承办单位', streetId: '街镇', dispatchedAt: '派单时间', acceptDue: '应签收时间',
        acceptedAt: '签收时间', flaggedAt: '标记时间', status: '状态', decidedAt: '处理时间', decidedById: '处理人',
        decisionNote: '处理说明', negativeRecordId: '负面清单记录',
      },
    },
    ProactiveTask: {
      name: '主动治理任务',
      fields: {
        ...common, topic: '主题', committeeName: '居委', streetId: '街镇', unitId: '责任单位', title: '任务内容', dueOn: '完成期限',
        status: '状态', outcome: '办理结果', overdue: '已超期', createdById: '创建人', doneAt: '办结时间', doneById: '办结人',
      },
    },
    Report: {
      name: '报表存档',
      fields: {
        ...common, kind: '报表类型', kindLabel: '类型名称', period: '期间', streetId: '街镇（空为全区）', scheduled: '定时生成',
        sha256: '内容摘要', content: '报表内容', docxUrl: 'Word 文件', xlsxUrl: 'Excel 文件', createdBy: '生成人',
      },
    },
    ...zhMeetingResources,
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type AppMessages = Shape<typeof zhApp>;
