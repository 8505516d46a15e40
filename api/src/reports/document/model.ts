// The structured content of a report (周报, 月报, 排名通报 …, domain.md §5b), independent of how it is delivered.
// Builders (reports/content/*) compute one from the same SQL as the screens; renderers turn the same object into
// a .docx (government-document style), an .xlsx of its tables, the admin's printable page, and chart images.
// Every number a document prints is in here, so a test can hold it equal to `kpis`/`unitRanking`.

/** How a cell value is shown: rates as percentages with two decimals, as on the ranking page. */
export type CellFormat = 'text' | 'int' | 'percent' | 'score' | 'date' | 'datetime' | 'delta-percent' | 'delta-int';

export interface ReportColumn {
  key: string;
  label: string; // Chinese header, e.g. 先行联系率
  format: CellFormat;
  /** For rates: the target; cells below it are marked (周报 "below-target cells marked"). */
  target?: number | null;
  width?: number; // relative width hint (characters)
}

export type CellValue = string | number | null;

export interface ReportTable {
  id: string; // stable, e.g. 'units-居委' — also the .xlsx sheet name source
  title: string; // e.g. 表1 各单位指标（居委）
  columns: ReportColumn[];
  rows: Record<string, CellValue>[];
  /** Row-level marks, e.g. { below: ['onTimeRate'] } per row index, computed by the builder. */
  marks?: Record<number, string[]>;
  note?: string; // footnote under the table
  /** A peer-group table: the .xlsx puts each such table on its own sheet. */
  peerGroup?: string;
}

export interface ChartSeries {
  name: string;
  data: (number | null)[];
  /** 'line' | 'bar'; the chart's kind is the default. */
  type?: 'line' | 'bar';
}

export interface ReportChart {
  id: string;
  title: string; // 图1 先行联系率近12个月走势
  kind: 'line' | 'bar' | 'hbar';
  categories: string[]; // x-axis labels (months, units, weeks)
  series: ChartSeries[];
  /** A target line (e.g. the indicator's target), drawn dashed. */
  target?: { name: string; value: number } | null;
  /** Values are rates in [0,1] shown as percentages. */
  percent?: boolean;
}

export type ReportBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'table'; table: ReportTable }
  | { type: 'chart'; chart: ReportChart }
  | { type: 'list'; items: string[] };

export interface ReportSection {
  heading: string; // without its number: renderers number sections 一、二、三 …
  blocks: ReportBlock[];
  subsections?: ReportSection[]; // numbered （一）（二）…
}

export type ReportKindName =
  | 'WEEKLY'
  | 'MONTHLY'
  | 'RANKING_NOTICE'
  | 'CAMPAIGN'
  | 'YEARLY'
  | 'HOTSPOT'
  | 'MEETING_WEEKLY'
  | 'MEETING_MONTHLY'
  | 'MEETING_PARTY'
  | 'WARNING_FORM'
  | 'LEADER_ORDER_FORM';

export interface ReportDocument {
  kind: ReportKindName;
  period: string; // as contract.md: 2023-W24, 2023-06, 2023, 2023-03-01/2023-06-08, …
  streetId: string | null; // null: the district
  /** Issuing organ, e.g. 塘桥街道城市运行管理中心 */
  issuer: string;
  title: string; // 塘桥街道12345市民服务热线工作周报
  /** e.g. 第24期 / 塘城运〔2023〕6号 */
  docNumber?: string | null;
  subtitle?: string | null; // 2023年6月12日—6月18日
  /** ISO date the document is dated (Asia/Shanghai). */
  date: string;
  sections: ReportSection[];
  /** 抄送 line (排名通报: 纪检监察室). */
  copyTo?: string[];
  /** 印发 line: who printed it and when. */
  printedBy?: string;
  /** ISO timestamp the numbers were computed at. */
  computedAt: string;
}
