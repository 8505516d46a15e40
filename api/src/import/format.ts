// The city platform's export format (domain.md §7): its columns, the Chinese values each coded column may take,
// and the limits of one import. Parsing, validation and the import all read these tables, nowhere else.

export const COLUMNS = [
  '工单编号', '受理时间', '工单类型', '渠道', '紧急', '诉求主题', '诉求内容', '市民姓名', '联系电话', '地址', '所属居委',
  '承办单位', '派单时间', '签收时间', '先行联系时间', '办结时间', '事实认定', '结案评判', '回访时间', '回访结果', '重复工单号',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Without these a row cannot become a ticket; the rest may be left out of a file (stored values are kept). */
export const REQUIRED_COLUMNS: readonly Column[] = ['工单编号', '受理时间', '工单类型', '承办单位'];

export const TIME_COLUMNS: ReadonlySet<Column> = new Set(['受理时间', '派单时间', '签收时间', '先行联系时间', '办结时间', '回访时间']);

export const CATEGORY_BY_LABEL: Readonly<Record<string, string>> = {
  投诉: 'COMPLAINT', 求助: 'HELP', 咨询: 'CONSULT', 意见建议: 'SUGGESTION', 其他: 'OTHER', 随申拍: 'PHOTO_REPORT',
};

/** An empty 渠道 is the hotline. */
export const CHANNEL_BY_LABEL: Readonly<Record<string, string>> = {
  '12345热线': 'HOTLINE', 网站: 'WEB', APP: 'APP', 微信: 'WECHAT', 随申拍: 'PHOTO', 网格巡查: 'GRID',
  领导派单: 'LEADER_DISPATCH', 市区督办: 'SUPERVISION',
};

export const URGENT_BY_LABEL: Readonly<Record<string, boolean>> = { 是: true, 否: false };

export const FACT_FINDING_BY_LABEL: Readonly<Record<string, string>> = { 属实: 'TRUE', 部分属实: 'PARTLY_TRUE', 不属实: 'UNFOUNDED' };

export const RESOLUTION_BY_LABEL: Readonly<Record<string, string>> = { 实际解决: 'ACTUALLY_RESOLVED', 解释说明: 'EXPLAINED', 未解决: 'UNRESOLVED' };

/** 满意, 基本满意, 一般, 不满意 are reached callbacks; 未接通, 拒评 are not (the `reached` column derives it). */
export const CALLBACK_RESULT_BY_LABEL: Readonly<Record<string, string>> = {
  满意: 'SATISFIED', 基本满意: 'BASICALLY_SATISFIED', 一般: 'NEUTRAL', 不满意: 'UNSATISFIED', 未接通: 'NOT_REACHED', 拒评: 'REFUSED',
};

export const LABEL_BY_CALLBACK_RESULT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CALLBACK_RESULT_BY_LABEL).map(([label, value]) => [value, label]),
);

/** Text lengths the ticket register accepts (schema/tickets.ts). */
export const MAX_LENGTH: Partial<Record<Column, number>> = {
  工单编号: 40, 诉求主题: 50, 诉求内容: 4000, 市民姓名: 50, 联系电话: 40, 地址: 200, 所属居委: 100, 重复工单号: 40,
};

/** A 200,000-row export of all 21 columns is about 40 MB of CSV (more with long 诉求内容). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_DATA_ROWS = 200_000;
/** A wrong file can produce a million problems; the first ones are enough to see what is wrong. */
export const MAX_REPORTED_ERRORS = 10_000;

/** One problem of a file. row 0 is the file as a whole, row 1 the header row, row 2 the first data row. */
export interface ImportError {
  row: number;
  column: string | null;
  message: string;
  /** 工单编号 of the row, when the row has one. */
  number?: string | null;
}

export const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Limits of an .xlsx before it is inflated (zip-guard.ts). A 50,000-row export of all 21 columns is a 38 MB worksheet
 * and 7–33 MB of shared text, compressed 10:1 (Chinese free text 2–3:1), so 200,000 rows are up to 160 MB of
 * worksheet; a 300 KB file claiming 300 MB is a bomb.
 */
export const MAX_ZIP_SHEET_BYTES = 200 * 1024 * 1024;
export const MAX_ZIP_SHARED_STRINGS_BYTES = 128 * 1024 * 1024;
/** Any other part (workbook.xml, styles.xml, images, …). */
export const MAX_ZIP_PART_BYTES = 20 * 1024 * 1024;
export const MAX_ZIP_TOTAL_BYTES = 400 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 1000;
/** Compression ratio refused on entries of at least ZIP_RATIO_MIN_BYTES (small XML parts compress well). */
export const MAX_ZIP_RATIO = 100;
export const ZIP_RATIO_MIN_BYTES = 1024 * 1024;
/** Excel's own limit of one cell's text. */
export const MAX_CELL_CHARS = 32_767;
