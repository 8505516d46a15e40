// English messages: the same keys as app.zh-CN.ts (the type makes a missing key a compile error).
import type { AppMessages } from './app.zh-CN';
import { enUndercover } from '../undercover/messages';
import { enHotspots } from '../warnings/messages';
import { enReveal } from '../resources/Ticket/revealMessages';
import { enMeetingResources } from '../resources/Meeting/messages';

const common = { id: 'ID', version: 'Version', createdAt: 'Created', updatedAt: 'Last modified', note: 'Note' };

export const enApp: AppMessages = {
  undercover: enUndercover,
  hotspots: enHotspots,
  reveal: enReveal,
  rexian: {
    app: {
      title: 'Rexian Hotline Performance',
      subtitle: '12345 citizen hotline: ticket performance',
      org: 'Subdistrict city operations center',
      loading: 'Loading…',
    },
    punct: { paren: '%{text} (%{inner})', colon: '%{label}: ', list: ', ', clauses: '; ' },
    menu: { tickets: 'Tickets', registers: 'Registers', organisation: 'Organisation', settings: 'Settings' },
    street: { discard: 'The sheet has unsaved edits; switching the street discards them. Switch anyway?', switch: 'Switch the street you work in', column: 'Street', district: 'District operations center', notFound: 'Record not found: it does not exist or belongs to another street', importTo: 'Importing into %{street} (the file’s handling units, column 承办单位, are matched against this street’s units and aliases)' },
    language: { label: 'Language' },
    error: {
      conflict: 'Someone else changed this record. Refresh the page and try again.',
      unauthenticated: 'Your session has ended, please sign in again.',
      forbidden: 'You are not allowed to do this.',
      not_found: 'The record does not exist or you may not see it.',
      illegal_transition: 'Not possible in the current state (%{state}).',
      invalid_input: 'Some fields are invalid, please check the fields in red.',
      network: 'Cannot reach the server. Check the network and try again.',
      server: 'Server error, please try again later.',
      too_many_attempts: 'Too many sign-in attempts, please wait a while.',
    },
    due: {
      overdue: 'Overdue %{time}',
      remaining: '%{time} left',
      closed_on_time: 'Closed on time',
      closed_late: 'Closed late',
      days: '%{n} d',
      hours: '%{n} h',
      minutes: '%{n} min',
      working_days: '%{n} working day |||| %{n} working days',
      badge_working_days: '%{n} wd',
      working_hours: '%{n} h',
      working_minutes: '%{n} min',
      first_contact_missed: 'First-contact deadline passed without a first contact',
      provisional: 'Provisional',
      provisional_hint: 'The %{year} statutory holidays are not entered yet: the due time counts plain working days',
      legend: 'Working time to the completion deadline (working days only, 24 h each): red when overdue or under 1 working day, amber under 3 working days, green otherwise',
    },
    filter: {
      any: 'Any',
      search: 'Search',
      received_from: 'Received from',
      received_to: 'Received until',
      date_from: 'Date from',
      date_to: 'Date until',
      month: 'Month',
      called_from: 'Called from',
      called_to: 'Called until',
    },
    section: {
      basic: 'General',
      citizen: 'Citizen request',
      progress: 'Progress',
      outcome: 'Outcome',
      flags: 'Flags',
      callbacks: 'Callbacks',
      supervision: 'Returns and audits',
      roles: 'A/B handlers on file',
      tickets: 'Recent tickets',
      events: 'History',
      weights: 'Weights (sum 100)',
      targets: 'Targets',
      scope: 'Applies to',
      limits: 'Time limits',
      decision: 'Decision',
      checks: 'Eight checks',
      streets: 'Streets',
      units: 'Units',
      account: 'Account',
      permissions: 'Permissions',
    },
    helper: {
      due_auto: 'Leave empty to compute it from the time-limit rules',
      points_from_item: "Leave empty to use the item's default deduction",
      award_points: 'Excellent case: 0.2 points and 200 yuan by default; demonstration case: 0.5–1.0 points and 1000 yuan',
      award_amount: 'Leave empty for the default amount of the kind',
      aliases: 'Other spellings of this unit in the city export, used to match rows on import',
      password_edit: 'Leave empty to keep the current password',
      password_new: 'At least 8 characters',
      unit_for_handler: 'A unit handler must belong to a unit',
      leader_rank: 'The deputy leader decides the first level of returns; the principal leader those needing a discipline filing',
      iso_week: 'e.g. 2023-W36',
      month: 'e.g. 2023-09',
      percent: 'percent',
      phone_masked: 'Shown as 138****1234 to users without personal-data permission',
      role_history: 'To change a handler, set the end date on the current row and add a new one; history is kept',
      version: 'Used on save to detect concurrent changes',
    },
    check: {
      c1: 'First-contact description correct',
      c2: 'Fact finding reasonable, basis sufficient',
      c3: 'Demand determination complete',
      c4: 'Site visit real and correctly filled',
      c5: 'Result does not contradict other fields',
      c6: 'Satisfaction filled per standard',
      c7: 'Reply fully reflects the handling',
      c8: 'Reply meets the required form',
      pass: 'Pass',
      fail: 'Fail',
    },
    ab: { missing: 'No current %{role}' },
    candidates: {
      interviewTitle: 'Interview candidates',
      interviewHint: 'Units in their peer group\'s bottom 3 two months running, or with %{threshold} or more returns refused this month (a suggestion; people decide)',
      assistanceTitle: 'Assistance candidates',
      assistanceHint: 'Units in their peer group\'s bottom 3 this month with no planned or ongoing assistance',
      none: 'No candidates this month',
      loading: 'Computing the ranking…',
      bottomTwice: 'Bottom %{before} then bottom %{now} of the peer group two months running',
      refused: '%{count} returns refused this month',
      bottom: 'Bottom %{place} of the peer group this month (rank %{rank})',
      tickets: '%{count} linked tickets',
      interviewed: 'Interviewed this month',
      openInterview: 'View the interview',
      startInterview: 'Start an interview',
      startAssistance: 'Start assistance',
    },
    user: { unit_none: '(any unit)' },
    workflow: {
      action: {
        dispatchTicket: 'Dispatch', acceptTicket: 'Accept', recordFirstContact: 'Record first contact',
        submitClosure: 'Submit for closure', auditClosure: 'Audit closure', reopenTicket: 'Reopen',
        requestReturn: 'Request return', decideReturn: 'Decide return', approveReturnAsMainLeader: 'Principal leader: decide return',
        requestExtension: 'Request extension', decideExtension: 'Decide extension', recordCallback: 'Record callback',
        issueLeaderOrder: 'Issue leader supervision order', completeLeaderOrder: 'Complete leader order',
        recordDisciplineFiling: 'Record discipline filing',
      },
      instruction: 'Written instruction', completionNote: 'Written completion note', filingByDiscipline: 'Approval waits for the discipline filing (recorded by the discipline account)',
      confirm: '%{action}: are you sure?',
      done: 'Done: %{action}',
      stale: 'Someone else has already dealt with this; refresh to see it',
      decision: 'Decision',
      approve: 'Approve',
      reject: 'Reject',
      note: 'Note',
      reason: 'Reason',
    },
    eventKind: {
      OVERDUE: 'Overdue', RECEIVED: 'Received',
      CREATED: 'Created', EDITED: 'Edited', IMPORTED: 'Imported', IMPORT_UPDATED: 'Updated by import', DISPATCHED: 'Dispatched',
      ACCEPTED: 'Accepted', FIRST_CONTACT: 'First contact', SUBMITTED: 'Submitted for closure', AUDIT_FAILED: 'Audit failed, back for redo',
      CLOSED: 'Closed', REOPENED: 'Reopened', RETURN_REQUESTED: 'Return requested', RETURN_APPROVED: 'Return approved',
      RETURN_REJECTED: 'Return rejected', RETURN_AWAITING_MAIN_LEADER: 'Return awaiting the principal leader',
      EXTENSION_REQUESTED: 'Extension requested', EXTENSION_APPROVED: 'Extension approved', EXTENSION_REJECTED: 'Extension rejected',
      CALLBACK: 'Callback', LEADER_ORDER_COMPLETED: 'Leader order completed', TRANSITION: 'Status change',
      UNDERCOVER_VISIT: 'Undercover visit result',
      DUE_RECOMPUTED: 'Due times recomputed for the holiday calendar',
    },
    event: {
      field: {
        returnStatus: 'Return status', result: 'Callback result', calledAt: 'Called', toUnitId: 'Reassigned to', completedAt: 'Completed', overdue: 'Overdue',
      },
      empty: '(empty)', at: 'When', actor: 'By', kind: 'What', note: 'Note', changes: 'Changes', system: 'System',
    },
    enum: {
      category: {
        COMPLAINT: 'Complaint', HELP: 'Help request', CONSULT: 'Enquiry', SUGGESTION: 'Suggestion', OTHER: 'Other',
        PHOTO_REPORT: 'Photo report',
      },
      channel: {
        HOTLINE: '12345 hotline', WEB: 'Website', APP: 'App', WECHAT: 'WeChat', PHOTO: 'Photo report', GRID: 'Grid patrol',
        LEADER_DISPATCH: 'Leader dispatch', SUPERVISION: 'City/district supervision',
      },
      ticketStatus: {
        RECEIVED: 'Received', DISPATCHED: 'Dispatched', ACCEPTED: 'Accepted', IN_PROGRESS: 'In progress',
        SUBMITTED: 'Awaiting audit', CLOSED: 'Closed', RETURN_PENDING: 'Return pending',
      },
      reopenKind: {
        CALLBACK_UNSATISFIED: 'Unsatisfied callback', LEADER_SUPERVISION: 'Leader supervision',
        CITY_REVIEW: 'City review', REASSIGNED: 'Re-assigned',
      },
      factFinding: { TRUE: 'True', PARTLY_TRUE: 'Partly true', UNFOUNDED: 'Unfounded' },
      resolution: { ACTUALLY_RESOLVED: 'Actually resolved', EXPLAINED: 'Explained', UNRESOLVED: 'Unresolved' },
      peerGroup: { DEPARTMENT: 'Department', INSTITUTION: 'Institution / centre', RESIDENTIAL: 'Residential committee' },
      abRole: { A: 'A (primary)', B: 'B (backup)' },
      userRole: {
        ADMIN: 'Administrator', OPS: 'City operations', PARTY_OFFICE: 'Party office', LEADER: 'Leader',
        DISCIPLINE: 'Discipline inspection', UNIT_HANDLER: 'Unit handler', API_READER: 'API reader',
      },
      leaderRank: { DEPUTY: 'Deputy leader (city operations)', MAIN: 'Principal leader' },
      callbackResult: {
        SATISFIED: 'Satisfied', BASICALLY_SATISFIED: 'Basically satisfied', NEUTRAL: 'Neutral',
        UNSATISFIED: 'Unsatisfied', NOT_REACHED: 'Not reached', REFUSED: 'Refused to rate',
      },
      callbackSource: { MANUAL: 'Entered here', IMPORT: 'City import' },
      returnStatus: {
        PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected', AWAITING_MAIN_LEADER: 'Awaiting principal leader',
      },
      extensionStatus: { PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected' },
      warningLevel: { YELLOW: 'Yellow', RED: 'Red' },
      warningStatus: { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', CLOSED: 'Closed' },
      awardKind: { EXCELLENT: 'Excellent case', DEMONSTRATION: 'Demonstration case' },
      awardStatus: { NOMINATED: 'Nominated', SELECTED: 'Selected', REJECTED: 'Not selected' },
      interviewLevel: {
        DEPUTY_LEADER: 'By the deputy leader', MAIN_LEADER: 'By the principal leader', LEADING_GROUP: 'By the leading group',
      },
      interviewReason: {
        长期绩效不理想: 'Poor performance over time', 不作为慢作为: 'Inaction or slow action',
        回复简单敷衍: 'Perfunctory replies', 多次随意退单: 'Frequent arbitrary returns',
        帮扶无起色: 'Assistance without effect', 提升无效果: 'No improvement',
      },
      assistanceStatus: { PLANNED: 'Planned', ONGOING: 'Ongoing', DONE: 'Done' },
      conduct: {
        INACTION: 'Inaction', SLOW_ACTION: 'Slow action', MISCONDUCT: 'Misconduct', BUCK_PASSING: 'Buck-passing',
        FALSIFICATION: 'Falsification',
      },
      slaKind: {
        URGENT: 'Urgent', LEADER_DISPATCH: 'Leader dispatch', SUPERVISION: 'Supervision / review / re-assigned',
        CATEGORY: 'By category', EXTENSION: 'Approved extension', LEADER_SUPERVISION_REDO: 'Leader supervision order',
      },
      satisfactionVariant: {
        WEIGHTED: 'Weighted (1, 0.8, 0.6)', BINARY: 'Binary (satisfied + basically satisfied)',
      },
      lateAcceptanceStatus: { OPEN: 'Open', CONFIRMED: 'Confirmed', DISMISSED: 'Dismissed' },
      proactiveTaskStatus: { OPEN: 'Open', DONE: 'Done' },
      reportKind: {
        WEEKLY: 'Weekly report', MONTHLY: 'Monthly report', RANKING_NOTICE: 'Ranking notice', CAMPAIGN: 'Campaign summary',
        YEARLY: 'Annual performance', MEETING_WEEKLY: 'Weekly operations meeting', MEETING_MONTHLY: 'Monthly meeting',
        MEETING_PARTY: 'Party working committee briefing',
      },
    },
  },
  resources: {
    District: { name: 'District |||| Districts', fields: { ...common, code: 'Code', name: 'Name' } },
    Street: { name: 'Street |||| Streets', fields: { ...common, code: 'Code', name: 'Name', districtId: 'District' } },
    Unit: {
      name: 'Unit |||| Units',
      fields: {
        ...common, code: 'Code', name: 'Name', streetId: 'Street', peerGroup: 'Peer group', head: 'Head',
        deputyLeader: 'Deputy leader in charge', active: 'Active', aliases: 'Aliases (city export)',
      },
    },
    RoleAssignment: {
      name: 'A/B handler |||| A/B handlers',
      fields: {
        ...common, unitId: 'Unit', role: 'Role', personName: 'Name', post: 'Post', phone: 'Phone',
        filingRef: 'Filing reference', filingDate: 'Filing date', effectiveFrom: 'Effective from', effectiveTo: 'Effective to',
      },
    },
    Ticket: {
      name: 'Ticket |||| Tickets',
      fields: {
        ...common, number: 'Ticket number', streetId: 'Street', unitId: 'Responsible unit', category: 'Category',
        channel: 'Channel', urgent: 'Urgent', topic: 'Topic', content: 'Request', citizenName: 'Citizen',
        citizenPhone: 'Phone', address: 'Address', committeeName: 'Residential committee',
        committeeUnitId: 'Residential committee (unit)', status: 'Status', receivedAt: 'Received',
        dispatchedAt: 'Dispatched', acceptedAt: 'Accepted', firstContactAt: 'First contact',
        submittedAt: 'Submitted for closure', closedAt: 'Closed', reopenedAt: 'Reopened', reopenKind: 'Reopen reason',
        firstContactDue: 'First contact due', completionDue: 'Completion due',
        completionWorkingMinutesLeft: 'Working minutes to completion due', dueProvisional: 'Provisional due', dueProvisionalYear: 'Year without holidays entered', firstContactWorkingMinutesLeft: 'Minutes to first-contact due', extensionApproved: 'Extension approved',
        factFinding: 'Fact finding', factBasis: 'Basis', unfoundedAccepted: 'Unfounded finding accepted',
        resolution: 'Resolution', demand: 'Demand', siteVisit: 'Site visit', replyText: 'Reply', writableFields: 'Fields you may change', difficult: 'Difficult',
        concentrated: 'Concentrated complaint', callbackReview: 'City/district callback review', reassigned: 'Re-assigned',
        escalated: 'Escalated', leaderName: 'Dispatching leader', redoCount: 'Redo count', redoReason: 'Redo reason',
        allowedActions: 'Possible actions', repeatOfId: 'Repeat of',
        due: 'Deadline', events: 'History', callbacks: 'Callbacks', importNotes: 'Import data-quality notes',
        completionNote: 'Written completion note', dutyLeaderMay: 'What the leader on duty may do', leaderInstruction: 'Leader instruction',
      },
    },
    Callback: {
      name: 'Callback |||| Callbacks',
      fields: {
        ...common, ticketId: 'Ticket', calledAt: 'Called', result: 'Result', reached: 'Reached', caller: 'Caller',
        source: 'Source',
      },
    },
    NegativeItem: {
      name: 'Negative-list item |||| Negative list',
      fields: {
        ...common, code: 'Code', title: 'Item', description: 'Description', category: 'Category', points: 'Deduction',
        active: 'Active',
      },
    },
    NegativeRecord: {
      name: 'Negative record |||| Negative records',
      fields: {
        ...common, unitId: 'Unit', itemId: 'Negative-list item', ticketId: 'Ticket', date: 'Date', points: 'Deduction',
        note: 'Details', recorder: 'Recorded by',
      },
    },
    NegativeQuota: {
      name: 'Negative quota |||| Negative quotas',
      fields: { ...common, unitId: 'Unit', month: 'Month', indicator: 'Indicator', allowed: 'Allowed' },
    },
    Award: {
      name: 'Award |||| Awards',
      fields: {
        ...common, kind: 'Kind', unitId: 'Unit', ticketId: 'Case ticket', month: 'Month', nomination: 'Nomination',
        meetingDate: 'Committee meeting', status: 'Status', amount: 'Amount (yuan)', points: 'Points',
        recognitionSource: "Leader's instruction or media use",
      },
    },
    Interview: {
      name: 'Interview |||| Interviews',
      fields: {
        ...common, unitId: 'Unit', level: 'Level', reasons: 'Reasons', date: 'Date', interviewer: 'Interviewer',
        attendees: 'Attendees', findings: 'Findings', rectification: 'Rectification required',
        rectificationDue: 'Rectification due', followUp: 'Follow-up', ticketIds: 'Tickets',
      },
    },
    Assistance: {
      name: 'Assistance |||| Assistance',
      fields: {
        ...common, unitId: 'Unit', periodFrom: 'From', periodTo: 'To', bottlenecks: 'Bottlenecks', advice: 'Advice',
        pairedStaff: 'Paired staff', status: 'Status', outcome: 'Outcome',
      },
    },
    Warning: {
      name: 'Repeat warning |||| Repeat warnings',
      fields: {
        ...common, streetId: 'Street', masterTicketId: 'Master ticket', unitId: 'Unit', date: 'Date', level: 'Level',
        count: 'Tickets that day', status: 'Status', specialStudy: 'Special study by the principal leader',
        acknowledgedBy: 'Acknowledged by', acknowledgedAt: 'Acknowledged', closedAt: 'Closed',
      },
    },
    User: {
      name: 'User |||| Users',
      fields: {
        ...common, username: 'Username', displayName: 'Name', role: 'Role', unitId: 'Unit', streetId: 'Street (empty: district-wide)', active: 'Active',
        canReadPersonalData: 'May read personal data', password: 'Password', failedLogins: 'Failed sign-ins in a row',
        lockedUntil: 'Locked until', leaderRank: 'Leader rank',
      },
    },
    ReturnRequest: {
      name: 'Return request |||| Return requests',
      fields: {
        ...common, ticketId: 'Ticket', fromUnitId: 'Requesting unit', reason: 'Reason', requestedAt: 'Requested',
        requestedById: 'Requested by', needsMainLeader: 'Needs the principal leader', status: 'Status',
        toUnitId: 'Reassign to', decidedById: 'Decided by', decidedAt: 'Decided', decisionNote: 'Decision note',
        mainLeaderById: 'Principal leader', mainLeaderAt: 'Principal leader decided', mainLeaderNote: "Principal leader's note",
        disciplineFilingRef: 'Discipline filing', disciplineFiledAt: 'Filed with discipline', disciplineFiledById: 'Filed with discipline by',
      },
    },
    ExtensionRequest: {
      name: 'Extension request |||| Extension requests',
      fields: {
        ...common, ticketId: 'Ticket', unitId: 'Requesting unit', reason: 'Reason', requestedAt: 'Requested',
        requestedById: 'Requested by', status: 'Status', decidedAt: 'Decided', decidedById: 'Decided by',
        decisionNote: 'Decision note',
      },
    },
    ClosureAudit: {
      name: 'Closure audit |||| Closure audits',
      fields: {
        ...common, ticketId: 'Ticket', submittedAt: 'Submitted', auditedAt: 'Audited', auditorId: 'Auditor',
        checks: 'Eight checks', passed: 'Passed', note: 'Audit note',
      },
    },
    LeaderOrder: {
      name: 'Leader order |||| Leader orders',
      fields: {
        ...common, ticketId: 'Ticket', leaderName: 'Leader', issuedAt: 'Issued', dueAt: 'Due', reason: 'Reason',
        completionNote: 'Completion note', completedAt: 'Completed', overdue: 'Overdue',
      },
    },
    DisciplineReferral: {
      name: 'Discipline referral |||| Discipline referrals',
      fields: {
        ...common, unitId: 'Unit', conduct: 'Conduct', ticketIds: 'Tickets', returnRequestIds: 'Return requests',
        visitIds: 'Undercover visits', referredBy: 'Referred by', date: 'Date', outcome: 'Outcome',
      },
    },
    Escalation: {
      name: 'Escalation |||| Escalations',
      fields: {
        ...common, streetId: 'Street', title: 'Matter', ticketIds: 'Tickets', meetingDate: 'Meeting date',
        decision: 'Decision', owner: 'Owner', due: 'Due', meetingId: 'Decided at',
      },
      meetingDateHint: 'Taken from the meeting when one is linked',
    },
    Review: {
      name: 'Review |||| Reviews',
      fields: {
        ...common, unitId: 'Unit', period: 'Period', summary: 'Summary', problems: 'Problems',
        leadingGroupComment: "Leading group's comment", meetingId: 'Reviewed at',
      },
    },
    UndercoverVisit: {
      name: 'Undercover visit |||| Undercover visits',
      fields: {
        ...common, ticketId: 'Ticket', month: 'Sample month', visitedAt: 'Visited', finding: 'Finding',
        overturned: 'Finding overturned', streetId: 'Street', recordedAt: 'Recorded', recordedBy: 'Recorded by',
        negativeRecordId: 'Negative record', disciplineReferralId: 'Discipline referral',
      },
    },
    DutyRoster: {
      name: 'Duty roster |||| Duty roster',
      fields: { ...common, streetId: 'Street', isoWeek: 'Week', leaderName: 'Leader on duty', leaderUserId: 'Leader account' },
    },
    Pairing: {
      name: 'Pairing |||| Pairings',
      fields: { ...common, staffName: 'Staff member', staffUserId: 'Staff account', unitId: 'Unit', since: 'Since' },
    },
    Topic: { name: 'Topic |||| Topics', fields: { ...common, name: 'Name', parentId: 'Parent topic', active: 'Active' } },
    ScoringScheme: {
      name: 'Scoring scheme |||| Scoring schemes',
      fields: {
        ...common, name: 'Name', wFirstContact: 'First-contact rate', wOnTime: 'On-time rate', wResolution: 'Resolution rate',
        wActualShare: 'Actually-resolved share', wSatisfaction: 'Satisfaction rate', tFirstContact: 'First-contact rate',
        tOnTime: 'On-time rate', tResolution: 'Resolution rate', tActualShare: 'Actually-resolved share',
        tSatisfaction: 'Satisfaction rate', minSample: 'Minimum sample (tickets)', rollingMonths: 'Rolling window (months, at most)',
        hotspotMin: 'Hotspot: tickets in 7 days, at least', hotspotRatio: 'Hotspot: times the baseline, at least',
        acceptWithinWorkdays: 'Acceptance time limit (working days)',
        satisfactionVariant: 'Satisfaction formula', campaignFrom: 'Campaign from', campaignTo: 'Campaign to',
        active: 'In use',
      },
    },
    SlaRule: {
      name: 'Time-limit rule |||| Time-limit rules',
      fields: {
        ...common, kind: 'Kind', category: 'Category', firstContactHours: 'First contact (hours)',
        firstContactWorkdays: 'First contact (working days)', completionWorkdays: 'Completion (working days)',
        priority: 'Priority',
      },
    },
    WorkCalendarDay: {
      name: 'Calendar day |||| Work calendar',
      fields: { ...common, day: 'Date', isWorkday: 'Working day', name: 'Note' },
    },
    KeyPeriod: {
      name: 'Key period |||| Key periods',
      fields: { ...common, name: 'Name', fromMd: 'From (month-day)', toMd: 'To (month-day)', topics: 'Key topics', note: 'Note', active: 'Active' },
    },
    LateAcceptance: {
      name: 'Late acceptance |||| Late acceptances',
      fields: {
        ...common, ticketId: 'Ticket', unitId: 'Responsible unit', streetId: 'Street', dispatchedAt: 'Dispatched', acceptDue: 'Acceptance due',
        acceptedAt: 'Accepted', flaggedAt: 'Flagged', status: 'Status', decidedAt: 'Decided', decidedById: 'Decided by',
        decisionNote: 'Decision note', negativeRecordId: 'Negative record',
      },
    },
    ProactiveTask: {
      name: 'Proactive task |||| Proactive tasks',
      fields: {
        ...common, topic: 'Topic', committeeName: 'Residential committee', streetId: 'Street', unitId: 'Responsible unit', title: 'Task',
        dueOn: 'Due', status: 'Status', outcome: 'Outcome', overdue: 'Overdue', createdById: 'Created by', doneAt: 'Done',
        doneById: 'Done by',
      },
    },
    Report: {
      name: 'Archived report |||| Report archive',
      fields: {
        ...common, kind: 'Kind', kindLabel: 'Kind name', period: 'Period', streetId: 'Street (empty: district-wide)', scheduled: 'Scheduled',
        sha256: 'Content digest', content: 'Content', docxUrl: 'Word file', xlsxUrl: 'Excel file', createdBy: 'Created by',
      },
    },
    ...enMeetingResources,
  },
};
