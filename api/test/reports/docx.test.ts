// The .docx renderer: parsed back with mammoth (what Word would show as text, tables and pictures) and read as
// XML for what mammoth drops (page size and margins, repeated header rows, fonts, the page-number field).
import mammoth from 'mammoth';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/reports/document/docx';
import { chineseNumber, formatCell, isMarked } from '../../src/reports/document/format';
import type { ReportDocument, ReportSection, ReportTable } from '../../src/reports/document/model';
import { documentTables } from '../../src/reports/document/xlsx';
import { monthlyFixture } from './fixtures/monthly';
import { unzip } from './fixtures/unzip';
import { weeklyFixture } from './fixtures/weekly';

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').trim();

/** The tables of mammoth's HTML as rows of cell texts. */
function htmlTables(html: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
    [...t[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1]!))),
  );
}

const charts = (d: ReportDocument) => {
  const walk = (s: ReportSection): number => s.blocks.filter((b) => b.type === 'chart').length + (s.subsections ?? []).reduce((a, x) => a + walk(x), 0);
  return d.sections.reduce((a, s) => a + walk(s), 0);
};

const expectedRows = (t: ReportTable) => [t.columns.map((c) => c.label), ...t.rows.map((r) => t.columns.map((c) => formatCell(r[c.key], c.format)))];

