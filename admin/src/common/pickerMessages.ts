// Messages of the month and date fields (common/pickers.tsx). Only lazily loaded pages import the pickers, so these
// texts stay out of the first download (work/pageText.ts).
export const zhPickers = {
  open: { month: '选择月份', date: '选择日期' },
  placeholder: { month: '如 2023-06', date: '如 2023-06-15' },
  invalid: { month: '请按 2023-06 的格式填写月份', date: '请按 2023-06-15 的格式填写日期' },
  range: '应在 %{min} 至 %{max} 之间',
  year: '%{year}年',
  previousYear: '上一年',
  nextYear: '下一年',
};

export const enPickers: typeof zhPickers = {
  open: { month: 'Choose a month', date: 'Choose a date' },
  placeholder: { month: 'e.g. 2023-06', date: 'e.g. 2023-06-15' },
  invalid: { month: 'Enter the month as 2023-06', date: 'Enter the date as 2023-06-15' },
  range: 'Must be between %{min} and %{max}',
  year: '%{year}',
  previousYear: 'Previous year',
  nextYear: 'Next year',
};
