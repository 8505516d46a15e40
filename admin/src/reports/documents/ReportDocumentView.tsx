// A ReportDocument as an A4 page (report-page.css): the same headings, numbering, tables and charts as the .docx,
// with live charts (tooltips). Cell text comes from the API's own formatter, so page, .docx and .xlsx agree.
import { useLayoutEffect, useMemo, useRef } from 'react';
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

/** A4's text block height (297 − 37 − 35 mm) in CSS px, the height of one printed page's content. */
const PAGE_PX = (225 / 25.4) * 96;
/** What is laid out as one piece on a printed page (break-inside: avoid, or a line box too small to split). */
const ATOMS = '.report-issuer, .report-number, h1, h2, h3, h4, p, .report-caption, .report-title-gap, .report-figure, tr';
/** Headings, captions and a table's header row stay with what follows them (break-after: avoid). */
const keepsWithNext = (el: HTMLElement) => /^(H1|H2|H3|H4)$/.test(el.tagName) || el.classList.contains('report-caption') || !!el.closest('thead');

/**
 * The height of the gap that puts the 版记 (the record) at the foot of the last printed page (GB/T 9704 7.4): the
 * sheet's text block is 156 mm wide on screen and in print with the same fonts, so the screen layout, paginated here
 * as the printer does it (rows, figures and headings moved whole to the next page, table headers repeated), gives
 * where the text ends on its last page. A few px short of the foot, so rounding never adds an empty page.
 */
function footGap(sheet: HTMLElement): number {
  const record = sheet.querySelector<HTMLElement>('.report-record');
  if (!record) return 0;
  const top0 = sheet.getBoundingClientRect().top + parseFloat(getComputedStyle(sheet).paddingTop);
  const atoms = [...sheet.querySelectorAll<HTMLElement>(ATOMS)].filter((el) => !el.closest('.report-record') && !el.parentElement?.closest('.report-figure, tr'));
  let shift = 0; // how far the page breaks moved what follows
  let end = 0;
  for (let i = 0; i < atoms.length; i++) {
    const el = atoms[i]!;
    const r = el.getBoundingClientRect();
    if (!r.height) continue;
    const top = Math.max(0, r.top - top0 + shift);
    const bottom = r.bottom - top0 + shift;
    const pageStart = Math.floor(top / PAGE_PX) * PAGE_PX;
    const splits = el.tagName === 'P' && r.height > 3 * parseFloat(getComputedStyle(el).lineHeight || '0');
    // Where it starts: the next page when it would cross this page's end and cannot be split there.
    const crosses = bottom > pageStart + PAGE_PX + 0.5 && !splits;
    const target = crosses ? pageStart + PAGE_PX : pageStart;
    // The headings, captions and header row just before it go with it when they were left on the page before.
    let from = crosses ? top : null;
    for (let j = i - 1; j >= 0; j--) {
      const prev = atoms[j]!;
      if (!keepsWithNext(prev)) break;
      const prevTop = prev.getBoundingClientRect().top - top0 + shift;
      if (prevTop >= target || prevTop < target - PAGE_PX) break;
      from = prevTop;
    }
    if (from !== null) {
      // A row moved alone takes its table's header row with it (thead repeats on each page).
      const head = crosses && from === top && el.tagName === 'TR' && !el.closest('thead') && el.previousElementSibling ? (el.closest('table')?.querySelector('thead')?.getBoundingClientRect().height ?? 0) : 0;
      shift += target - from + head;
    }
    end = Math.max(end, r.bottom - top0 + shift);
  }
  const used = end - Math.floor(end / PAGE_PX) * PAGE_PX;
  const style = getComputedStyle(record);
  const need = parseFloat(style.marginTop) + record.getBoundingClientRect().height;
  let gap = PAGE_PX - used - need - 4;
  if (gap < 0) gap += PAGE_PX;
  return Math.max(0, gap);
}

export const ReportDocumentView = ({ doc }: { doc: ReportDocument }) => {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const sheet = ref.current;
    if (!sheet) return;
    const update = () => sheet.style.setProperty('--report-foot-gap', `${footGap(sheet).toFixed(1)}px`);
    update();
    // Charts, fonts and the window settle after the first paint.
    const observer = new ResizeObserver(update);
    observer.observe(sheet);
    void document.fonts?.ready.then(update);
    window.addEventListener('beforeprint', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', update);
    };
  }, [doc]);
  return (
  <article className="report-sheet" data-testid="report-sheet" lang="zh-CN" ref={ref}>
    <div className="report-issuer">{doc.issuer}</div>
    <div className="report-number">{doc.docNumber ?? '\u00a0'}</div>
    <h1>{doc.title}</h1>
    {doc.subtitle ? <p className="report-subtitle">{doc.subtitle}</p> : null}
    <div className="report-title-gap" />
    {doc.sections.map((s, i) => <Section key={i} section={s} n={i + 1} />)}
    <div className="report-title-gap" />
    <p className="report-signature">{doc.issuer}</p>
    <p className="report-signature">{chineseDate(doc.date)}</p>
    <div className="report-foot-gap" aria-hidden="true" />
    <div className="report-record" data-testid="report-record">
      {doc.copyTo?.length ? <div className="copy-to">{`抄送：${doc.copyTo.join('，')}。`}</div> : null}
      <div className={`printed${doc.copyTo?.length ? '' : ' alone'}`}>
        <span>{doc.printedBy ?? doc.issuer}</span>
        <span>{`${chineseDate(doc.date)}印发`}</span>
      </div>
    </div>
  </article>
  );
};