describe.each([
  ['周报', weeklyFixture],
  ['月报', monthlyFixture],
])('renderDocx %s', (_name, doc) => {
  let html = '';
  let parts: Map<string, Buffer>;
  let documentXml = '';
  beforeAll(async () => {
    const buf = await renderDocx(doc);
    html = (await mammoth.convertToHtml({ buffer: buf })).value;
    parts = unzip(buf);
    documentXml = parts.get('word/document.xml')!.toString('utf8');
  }, 120_000);

  it('has the issuer, number, title and numbered headings', () => {
    const paragraphs = [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => text(m[1]!));
    expect(paragraphs.slice(0, 3)).toEqual([doc.issuer, doc.docNumber, doc.title]); // mammoth drops the empty lines
    doc.sections.forEach((s, i) => {
      expect(paragraphs).toContain(`${chineseNumber(i + 1)}、${s.heading}`);
      s.subsections?.forEach((sub, j) => expect(paragraphs).toContain(`（${chineseNumber(j + 1)}）${sub.heading}`));
    });
    expect(paragraphs.some((p) => p.startsWith('抄送：') && p.includes(doc.copyTo![0]!))).toBe(true);
    expect(paragraphs.some((p) => p.startsWith(doc.printedBy!) && p.endsWith('印发'))).toBe(true);
  });

  it('prints every table cell as the model formats it, below-target cells red and bold', () => {
    const tables = documentTables(doc);
    const rendered = htmlTables(html);
    expect(rendered).toHaveLength(tables.length + 1); // the last is the 版记 (抄送, 印发)
    expect(rendered.at(-1)!.flat().join('')).toContain('印发');
    tables.forEach((t, i) => expect(rendered[i]).toEqual(expectedRows(t)));
    // Marks: as many red runs as marked cells (the red 版头 line is not in a table).
    const marked = tables.reduce((a, t) => a + t.rows.reduce((b, _r, ri) => b + t.columns.filter((c) => isMarked(t, ri, c)).length, 0), 0);
    expect(marked).toBeGreaterThan(0);
    const redInTables = [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].reduce((a, m) => a + (m[0].match(/<w:color w:val="C00000"\/>/g)?.length ?? 0), 0);
    expect(redInTables).toBe(marked);
  });

  it('floats the 版记 to the foot of the last page (a table at the bottom of the text area, nothing beside it)', () => {
    const floats = [...documentXml.matchAll(/<w:tblpPr ([^>]*)\/>/g)].map((m) => m[1]!);
    expect(floats).toHaveLength(1);
    expect(floats[0]).toMatch(/w:tblpYSpec="bottom"/);
    expect(floats[0]).toMatch(/w:vertAnchor="margin"/);
    const last = [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].at(-1)![0];
    expect(last).toContain('<w:tblpPr');
    expect(last).toContain('印发');
    expect(last).toContain('<w:tblOverlap w:val="never"/>');
  });

  it('repeats header rows and keeps rows whole', () => {
    expect(documentXml.match(/<w:tblHeader\/>/g)?.length).toBe(documentTables(doc).length);
    expect(documentXml).toContain('<w:cantSplit/>');
  });

  it('shows each chart as a PNG picture', () => {
    const images = [...html.matchAll(/<img [^>]*src="data:image\/png;base64,([^"]+)"/g)];
    expect(images).toHaveLength(charts(doc));
    for (const m of images) expect(Buffer.from(m[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('is A4 with the GB/T 9704 margins, 仿宋 body, 小标宋 title and page numbers "— n —"', () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = documentXml.match(/<w:pgMar ([^>]*)\/>/)![1]!;
    // twips: 37, 35, 28 and 26 mm
    expect(margin).toMatch(/w:top="2098"/);
    expect(margin).toMatch(/w:bottom="1984"/);
    expect(margin).toMatch(/w:left="1587"/);
    expect(margin).toMatch(/w:right="1474"/);
    const styles = parts.get('word/styles.xml')!.toString('utf8');
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(documentXml).toMatch(/w:eastAsia="方正小标宋简体"[\s\S]*?<w:sz w:val="44"\/>/);
    expect(documentXml).toMatch(/w:eastAsia="黑体"/);
    expect(documentXml).toMatch(/w:eastAsia="楷体_GB2312"/);
    const fontTable = parts.get('word/fontTable.xml')!.toString('utf8');
    expect(fontTable).toMatch(/w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(fontTable).toMatch(/w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
    const footers = [...parts.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k)).map((k) => parts.get(k)!.toString('utf8'));
    expect(footers).toHaveLength(2); // odd pages right, even pages left
    for (const f of footers) expect(text(f.replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, 'N'))).toMatch(/— ?N ?—/);
    expect(footers.every((f) => /PAGE/.test(f))).toBe(true);
  });
});

describe('renderDocx without a Chinese font', () => {
  it('leaves a note where the chart would be', async () => {
    const before = process.env.REXIAN_FONT_DIRS;
    process.env.REXIAN_FONT_DIRS = mkdtempSync(join(tmpdir(), 'no-fonts-'));
    try {
      const doc: ReportDocument = { ...weeklyFixture, sections: [weeklyFixture.sections[1]!] };
      const html = (await mammoth.convertToHtml({ buffer: await renderDocx(doc) })).value;
      expect(html).not.toContain('<img');
      expect(html).toContain('图表未能生成');
      expect(html).toContain('fonts-noto-cjk');
    } finally {
      if (before === undefined) delete process.env.REXIAN_FONT_DIRS;
      else process.env.REXIAN_FONT_DIRS = before;
    }
  }, 60_000);
});

describe('formatCell', () => {
  it('writes rates with two decimals, changes with arrows and no value as —', () => {
    expect(formatCell(0.97727, 'percent')).toBe('97.73%');
    expect(formatCell(1, 'percent')).toBe('100.00%');
    expect(formatCell(null, 'percent')).toBe('—');
    expect(formatCell(0, 'percent')).toBe('0.00%');
    expect(formatCell(92.4, 'score')).toBe('92.40');
    expect(formatCell(0.01205, 'delta-percent')).toBe('↑1.21个百分点');
    expect(formatCell(-0.00414, 'delta-percent')).toBe('↓0.41个百分点');
    expect(formatCell(0, 'delta-percent')).toBe('持平');
    expect(formatCell(-2, 'delta-int')).toBe('↓2');
    expect(formatCell('2023-06-16T15:59:59.000Z', 'datetime')).toBe('2023-06-16 23:59');
    expect(formatCell('样本不足', 'percent')).toBe('样本不足');
  });
});
