// PartyDocument[] → one PDF (pdfmake 0.3, server side), each document starting on a new page. The text is set in
// Liberation Serif (metric-compatible with Times New Roman), shipped in the repository's fonts/ folder and
// embedded (subset) in every file. The fonts are read once per process into pdfmake's virtual file system.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

// ---- the slice of pdfmake 0.3's API used here (the package ships no types) ----

/** A pdfmake content node (the document-definition format is plain data). */
type Node = string | { [key: string]: unknown };

interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  addFonts(
    fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>,
  ): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const fontFamily = 'LiberationSerif';
const fontFiles = {
  normal: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italics: 'LiberationSerif-Italic.ttf',
  bolditalics: 'LiberationSerif-BoldItalic.ttf',
} as const;

/**
 * The repository's fonts/ folder: under the working directory when the server runs from the project root, else
 * found by walking up from this module (src/server/features/documents under tsx, dist/server in the bundle).
 */
export function findFontsDir(start: string = import.meta.dirname, cwd: string = process.cwd()): string {
  const has = (dir: string): boolean => existsSync(join(dir, 'fonts', fontFiles.normal));
  if (has(cwd)) return join(cwd, 'fonts');
  let dir = start;
  for (;;) {
    if (has(dir)) return join(dir, 'fonts');
    const up = dirname(dir);
    if (up === dir) throw new Error(`fonts/${fontFiles.normal} not found in ${cwd} or above ${start}`);
    dir = up;
  }
}

let engine: PdfMake | null = null;

/** Loads pdfmake and registers the fonts once per process. */
function pdfmake(): PdfMake {
  if (engine) return engine;
  const pm = createRequire(import.meta.url)('pdfmake') as PdfMake;
  const dir = findFontsDir();
  const names = {} as Record<keyof typeof fontFiles, string>;
  for (const [style, file] of Object.entries(fontFiles) as [keyof typeof fontFiles, string][]) {
    const name = `chibo/${file}`; // our own prefix in pdfmake's shared virtual file system
    if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, readFileSync(join(dir, file)));
    names[style] = name;
  }
  pm.addFonts({ [fontFamily]: names });
  // Every resource is in the virtual file system: never fetch a URL or read a local path named in a definition.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  engine = pm;
  return pm;
}

// ---- layout ----

const mmToPt = (mm: number): number => (mm * 72) / 25.4;
const textWidth = mmToPt(page.textWidthMm);
const firstLineIndent = mmToPt(10);
const lineHeight = 1.15;

/** A short horizontal rule of `widthMm`, centred in its column (pdfmake aligns a canvas by its width). */
function rule(widthMm: number, margin: [number, number, number, number] = [0, 1, 0, 0]): Node {
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: mmToPt(widthMm), y2: 0, lineWidth: 0.6 }],
    alignment: 'center',
    margin,
  };
}

function header(doc: PartyDocument): Node {
  const h = doc.header;
  const left: Node[] = [
    { text: upperVi(h.superior), fontSize: page.headerPt },
    { text: upperVi(h.issuer), fontSize: page.headerPt, bold: true },
    { text: '*', fontSize: page.headerPt },
  ];
  if (h.number) left.push({ text: numberLine(h.number), fontSize: page.headerPt, margin: [0, 2, 0, 0] });
  const rightWidth = mmToPt(page.headerRightMm);
  const right: Node[] = [
    { text: partyName, fontSize: page.partyNamePt, bold: true },
    rule(60, [0, 1, 0, 0]),
    { text: placeDateLine(h.place, h.date), italics: true, margin: [0, 8, 0, 0] },
  ];
  return {
    columns: [
      { width: mmToPt(page.headerLeftMm), stack: left, alignment: 'center' },
      { width: rightWidth, stack: right, alignment: 'center' },
    ],
    columnGap: 0,
    lineHeight: 1,
  };
}

function signature(s: PartySignature): Node[] {
  const out: Node[] = [];
  if (s.authority) out.push({ text: upperVi(s.authority), bold: true });
  out.push({ text: upperVi(s.position), bold: true });
  if (s.note) out.push({ text: s.note, italics: true, fontSize: 12, margin: [0, 18, 0, 18] });
  else out.push({ text: ' ', margin: [0, 24, 0, 24] });
  out.push({ text: s.name, bold: true });
  return out;
}

function recipients(items: string[]): Node[] {
  return [
    { text: 'Nơi nhận:', bold: true, italics: true, fontSize: page.recipientsLabelPt },
    ...recipientLines(items).map((t) => ({ text: t, fontSize: page.recipientsPt })),
  ];
}

