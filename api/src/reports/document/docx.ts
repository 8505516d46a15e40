// The .docx of a report in the house style of a Chinese government document (GB/T 9704—2012): A4 with the
// standard margins, the issuing organ in red over a red rule, the title in 方正小标宋 2号, 黑体 一、 headings,
// 楷体 （一） sub-headings, a 仿宋 3号 body on a 28.95 pt grid, tables whose header row repeats on every page,
// charts as PNG images, "— 1 —" page numbers (odd pages right, even left) and the 版记 (抄送/印发 between rules).
// The font table names a fallback for each 方正/GB2312 face, so Word and WPS without them use 宋体/仿宋/楷体/黑体.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  OverlapType,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Paragraph,
  ShadingType,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { DEFAULT_CHART_SIZE, MissingCjkFontError, renderChartPng } from './charts';
import { chineseDate, chineseNumber, columnWidths, formatCell, isMarked, isNumeric } from './format';
import type { ReportBlock, ReportChart, ReportDocument, ReportSection, ReportTable } from './model';

// Twips (1/1440 inch): 1 mm = 56.7 twips; 1 pt = 20 twips. Font sizes are in half-points.
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const PAGE = { width: 11906, height: 16838 }; // A4
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 156 mm
const LINE = 579; // 28.95 pt: 22 lines a page, as GB/T 9704 sets
const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21, xiaowu: 18 }; // 2号 22pt, 3号 16pt, 4号 14pt, 小四, 5号, 小五
const INDENT_2 = 2 * 320; // two characters of 3号
const RED = 'C00000';

const FONT = {
  title: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  fang: '仿宋_GB2312',
  song: '宋体',
} as const;
const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN });

type Run = Omit<IRunOptions, 'children'>;
const run = (text: string, face: string, size: number, extra: Run = {}) => new TextRun({ text, font: font(face), size, ...extra });

/** Body paragraph: 仿宋 3号, first line indented two characters, on the 28.95 pt grid. */
function bodyParagraph(children: ParagraphChild[], opts: { indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: INDENT_2 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  });
}

function emptyLine(): Paragraph {
  return new Paragraph({ children: [], spacing: { line: LINE, lineRule: LineRuleType.EXACT } });
}

/** The 版头: issuing organ in red, the document number, the red rule; then the title. */
function head(doc: ReportDocument): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 120 },
      children: [run(doc.issuer, FONT.title, 52, { color: RED, characterSpacing: 20 })],
    }),
  ];
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 0, line: LINE, lineRule: LineRuleType.EXACT },
      // A red rule under the number line (版头中的分隔线), 156 mm wide.
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      children: [run(doc.docNumber ?? '', FONT.fang, SIZE.san)],
    }),
  );
  out.push(emptyLine());
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(doc.title, FONT.title, SIZE.er)],
    }),
  );
  if (doc.subtitle) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(doc.subtitle, FONT.kai, SIZE.san)] }));
  }
  out.push(emptyLine());
  return out;
}

function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    keepNext: true,
    keepLines: true,
    indent: { firstLine: INDENT_2 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    children: [run(text, level === 1 ? FONT.hei : FONT.kai, SIZE.san, level === 2 ? { bold: true } : {})],
  });
}

