// Messages of the spreadsheet registers (merged into the app's messages under `sheets`).
export const zhSheets = {
  menu: { negative: '负面清单表格', ab: 'A/B角表格', awards: '案例评选表格', quota: '负面指标配额表格' },
  title: { negative: '负面清单（表格）', ab: 'A角/B角备案（表格）', awards: '优秀/示范案例评选（表格）', items: '负面清单事项', records: '负面清单记录', quota: '负面指标配额（表格）' },
  action: {
    save: '保存', undo: '撤销', redo: '重做', addRow: '添加行', duplicate: '复制选中行', delete: '删除选中行',
    export: '导出 Excel', reload: '放弃修改', sort: '点击按此列排序',
  },
  status: {
    loading: '正在加载…', clean: '已全部保存', dirty: '有 %{count} 处未保存的修改', saving: '正在保存…',
    saved: '已保存：新增 %{created} 行，修改 %{updated} 行，删除 %{deleted} 行',
    replaced: '。其中 %{count} 行更换了人员：原备案已终止，可在下方“A/B角备案历史”中查看；新备案已生效', rows: '共 %{count} 行', shown: '显示 %{shown} / %{count} 行',
  },
  error: {
    required: '必填', number: '应为数字', date: '日期格式应为 2023-09-01', month: '月份格式应为 2023-09', bool: '应填“是”或“否”',
    unknown: '找不到“%{value}”', lookingUp: '正在查找“%{value}”…', ambiguous: '“%{value}”有多个同名，请填写编码', blocked: '有 %{count} 个单元格需要修正（已标红），修正后才能保存',
    tooMany: '每次最多保存 %{max} 行（本次 %{count} 行），请分批保存', server: '保存失败：%{count} 处错误（已标红），没有写入任何内容',
    cell: '第 %{row} 行「%{column}」：%{message}', general: '%{message}',
  },
  conflict: {
    title: '以下 %{count} 行在你打开表格之后已被他人修改，本次保存已全部撤回，没有写入任何内容。请逐行选择：',
    row: '第 %{row} 行', deleted: '这一行已被他人删除', useCurrent: '采用他人修改后的值', keepMine: '保留我的修改', remove: '移除此行',
    useAllCurrent: '全部采用他人修改后的值', column: '列', mine: '我的值', current: '他人修改后的值', currentShort: '现值：',
    changedBy: '（%{who} 于 %{at} 修改）', deletedBy: '（%{who} 于 %{at} 删除）', someone: '他人',
  },
  leave: { title: '有未保存的修改，确定离开？', body: '离开后，表格中未保存的修改将丢失。', stay: '留在此页', go: '离开，不保存' },
  keys: '快捷键',
  filter: '筛选（任一列包含）',
  hint: '与 Excel/WPS 相同：复制多行（不含表头）后点一格按 Ctrl+V 粘贴，超出末行自动追加；Ctrl+D 向下填充，选中区域后输入再按 Ctrl+Enter 填满，Delete 清空，在最后一格按 Tab 新增一行。Ctrl+Z 撤销，Ctrl+Shift+Z 重做。',
  cmenu: {
    INSERT_ROW_BELLOW: '在下方插入一行', DUPLICATE_ROW: '复制本行为新行', DELETE_ROW: '删除本行',
    DUPLICATE_ROWS: '复制第 %{from}–%{to} 行为新行', DELETE_ROWS: '删除第 %{from}–%{to} 行', COPY: '复制', CUT: '剪切', PASTE: '粘贴',
  },
  paste: {
    title: '粘贴会覆盖已有内容', body: '粘贴的 %{lines} 行会覆盖第 %{from}–%{to} 行中 %{count} 行已填写的内容。要覆盖这些行，还是把粘贴的内容插入为新行（原有行下移）？',
    overwrite: '覆盖', insert: '插入为新行', cancel: '取消',
  },
  pasteKeys: '浏览器不允许从菜单读取剪贴板，请按 Ctrl+V 粘贴。',
  yes: '是', no: '否', empty: '（空）', rowsUnit: '行',
  ab: {
    missing: '缺少现任 A角/B角的单位（%{count} 个）：', missingA: '缺A角', missingB: '缺B角', allFiled: '本街镇所有在用单位都已备案 A角和 B角。',
    historyTitle: '%{unit} 的 A/B角备案历史', chooseUnit: '选择单位查看历史', current: '现任', closed: '已终止',
    personHint: '在表格中更换姓名并保存：原备案自动终止，新备案从填写的生效日期（未改时为今天）开始，历史保留。',
  },
  awards: { rules: '规则：优秀案例奖励 200 元、加 0.2 分；示范案例奖励 1000 元、加 0.5–1.0 分；只有“已评选”的案例计入月度加分。', points: '示范案例加分应在 0.5 到 1.0 之间' },
  negative: {
    quota: '负面指标配额执行情况', month: '月份', noQuota: '该月没有设置配额。', exceeded: '超出配额', notCounted: '无法自动统计',
    pointsHint: '扣分留空时按事项的默认扣分。',
  },
  quota: {
    hint: '每行一个单位、一个月份、一个负面指标的允许数量。“本月实际”和“超出配额”由系统统计（不满意件、重复件），只读；其他指标无法自动统计。',
    count: '本月实际', exceeded: '超出配额', month: '月份', exceededCount: '%{count} 项超出配额',
  },
  ticketHint: '关联工单填写工单编号，粘贴后自动匹配；找不到的编号标红。',
};