function closing(doc: PartyDocument): Node | null {
  const left: Node[] = [];
  if (doc.secondSignature) left.push({ stack: signature(doc.secondSignature), alignment: 'center' });
  if (doc.recipients && doc.recipients.length > 0) {
    left.push({
      stack: recipients(doc.recipients),
      alignment: 'left',
      margin: [0, left.length ? 12 : 0, 0, 0],
    });
  }
  const right = doc.signature ? signature(doc.signature) : [];
  if (left.length === 0 && right.length === 0) return null;
  const half = textWidth / 2;
  const leftWidth = doc.secondSignature ? half : mmToPt(page.headerLeftMm);
  return {
    columns: [
      { width: leftWidth, stack: left.length ? left : [' '] },
      { width: textWidth - leftWidth, stack: right.length ? right : [' '], alignment: 'center' },
    ],
    columnGap: 0,
    lineHeight: 1,
    margin: [0, 6, 0, 0],
    unbreakable: true,
  };
}

function table(block: Extract<Block, { kind: 'table' }>): Node {
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  // pdfmake's widths exclude the cell padding (4 pt each side) and the vertical lines.
  const inner = textWidth - block.columns.length * 8 - (block.columns.length + 1) * 0.5;
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: block.columns.map((c) => (inner * c.width) / total),
      body: [
        block.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center' })),
        ...block.rows.map((row) =>
          block.columns.map((c, i) => ({ text: row[i] ?? '', alignment: c.align ?? 'left' })),
        ),
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize: page.tablePt,
    lineHeight: 1,
    margin: [0, 2, 0, 8],
  };
}

function block(b: Block): Node {
  switch (b.kind) {
    case 'heading':
      return {
        text: b.text,
        bold: true,
        italics: b.level === 2,
        alignment: 'justify',
        leadingIndent: firstLineIndent,
        margin: [0, b.level === 1 ? 6 : 3, 0, 6],
        headlineLevel: b.level, // kept with what follows: see pageBreakBefore in renderPdf
      };
    case 'paragraph': {
      const runs = b.runs ?? [{ text: b.text ?? '' }];
      const indent = !b.noIndent && (b.align ?? 'justify') === 'justify';
      return {
        text: runs.map((r) => ({ text: r.text, bold: r.bold ?? b.bold, italics: r.italic ?? b.italic })),
        alignment: b.align ?? 'justify',
        ...(indent ? { leadingIndent: firstLineIndent } : {}),
        margin: [0, 0, 0, 6],
      };
    }
    case 'table':
      return table(b);
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
  }
}

function content(doc: PartyDocument, first: boolean): Node[] {
  const out: Node[] = [
    { ...(header(doc) as object), ...(first ? {} : { pageBreak: 'before' }) },
    {
      text: upperVi(doc.typeName),
      bold: true,
      fontSize: page.typeNamePt,
      alignment: 'center',
      margin: [0, 18, 0, 0],
    },
  ];
  if (doc.subject) out.push({ text: doc.subject, bold: true, alignment: 'center', margin: [0, 2, 0, 0] });
  out.push(rule(25, [0, 3, 0, 14]));
  for (const b of doc.blocks) out.push(block(b));
  const end = closing(doc);
  if (end) {
    // The signatures never stand alone on a page: the last paragraph goes with them.
    const last = doc.blocks.at(-1);
    if (last?.kind === 'paragraph') out.push({ stack: [out.pop()!, end], unbreakable: true });
    else out.push(end);
  }
  (doc.afterSignature ?? []).forEach((b, i) => {
    const node = block(b);
    out.push(i === 0 && typeof node === 'object' ? { stack: [node], margin: [0, 18, 0, 0] } : node);
  });
  return out;
}

/** Renders the documents into one PDF, each starting on a new page. */
export async function renderPdf(docs: PartyDocument[]): Promise<Buffer> {
  if (docs.length === 0) throw new Error('renderPdf: no documents');
  const pm = pdfmake();
  const first = docs[0]!;
  const definition = {
    pageSize: 'A4',
    pageMargins: [
      mmToPt(page.margin.leftMm),
      mmToPt(page.margin.topMm),
      mmToPt(page.margin.rightMm),
      mmToPt(page.margin.bottomMm),
    ],
    info: {
      title: docs.length === 1 ? `${first.typeName} ${first.subject ?? ''}`.trim() : first.header.issuer,
      author: first.header.issuer,
      creator: 'Chi bộ số',
      producer: 'Chi bộ số',
    },
    language: 'vi-VN',
    defaultStyle: { font: fontFamily, fontSize: page.bodyPt, lineHeight },
    content: docs.flatMap((d, i) => content(d, i === 0)),
    // A heading never ends a page: move it to the next page when nothing of what follows fits after it.
    pageBreakBefore: (node: { headlineLevel?: number }, around: { getFollowingNodesOnPage(): unknown[] }) =>
      node.headlineLevel !== undefined && around.getFollowingNodesOnPage().length === 0,
  };
  return pm.createPdf(definition).getBuffer();
}
