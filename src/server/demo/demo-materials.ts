// The materials of the demo cell's prepared meetings (the next monthly meeting, and today's extraordinary one):
// the draft resolution and the preparer's report as Word files in the Party format, as the secretary would
// upload them before sending the notice. Rendered with the app's own document library, so they open like the
// documents the app produces. Few rows: plain INSERTs after the meetings are written.
import { formatDateVi } from '../../domain/dates.ts';
import type { PartyDocument } from '../features/documents/party-document.ts';
import { renderDocx } from '../features/documents/render-docx.ts';
import type { Tx } from '../platform/db.ts';

export interface PreparedMeeting {
  meetingId: string;
  cellName: string;
  /** the superior committee, e.g. 'Đảng bộ xã Tân Lập' */
  superior: string | null;
  date: string;
  /** 'YYYY-MM' */
  month: string;
  draft: string;
  /** what the meeting is about, after "thống nhất nội dung" */
  subject: string;
  uploadedBy: string | null;
  /** epoch milliseconds */
  uploadedAt: number;
}

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 'Đảng bộ xã Tân Lập' → 'Tân Lập': the locality of the date line. */
export function placeOf(superior: string | null, cellName: string): string {
  const name = superior ?? cellName;
  return name
    .replace(/^(Đảng bộ|Chi bộ)\s+/, '')
    .replace(/^(xã|phường|thị trấn|huyện|thị xã|thành phố|tỉnh|Khối)\s+/, '')
    .trim();
}

function header(p: PreparedMeeting) {
  return {
    superior: p.superior ?? 'Đảng ủy cấp trên',
    issuer: p.cellName,
    number: null,
    place: placeOf(p.superior, p.cellName),
    date: p.date,
  };
}

const monthVi = (month: string) => `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

function draftResolution(p: PreparedMeeting): PartyDocument {
  return {
    header: header(p),
    typeName: 'NGHỊ QUYẾT',
    subject: `(Dự thảo) ${p.cellName}, tháng ${monthVi(p.month)}`,
    blocks: [
      {
        kind: 'paragraph',
        italic: true,
        text: `Dự thảo trình chi bộ thảo luận, biểu quyết tại cuộc họp ngày ${formatDateVi(p.date)}.`,
      },
      { kind: 'heading', level: 1, text: 'I. Nội dung' },
      { kind: 'paragraph', text: p.draft },
      { kind: 'heading', level: 1, text: 'II. Tổ chức thực hiện' },
      {
        kind: 'paragraph',
        text: 'Chi ủy phân công đảng viên phụ trách từng nhiệm vụ, có thời hạn cụ thể; đảng viên báo cáo tiến độ trên ứng dụng và tại kỳ sinh hoạt sau.',
      },
    ],
    recipients: ['Đảng ủy cấp trên (để báo cáo)', 'Đảng viên trong chi bộ', 'Lưu chi bộ'],
    signature: { authority: 'T/M CHI BỘ', position: 'BÍ THƯ', name: '' },
  };
}

function preparatoryReport(p: PreparedMeeting): PartyDocument {
  return {
    header: header(p),
    typeName: 'BÁO CÁO',
    subject: `Chuẩn bị nội dung ${p.subject}`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Thực hiện phân công của chi ủy, báo cáo chuẩn bị nội dung ${p.subject} như sau:`,
      },
      { kind: 'heading', level: 1, text: 'I. Tình hình, kết quả' },
      {
        kind: 'paragraph',
        text: 'Tình hình tư tưởng đảng viên ổn định; các nhiệm vụ được giao cơ bản hoàn thành đúng tiến độ, một số việc còn chậm được nêu cụ thể để chi bộ thảo luận.',
      },
      { kind: 'heading', level: 1, text: 'II. Đề xuất' },
      {
        kind: 'paragraph',
        text: 'Đề nghị chi bộ thảo luận dự thảo nghị quyết kèm theo, thống nhất nhiệm vụ, người phụ trách và thời hạn.',
      },
    ],
    recipients: ['Chi ủy', 'Lưu chi bộ'],
    signature: { authority: 'T/M CHI ỦY', position: 'NGƯỜI BÁO CÁO', name: '' },
  };
}

export async function writeDemoMaterials(tx: Tx, meetings: readonly PreparedMeeting[]): Promise<void> {
  for (const p of meetings) {
    const files = [
      {
        title: 'Báo cáo chuẩn bị nội dung sinh hoạt',
        fileName: 'bao-cao-chuan-bi.docx',
        doc: preparatoryReport(p),
      },
      { title: 'Dự thảo nghị quyết', fileName: 'du-thao-nghi-quyet.docx', doc: draftResolution(p) },
    ];
    for (const [i, f] of files.entries()) {
      const content = await renderDocx([f.doc]);
      const at = new Date(p.uploadedAt + i * 60_000).toISOString();
      const [material] = await tx.query<{ id: string }>(
        'INSERT INTO meeting_material (meeting_id, title, created_at) VALUES ($1, $2, $3) RETURNING id',
        [p.meetingId, f.title, at],
      );
      await tx.query(
        `INSERT INTO meeting_material_version
           (material_id, version, file_name, mime_type, size_bytes, content, uploaded_by, uploaded_at)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7)`,
        [material!.id, f.fileName, docxType, content.length, content, p.uploadedBy, at],
      );
    }
  }
}
