// Messages of the "查看完整信息" dialog (RevealPersonalData.tsx); English has exactly the same keys.
export const zhReveal = {
  button: '查看完整信息',
  title: '查看市民完整信息',
  notice: '本次查看将记入个人信息查看记录（查看人、时间和理由），仅在联系市民或核实工单时使用。',
  reason: '查看理由',
  reasonHelp: '例如：回访联系市民、核实地址',
  reasonRequired: '请填写查看理由',
  reasonTooShort: '查看理由至少 2 个字',
  reasonTooLong: '查看理由不能超过 500 个字',
  submit: '查看',
  close: '关闭',
  logged: '已记录本次查看',
  phone: '联系电话',
  address: '地址',
  name: '市民姓名',
};

export const enReveal: typeof zhReveal = {
  button: 'Show full details',
  title: "Citizen's full details",
  notice: 'This access is logged in the personal-data access record (who, when and why). Use it only to contact the citizen or check the ticket.',
  reason: 'Reason',
  reasonHelp: 'e.g. calling the citizen back, checking the address',
  reasonRequired: 'Please give a reason',
  reasonTooShort: 'The reason must be at least 2 characters',
  reasonTooLong: 'The reason must be at most 500 characters',
  submit: 'Show',
  close: 'Close',
  logged: 'This access has been logged',
  phone: 'Phone',
  address: 'Address',
  name: 'Citizen name',
};
