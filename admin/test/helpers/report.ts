// What the report walks read from a report's structured content (Report.content): its tables through the same
// walker the .xlsx uses, and how many charts it holds.
import type { ReportDocument, ReportSection } from '../../../api/src/reports/document/model';
export { documentTables } from '../../../api/src/reports/document/xlsx';

export const chartCount = (doc: ReportDocument) => {
  const walk = (s: ReportSection): number => s.blocks.filter((b) => b.type === 'chart').length + (s.subsections ?? []).reduce((a, x) => a + walk(x), 0);
  return doc.sections.reduce((a, s) => a + walk(s), 0);
};