export const enSheets: typeof zhSheets = {
  menu: { negative: 'Negative list sheet', ab: 'A/B roles sheet', awards: 'Award cases sheet', quota: 'Negative quota sheet' },
  title: { negative: 'Negative list (sheet)', ab: 'A/B role filings (sheet)', awards: 'Excellent/demonstration cases (sheet)', items: 'Negative list items', records: 'Negative records', quota: 'Negative quotas (sheet)' },
  action: {
    save: 'Save', undo: 'Undo', redo: 'Redo', addRow: 'Add row', duplicate: 'Duplicate selected rows', delete: 'Delete selected rows',
    export: 'Export Excel', reload: 'Discard changes', sort: 'Click to sort by this column',
  },
  status: {
    loading: 'Loading…', clean: 'All saved', dirty: '%{count} unsaved changes', saving: 'Saving…',
    saved: 'Saved: %{created} added, %{updated} changed, %{deleted} deleted',
    replaced: '. %{count} of them replaced a person: the old filing ended and moved to the history below, the new one is in force', rows: '%{count} rows', shown: '%{shown} of %{count} rows shown',
  },
  error: {
    required: 'required', number: 'must be a number', date: 'date as 2023-09-01', month: 'month as 2023-09', bool: 'yes or no',
    unknown: '“%{value}” not found', lookingUp: 'Looking up “%{value}”…', ambiguous: '“%{value}” matches several; use the code', blocked: '%{count} cells need fixing (in red) before saving',
    tooMany: 'At most %{max} rows per save (this one has %{count})', server: 'Not saved: %{count} errors (in red); nothing was written',
    cell: 'Row %{row} “%{column}”: %{message}', general: '%{message}',
  },
  conflict: {
    title: '%{count} rows were changed by someone else after you opened the sheet; nothing was saved. Choose for each row:',
    row: 'Row %{row}', deleted: 'This row was deleted by someone else', useCurrent: 'Use their values', keepMine: 'Keep mine', remove: 'Remove the row',
    useAllCurrent: 'Use their values everywhere', column: 'Column', mine: 'Mine', current: 'Theirs', currentShort: 'Now: ',
    changedBy: '(changed by %{who} at %{at})', deletedBy: '(deleted by %{who} at %{at})', someone: 'someone',
  },
  leave: { title: 'Unsaved changes: leave anyway?', body: 'The sheet’s unsaved changes will be lost.', stay: 'Stay', go: 'Leave without saving' },
  keys: 'Keys',
  filter: 'Filter rows',
  hint: 'As in Excel/WPS: copy rows (without the header), click a cell and press Ctrl+V (rows past the end are appended); Ctrl+D fills down, select cells, type and press Ctrl+Enter to fill them, Delete clears, Tab in the last cell adds a row. Ctrl+Z undoes, Ctrl+Shift+Z redoes.',
  cmenu: {
    INSERT_ROW_BELLOW: 'Insert a row below', DUPLICATE_ROW: 'Duplicate this row', DELETE_ROW: 'Delete this row',
    DUPLICATE_ROWS: 'Duplicate rows %{from}–%{to}', DELETE_ROWS: 'Delete rows %{from}–%{to}', COPY: 'Copy', CUT: 'Cut', PASTE: 'Paste',
  },
  paste: {
    title: 'The paste would overwrite filled rows', body: 'The %{lines} pasted lines would overwrite what %{count} of rows %{from}–%{to} hold. Overwrite them, or insert the pasted lines as new rows (the others move down)?',
    overwrite: 'Overwrite', insert: 'Insert as new rows', cancel: 'Cancel',
  },
  pasteKeys: 'The browser does not let the menu read the clipboard: press Ctrl+V to paste.',
  yes: 'Yes', no: 'No', empty: '(empty)', rowsUnit: 'rows',
  ab: {
    missing: 'Units without a current A or B (%{count}):', missingA: 'no A', missingB: 'no B', allFiled: 'Every active unit of this street has a current A and B.',
    historyTitle: 'A/B filings of %{unit}', chooseUnit: 'Unit history', current: 'current', closed: 'closed',
    personHint: 'Change the name in the sheet and save: the old filing is closed and a new one starts on the given date (today if unchanged); history is kept.',
  },
  awards: { rules: 'Rules: excellent case 200 yuan, +0.2 points; demonstration case 1000 yuan, +0.5–1.0 points; only selected cases count.', points: 'Demonstration points must be between 0.5 and 1.0' },
  negative: {
    quota: 'Negative quotas this month', month: 'Month', noQuota: 'No quota set for this month.', exceeded: 'exceeded', notCounted: 'not counted',
    pointsHint: 'Leave points empty to use the item’s default.',
  },
  quota: {
    hint: 'One row per unit, month and negative indicator with its allowed count. “Actual” and “Exceeded” are counted by the system (unsatisfied and repeat tickets) and read-only; other indicators cannot be counted.',
    count: 'Actual', exceeded: 'Exceeded', month: 'Month', exceededCount: '%{count} quotas exceeded',
  },
  ticketHint: 'Fill in the ticket number: it is matched when pasted; unknown numbers are marked in red.',
};
