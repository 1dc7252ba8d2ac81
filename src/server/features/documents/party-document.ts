// A small, renderer-neutral model of one document in the Party format (thể thức văn bản của Đảng,
// HD 36-HD/VPTW as summarised in party-work-reference.md §13), and the text helpers both renderers share.
// render-docx.ts and render-pdf.ts turn a list of these into one file; meeting-documents.ts builds them.

/** The two-column header: superior + issuer (+ "*" and number) on the left, the Party's name and the date on the right. */
export interface PartyHeader {
  /** Directly superior party organisation, e.g. 'Đảng ủy xã Tân Lập' (the renderers upper-case it). */
  superior: string;
  /** Issuing organisation, e.g. 'Chi bộ thôn Đông Hạ' (upper-cased, bold). */
  issuer: string;
  /** Number and symbol without "Số", e.g. '03-NQ/CB' (rendered "Số 03-NQ/CB"); null for none. */
  number: string | null;
  /** Locality for the date line, e.g. 'Tân Lập'. */
  place: string;
  /** ISO date (yyyy-mm-dd) of the document; rendered "Tân Lập, ngày 03 tháng 12 năm 2026". */
  date: string;
}

/** A signature block: "T/M CHI BỘ" / "BÍ THƯ" / space to sign / name. */
export interface PartySignature {
  /** Authority prefix, e.g. 'T/M CHI BỘ'; '' for none (a minute-taker signs for themself). */
  authority: string;
  /** Position, e.g. 'BÍ THƯ', 'CHỦ TRÌ', 'THƯ KÝ'. */
  position: string;
  name: string;
  /** Optional small italic line in the signing space, e.g. '(Đã ký lúc 21:10 03/12/2026)'. */
  note?: string | null;
}

/** A piece of a paragraph with its own emphasis. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface TableColumn {
  header: string;
  /** Relative width (any unit; the renderers scale the columns to the text width). */
  width: number;
  /** Alignment of the body cells (headers are centred); default 'left'. */
  align?: 'left' | 'center';
}

export type Block =
  /** Level 1: 'I. …' bold; level 2: '1. …' bold italic. The text carries its own numbering. */
  | { kind: 'heading'; level: 1 | 2; text: string }
  /**
   * Body paragraph, justified with a first-line indent unless `align` says otherwise. Give either `text`
   * (with whole-paragraph `bold`/`italic`) or `runs` for mixed emphasis ("**Đồng chí X:** ý kiến").
   */
  | {
      kind: 'paragraph';
      text?: string;
      runs?: TextRun[];
      bold?: boolean;
      italic?: boolean;
      align?: 'justify' | 'center' | 'left' | 'right';
      /** No first-line indent (lists, table captions). */
      noIndent?: boolean;
    }
  /** A bordered table with a bold header row; `rows` are cell texts, one array per row. */
  | { kind: 'table'; columns: TableColumn[]; rows: string[][] }
  | { kind: 'pageBreak' };

export interface PartyDocument {
  header: PartyHeader;
  /** Type name, centred bold upper case: 'NGHỊ QUYẾT', 'BIÊN BẢN', … */
  typeName: string;
  /** Trích yếu (subject line) under the type name, bold, followed by a short rule; null for none. */
  subject: string | null;
  blocks: Block[];
  /** Nơi nhận items without the leading '- ' or trailing punctuation (the renderers add them); null for none. */
  recipients: string[] | null;
  /** The right-hand signature block; null for none. */
  signature: PartySignature | null;
  /**
   * A second signature on the left, side by side with `signature` (minutes: THƯ KÝ left, CHỦ TRÌ right).
   * When there are recipients too, they follow below on the left.
   */
  secondSignature?: PartySignature | null;
  /** Blocks after the signatures (e.g. the minutes' addenda). */
  afterSignature?: Block[];
}

// ---- shared formatting ----

/** Page geometry shared by both renderers (A4; HD36 margins). */
export const page = {
  widthMm: 210,
  heightMm: 297,
  margin: { topMm: 20, bottomMm: 20, leftMm: 30, rightMm: 15 },
  /** Text width: 210 − 30 − 15. */
  textWidthMm: 165,
  /** Header columns: left (organisation) and right (Party name, date), in mm; they add up to textWidthMm. */
  headerLeftMm: 72,
  headerRightMm: 93,
  bodyPt: 14,
  tablePt: 12,
  headerPt: 13,
  partyNamePt: 14,
  typeNamePt: 15,
  recipientsLabelPt: 12,
  recipientsPt: 11,
} as const;

export const partyName = 'ĐẢNG CỘNG SẢN VIỆT NAM';

/** Upper case the Vietnamese way (header names, type names). */
export function upperVi(s: string): string {
  return s.toLocaleUpperCase('vi');
}

/**
 * "Tân Lập, ngày 03 tháng 12 năm 2026": days 1–9 and months 1–2 take a leading zero (HD36), other months
 * do not ("ngày 14 tháng 3 năm 2026").
 */
export function placeDateLine(place: string, isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** 'Số 03-NQ/CB' (hyphen, no colon). */
export function numberLine(number: string): string {
  return `Số ${number}`;
}

/** Nơi nhận items: '- A,' … '- Lưu chi bộ.' */
export function recipientLines(items: string[]): string[] {
  return items.map((item, i) => `- ${item.replace(/[,.;]\s*$/, '')}${i === items.length - 1 ? '.' : ','}`);
}
