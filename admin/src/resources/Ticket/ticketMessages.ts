// Messages of the ticket list's bulk actions and the ticket page's layout: only the lazily loaded Ticket views use
// them, so they stay out of the first download (work/pageText.ts).
export const zhTicket = {
  filter: { statuses: '状态', openAll: '全部未办结' },
  bulk: {
    dispatch: '批量派单',
    dispatchTitle: '批量派单：%{count} 张工单',
    dispatchHint: '把所选工单派给同一处置单位。任一张不能派单时，全部不派（不会只派一部分）。',
    notReceived: '以下工单不是「已受理」（待派单）状态，不能派单，请先取消勾选：%{numbers}',
    streets: '所选工单属于不同街镇，不能一起派给同一单位。',
    dispatched: '已派单：%{count} 张工单派给%{unit}',
    export: '导出所选',
    loading: '正在读取所选工单…',
  },
  show: {
    summary: '概要',
    history: '办理记录',
    callbacks: '回访记录',
    more: '更多信息',
    content: '诉求内容',
    actionsLoading: '正在读取可执行的操作…',
    noActions: '当前没有您可以执行的流程操作',
  },
};

export const enTicket: typeof zhTicket = {
  filter: { statuses: 'Status', openAll: 'All open' },
  bulk: {
    dispatch: 'Dispatch selected',
    dispatchTitle: 'Dispatch %{count} tickets',
    dispatchHint: 'Dispatches every selected ticket to one unit. If any of them cannot be dispatched, none is.',
    notReceived: 'These tickets are not waiting for dispatch (status "Received"); deselect them first: %{numbers}',
    streets: 'The selected tickets belong to different streets and cannot go to one unit.',
    dispatched: 'Dispatched %{count} tickets to %{unit}',
    export: 'Export selected',
    loading: 'Reading the selected tickets…',
  },
  show: {
    summary: 'Summary',
    history: 'History',
    callbacks: 'Callbacks',
    more: 'More',
    content: 'Request',
    actionsLoading: 'Reading the possible steps…',
    noActions: 'No workflow step for you now',
  },
};
