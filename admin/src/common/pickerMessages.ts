// Messages of the month, date, week, year and date-time fields (common/pickers.tsx). Only lazily loaded pages import
// the pickers, so these texts stay out of the first download (work/pageText.ts).
export const zhPickers = {
  open: { month: '选择月份', date: '选择日期', week: '选择周', year: '选择年份', datetime: '选择日期和时间' },
  placeholder: { month: '如 2023-06', date: '如 2023-06-15', week: '如 2023-W24', year: '如 2023', datetime: '如 2023-06-15 09:30' },
  example: { month: '2023-06', date: '2023-06-15', week: '2023-W24', year: '2023', datetime: '2023-06-15 09:30' },
  /** What the field is called in a message when its label is no text. */
  noun: { month: '月份', date: '日期', week: '周', year: '年份', datetime: '时间' },
  invalid: '%{field}格式应为 %{example}',
  range: '%{field}应在 %{min} 至 %{max} 之间',
  weekHint: '%{year}年第%{week}周 · %{from} 至 %{to}',
  year: '%{year}年',
  previousYear: '上一年',
  nextYear: '下一年',
  hours: '时',
  minutes: '分',
  ok: '确定',
  cancel: '取消',
};

export const enPickers: typeof zhPickers = {
  open: { month: 'Choose a month', date: 'Choose a date', week: 'Choose a week', year: 'Choose a year', datetime: 'Choose a date and time' },
  placeholder: { month: 'e.g. 2023-06', date: 'e.g. 2023-06-15', week: 'e.g. 2023-W24', year: 'e.g. 2023', datetime: 'e.g. 2023-06-15 09:30' },
  example: zhPickers.example, // the typed form is the same in both languages
  noun: { month: 'Month', date: 'Date', week: 'Week', year: 'Year', datetime: 'Time' },
  invalid: '%{field}: enter as %{example}',
  range: '%{field}: must be between %{min} and %{max}',
  weekHint: 'Week %{week} of %{year} · %{from} to %{to}',
  year: '%{year}',
  previousYear: 'Previous year',
  nextYear: 'Next year',
  hours: 'Hours',
  minutes: 'Minutes',
  ok: 'OK',
  cancel: 'Cancel',
};
