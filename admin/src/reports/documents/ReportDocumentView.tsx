// A ReportDocument as an A4 page (report-page.css): the same headings, numbering, tables and charts as the .docx,
// with live charts (tooltips). Cell text comes from the API's own formatter, so page, .docx and .xlsx agree.
import { useMemo } from 'react';
import { buildChartOption } from '../../../../api/src/reports/document/chart-options';
import { chineseDate, chineseNumber, columnWidths, formatCell, isMarked, isNumeric } from '../../../../api/src/reports/document/format';
import type { ReportBlock, ReportChart, ReportDocument, ReportSection, ReportTable } from '../../../../api/src/reports/document/model';
import { EChart } from './EChart';
import './report-page.css';

export type { ReportDocument };

const TableBlock = ({ table }: { table: ReportTable }) => {
  const widths = columnWidths(table);
  const sum = widths.reduce((a, b) => a + b, 0);
  return (
    <div className="report-table" data-testid={`report-table-${table.id}`}>
      <div className="report-caption">{table.title}</div>
      <table className={table.columns.length > 8 ? 'report-wide' : undefined}>
        <colgroup>
          {widths.map((w, i) => <col key={table.columns[i]!.key} style={{ width: `${((w / sum) * 100).toFixed(2)}%` }} />)}
        </colgroup>
        <thead>
          <tr>{table.columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((r, ri) => (
            <tr key={ri}>
              {table.columns.map((c) => {
                const cls = [isNumeric(c.format) ? 'num' : '', isMarked(table, ri, c) ? 'below' : ''].filter(Boolean).join(' ');
                return <td key={c.key} className={cls || undefined}>{formatCell(r[c.key], c.format)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {table.note ? <p className="report-note">注：{table.note}</p> : null}
    </div>
  );
};

const ChartBlock = ({ chart }: { chart: ReportChart }) => {
  const option = useMemo(() => buildChartOption(chart, { animation: false }), [chart]);
  return (
    <figure className="report-figure" style={{ margin: '6pt 0' }}>
      {/* 153 × 76.5 mm: the .docx picture's size (580 × 290 px at 96 dpi). */}
      <EChart option={option} height="76.5mm" label={chart.title} testId={`report-chart-${chart.id}`} />
      <figcaption className="report-caption">{chart.title}</figcaption>
    </figure>
  );
};

const Blocks = ({ blocks }: { blocks: ReportBlock[] }) => (
  <>
    {blocks.map((b, i) => {
      if (b.type === 'paragraph') return <p key={i}>{b.text}</p>;
      if (b.type === 'list') return b.items.map((item, j) => <p key={`${i}-${j}`}>{`${j + 1}．${item}`}</p>);
      if (b.type === 'table') return <TableBlock key={i} table={b.table} />;
      return <ChartBlock key={i} chart={b.chart} />;
    })}
  </>
);

const Section = ({ section, n }: { section: ReportSection; n: number }) => (
  <section className="report-section">
    <h2>{`${chineseNumber(n)}、${section.heading}`}</h2>
    <Blocks blocks={section.blocks} />
    {(section.subsections ?? []).map((sub, i) => (
      <div key={i} className="report-subsection">
        <h3>{`（${chineseNumber(i + 1)}）${sub.heading}`}</h3>
        <Blocks blocks={sub.blocks} />
        {(sub.subsections ?? []).map((deeper, j) => (
          <div key={j}>
            <h4>{deeper.heading}</h4>
            <Blocks blocks={deeper.blocks} />
          </div>
        ))}
      </div>
    ))}
  </section>
);

export const ReportDocumentView = ({ doc }: { doc: ReportDocument }) => (
  <article className="report-sheet" data-testid="report-sheet" lang="zh-CN">
    <div className="report-issuer">{doc.issuer}</div>
    <div className="report-number">{doc.docNumber ?? '\u00a0'}</div>
    <h1>{doc.title}</h1>
    {doc.subtitle ? <p className="report-subtitle">{doc.subtitle}</p> : null}
    <div className="report-title-gap" />
    {doc.sections.map((s, i) => <Section key={i} section={s} n={i + 1} />)}
    <div className="report-title-gap" />
    <p className="report-signature">{doc.issuer}</p>
    <p className="report-signature">{chineseDate(doc.date)}</p>
    <div className="report-record">
      {doc.copyTo?.length ? <div className="copy-to">{`抄送：${doc.copyTo.join('，')}。`}</div> : null}
      <div className={`printed${doc.copyTo?.length ? '' : ' alone'}`}>
        <span>{doc.printedBy ?? doc.issuer}</span>
        <span>{`${chineseDate(doc.date)}印发`}</span>
      </div>
    </div>
  </article>
);