/** A table of the document: caption above (黑体), header row repeated on each page, below-target cells red and bold. */
function table(t: ReportTable): (Paragraph | Table)[] {
  const wide = t.columns.length > 8;
  const size = wide ? SIZE.xiaowu : SIZE.wu;
  const weights = columnWidths(t);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cellPara = (text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType], extra: Run = {}, face: string = FONT.fang) =>
    new Paragraph({ alignment: align, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, children: [run(text, face, size, extra)] });
  const margins = { top: 40, bottom: 40, left: 60, right: 60 };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map((c, i) =>
      new TableCell({
        width: { size: widths[i]!, type: WidthType.DXA },
        borders,
        margins,
        verticalAlign: VerticalAlignTable.CENTER,
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' },
        children: [cellPara(c.label, AlignmentType.CENTER, { bold: true }, FONT.hei)],
      }),
    ),
  });
  const rows = t.rows.map((r, ri) =>
    new TableRow({
      cantSplit: true,
      children: t.columns.map((c, i) => {
        const marked = isMarked(t, ri, c);
        return new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          borders,
          margins,
          verticalAlign: VerticalAlignTable.CENTER,
          children: [cellPara(formatCell(r[c.key], c.format), isNumeric(c.format) ? AlignmentType.RIGHT : AlignmentType.LEFT, marked ? { bold: true, color: RED } : {})],
        });
      }),
    }),
  );
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 60, line: 360, lineRule: LineRuleType.AUTO },
      children: [run(t.title, FONT.hei, SIZE.xiaosi)],
    }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      rows: [header, ...rows],
    }),
  ];
  out.push(
    new Paragraph({
      spacing: { before: 60, after: 120, line: 300, lineRule: LineRuleType.AUTO },
      children: t.note ? [run(`注：${t.note}`, FONT.fang, SIZE.wu)] : [],
    }),
  );
  return out;
}

// Shown at 580×290 px (153 mm wide, inside the 156 mm text block), drawn at twice that for print.
const CHART_DISPLAY = { width: 580, height: 290 };

async function chart(c: ReportChart): Promise<Paragraph[]> {
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 120, line: 360, lineRule: LineRuleType.AUTO },
    children: [run(c.title, FONT.hei, SIZE.xiaosi)],
  });
  try {
    const img = await renderChartPng(c, { ...CHART_DISPLAY, scale: DEFAULT_CHART_SIZE.scale });
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120, after: 0, line: 240, lineRule: LineRuleType.AUTO }, // an exact line height would clip the picture
        children: [new ImageRun({ type: 'png', data: img.png, transformation: CHART_DISPLAY, altText: { name: c.id, title: c.title, description: c.title } })],
      }),
      caption,
    ];
  } catch (e) {
    if (!(e instanceof MissingCjkFontError)) throw e;
    // Without a Chinese font the labels would be empty boxes: say why instead of printing a broken picture.
    return [bodyParagraph([run(`〔${c.title}：图表未能生成（${e.message}）〕`, FONT.kai, SIZE.si)], { indent: false }), caption];
  }
}

async function blocks(list: ReportBlock[]): Promise<(Paragraph | Table)[]> {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    if (b.type === 'paragraph') out.push(bodyParagraph([run(b.text, FONT.fang, SIZE.san)]));
    else if (b.type === 'list') b.items.forEach((item, i) => out.push(bodyParagraph([run(`${i + 1}．${item}`, FONT.fang, SIZE.san)])));
    else if (b.type === 'table') out.push(...table(b.table));
    else if (b.type === 'chart') out.push(...(await chart(b.chart)));
  }
  return out;
}

async function section(s: ReportSection, n: number): Promise<(Paragraph | Table)[]> {
  const out: (Paragraph | Table)[] = [heading(`${chineseNumber(n)}、${s.heading}`, 1), ...(await blocks(s.blocks))];
  for (const [i, sub] of (s.subsections ?? []).entries()) {
    out.push(heading(`（${chineseNumber(i + 1)}）${sub.heading}`, 2), ...(await blocks(sub.blocks)));
    // Deeper levels are not part of the model's numbering: their blocks follow in order.
    for (const deeper of sub.subsections ?? []) out.push(bodyParagraph([run(deeper.heading, FONT.fang, SIZE.san, { bold: true })]), ...(await blocks(deeper.blocks)));
  }
  return out;
}

/**
 * The signature (issuer and date, right-aligned), then the 版记 (抄送 and 印发 lines between rules) at the foot of
 * the last page (GB/T 9704—2012 §8): a table floated to the bottom of the text area (w:tblpPr tblpYSpec="bottom",
 * no text beside it), anchored to the document's last paragraph. It is a little narrower than the text area:
 * LibreOffice keeps a table as wide as the text in line with it instead of floating it.
 */
