// PartyDocument[] → one .docx (docx 9.x). Each document is its own section, so the next starts on a new page:
// that is how the year's minutes book and resolutions book are made. Times New Roman 14 pt, A4, HD36 margins.
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type ISectionOptions,
} from 'docx';
import {
  numberLine,
  page,
  partyName,
  placeDateLine,
  recipientLines,
  upperVi,
  type Block,
  type PartyDocument,
  type PartySignature,
} from './party-document.ts';

const font = 'Times New Roman';
/** docx sizes are half-points. */
const hp = (pt: number): number => pt * 2;
const pt = (points: number): number => points * 20; // twips
/** Millimetres to twips, rounded (docx's convertMillimetersToTwip truncates: A4 would be 11905 × 16837). */
const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};
const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const thinBorders = {
  top: thin,
  bottom: thin,
  left: thin,
  right: thin,
  insideHorizontal: thin,
  insideVertical: thin,
};
const cellNoBorders = { top: none, bottom: none, left: none, right: none };

interface LineOptions {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  before?: number;
  after?: number;
}

/** One centred (by default) line of text with no paragraph spacing: the header and signature pieces. */
function line(text: string, o: LineOptions = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [
      new TextRun({
        text,
        bold: o.bold,
        italics: o.italics,
        size: o.size === undefined ? undefined : hp(o.size),
      }),
    ],
  });
}

/** A short horizontal rule of `widthMm`, centred in a column of `columnMm`: an empty paragraph with a top border. */
function rule(widthMm: number, columnMm: number, after = 0): Paragraph {
  const side = Math.max(0, (columnMm - widthMm) / 2);
  return new Paragraph({
    indent: { left: mm(side), right: mm(side) },
    spacing: { before: pt(1), after, line: pt(2), lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } },
    children: [new TextRun({ text: '', size: hp(2) })],
  });
}

function borderlessCell(children: Paragraph[], widthMm: number): TableCell {
  return new TableCell({
    children,
    width: { size: mm(widthMm), type: WidthType.DXA },
    borders: cellNoBorders,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    verticalAlign: VerticalAlignTable.TOP,
  });
}