const RECORD_WIDTH = TEXT_WIDTH - 600; // ≈ 1 cm narrower, centred (2 mm is not enough for LibreOffice 7.4)

function closing(doc: ReportDocument): (Paragraph | Table)[] {
  const right = (text: string) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text, FONT.fang, SIZE.san)] });
  const out: (Paragraph | Table)[] = [emptyLine(), right(doc.issuer), right(chineseDate(doc.date))];
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const copyTo = doc.copyTo?.length ? doc.copyTo : null;
  const printed = doc.printedBy ?? doc.issuer;
  const note = { left: 280, right: 280 }; // 版记 lines indent one character each side
  const line = (children: ParagraphChild[], extra: { hanging?: boolean; tab?: boolean } = {}) =>
    new Paragraph({
      indent: extra.hanging ? { ...note, hanging: 3 * 280, left: note.left + 3 * 280 } : note,
      spacing: { before: 40, after: 40, line: 440, lineRule: LineRuleType.EXACT },
      ...(extra.tab ? { tabStops: [{ type: TabStopType.RIGHT, position: RECORD_WIDTH - note.right }] } : {}),
      children,
    });
  const cell = (top: typeof thick, bottom: typeof thick, p: Paragraph) =>
    new TableCell({ width: { size: RECORD_WIDTH, type: WidthType.DXA }, borders: { top, bottom, left: none, right: none }, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children: [p] });
  const rows: TableRow[] = [];
  if (copyTo) rows.push(new TableRow({ cantSplit: true, children: [cell(thick, thin, line([run(`抄送：${copyTo.join('，')}。`, FONT.fang, SIZE.si)], { hanging: true }))] }));
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [cell(copyTo ? thin : thick, thick, line([run(printed, FONT.fang, SIZE.si), run(`\t${chineseDate(doc.date)}印发`, FONT.fang, SIZE.si)], { tab: true }))],
    }),
  );
  out.push(
    new Table({
      width: { size: RECORD_WIDTH, type: WidthType.DXA },
      columnWidths: [RECORD_WIDTH],
      layout: TableLayoutType.FIXED,
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      float: {
        horizontalAnchor: TableAnchorType.MARGIN,
        relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
        verticalAnchor: TableAnchorType.MARGIN,
        relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
        topFromText: 240,
        overlap: OverlapType.NEVER,
      },
      rows,
    }),
    // The paragraph the floating table is anchored to (a document cannot end with a table).
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
  );
  return out;
}

/** "— 1 —" in 宋体 4号: odd pages on the right, even pages on the left, one character in from the edge. */
function pageNumber(align: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.song), size: SIZE.si })],
      }),
    ],
  });
}

// Word and WPS substitute a missing face by its altName; LibreOffice by fontconfig (the zh-CN language mark helps).
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
${[
  [FONT.title, '宋体', 'roman'],
  [FONT.fang, '仿宋', 'modern'],
  [FONT.kai, '楷体', 'modern'],
  [FONT.hei, 'SimHei', 'modern'],
  [FONT.song, 'SimSun', 'auto'],
  ['仿宋', 'FangSong', 'modern'],
  ['楷体', 'KaiTi', 'modern'],
]
  .map(([name, alt, family]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`)
  .join('\n')}
<w:font w:name="${LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;

export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [...head(doc)];
  for (const [i, s] of doc.sections.entries()) body.push(...(await section(s, i + 1)));
  body.push(...closing(doc));
  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    description: `${doc.kind} ${doc.period}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONT.fang), size: SIZE.san, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: { ...MARGIN, header: mm(15), footer: mm(18) },
          },
        },
        footers: { default: pageNumber('right'), even: pageNumber('left') },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}