/** Two borderless columns with given widths (mm) in the text width. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftMm: number, rightMm: number): Table {
  return new Table({
    width: { size: mm(leftMm + rightMm), type: WidthType.DXA },
    columnWidths: [mm(leftMm), mm(rightMm)],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [borderlessCell(left, leftMm), borderlessCell(right, rightMm)],
      }),
    ],
  });
}

function headerTable(doc: PartyDocument): Table {
  const h = doc.header;
  const left = [
    line(upperVi(h.superior), { size: page.headerPt }),
    line(upperVi(h.issuer), { size: page.headerPt, bold: true }),
    line('*', { size: page.headerPt }),
  ];
  if (h.number) left.push(line(numberLine(h.number), { size: page.headerPt, before: pt(2) }));
  const right = [
    line(partyName, { size: page.partyNamePt, bold: true }),
    rule(62, page.headerRightMm),
    line(placeDateLine(h.place, h.date), { italics: true, before: pt(8) }),
  ];
  return twoColumns(left, right, page.headerLeftMm, page.headerRightMm);
}

function signatureParagraphs(s: PartySignature): Paragraph[] {
  const out: Paragraph[] = [];
  if (s.authority) out.push(line(upperVi(s.authority), { bold: true }));
  out.push(line(upperVi(s.position), { bold: true }));
  if (s.note) {
    out.push(line('', { before: pt(10) }));
    out.push(line(s.note, { italics: true, size: 12 }));
    out.push(line('', { after: pt(10) }));
  } else {
    out.push(line('', { before: pt(24), after: pt(24) }));
  }
  out.push(line(s.name, { bold: true }));
  return out;
}

function recipientParagraphs(items: string[]): Paragraph[] {
  return [
    line('Nơi nhận:', { bold: true, italics: true, size: page.recipientsLabelPt, align: AlignmentType.LEFT }),
    ...recipientLines(items).map((t) => line(t, { size: page.recipientsPt, align: AlignmentType.LEFT })),
  ];
}

function closingTable(doc: PartyDocument): Table | null {
  const left: Paragraph[] = [];
  if (doc.secondSignature) left.push(...signatureParagraphs(doc.secondSignature));
  if (doc.recipients && doc.recipients.length > 0) {
    if (left.length > 0) left.push(line('', { after: pt(12) }));
    left.push(...recipientParagraphs(doc.recipients));
  }
  const right = doc.signature ? signatureParagraphs(doc.signature) : [];
  if (left.length === 0 && right.length === 0) return null;
  if (left.length === 0) left.push(line(''));
  if (right.length === 0) right.push(line(''));
  const half = page.textWidthMm / 2;
  return twoColumns(
    left,
    right,
    doc.secondSignature ? half : page.headerLeftMm,
    doc.secondSignature ? half : page.headerRightMm,
  );
}

const alignments = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
} as const;

const bodySpacing = { before: 0, after: pt(6), line: 276, lineRule: LineRuleType.AUTO };

function tableOf(block: Extract<Block, { kind: 'table' }>): Table {
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => Math.round((mm(page.textWidthMm) * c.width) / total));
  const cell = (text: string, width: number, bold: boolean, align: 'left' | 'center'): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: text.split('\n').map(
        (t) =>
          new Paragraph({
            alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { before: 0, after: 0 },
            children: [new TextRun({ text: t, bold: bold || undefined, size: hp(page.tablePt) })],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: thinBorders,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.columns.map((c, i) => cell(c.header, widths[i]!, true, 'center')),
      }),
      ...block.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: block.columns.map((c, i) => cell(row[i] ?? '', widths[i]!, false, c.align ?? 'left')),
          }),
      ),
    ],
  });
}

function blockElements(block: Block, keepNext = false): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          keepNext: true,
          spacing: { ...bodySpacing, before: pt(block.level === 1 ? 6 : 3) },
          indent: { firstLine: mm(10) },
          alignment: AlignmentType.JUSTIFIED,
          children: [new TextRun({ text: block.text, bold: true, italics: block.level === 2 || undefined })],
        }),
      ];
    case 'paragraph': {
      const runs = block.runs ?? [{ text: block.text ?? '' }];
      return [
        new Paragraph({
          keepNext: keepNext || undefined,
          alignment: alignments[block.align ?? 'justify'],
          indent:
            block.noIndent || (block.align && block.align !== 'justify') ? undefined : { firstLine: mm(10) },
          spacing: bodySpacing,
          children: runs.map(
            (r) =>
              new TextRun({
                text: r.text,
                bold: r.bold ?? block.bold,
                italics: r.italic ?? block.italic,
              }),
          ),
        }),
      ];
    }
    case 'table':
      // A table is followed by an empty line so two tables or a table and text do not touch.
      return [tableOf(block), new Paragraph({ spacing: { before: 0, after: pt(3) }, children: [] })];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function section(doc: PartyDocument): ISectionOptions {
  const children: (Paragraph | Table)[] = [headerTable(doc)];
  children.push(line(upperVi(doc.typeName), { bold: true, size: page.typeNamePt, before: pt(18) }));
  if (doc.subject) children.push(line(doc.subject, { bold: true, before: pt(2) }));
  children.push(rule(25, page.textWidthMm, pt(12)));
  doc.blocks.forEach((b, i) => {
    // The last paragraph is kept on the page of the signatures, which never stand alone.
    const keepNext = i === doc.blocks.length - 1 && b.kind === 'paragraph';
    children.push(...blockElements(b, keepNext));
  });
  const closing = closingTable(doc);
  if (closing) {
    children.push(new Paragraph({ keepNext: true, spacing: { before: 0, after: pt(6) }, children: [] }));
    children.push(closing);
  }
  if (doc.afterSignature?.length)
    children.push(new Paragraph({ spacing: { before: 0, after: pt(12) }, children: [] }));
  for (const b of doc.afterSignature ?? []) children.push(...blockElements(b));
  return {
    properties: {
      page: {
        size: { width: mm(page.widthMm), height: mm(page.heightMm) },
        margin: {
          top: mm(page.margin.topMm),
          bottom: mm(page.margin.bottomMm),
          left: mm(page.margin.leftMm),
          right: mm(page.margin.rightMm),
        },
      },
    },
    children,
  };
}

/** Renders the documents into one .docx, each starting on a new page. */
export async function renderDocx(docs: PartyDocument[]): Promise<Buffer> {
  if (docs.length === 0) throw new Error('renderDocx: no documents');
  const file = new Document({
    creator: 'Chi bộ số',
    title:
      docs.length === 1 ? `${docs[0]!.typeName} ${docs[0]!.subject ?? ''}`.trim() : docs[0]!.header.issuer,
    styles: {
      default: {
        document: {
          run: { font, size: hp(page.bodyPt), language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: docs.map(section),
  });
  return Packer.toBuffer(file);
}
