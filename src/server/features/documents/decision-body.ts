// The words of a decision (resolution or conclusion) written from the facts of its meeting: a document, so in
// Vietnamese whatever the reader's language.
import { formatDateVi } from '../../../domain/dates.ts';
import { viText, type WireMessage } from '../../../domain/messages.ts';

/** What the decision's words are written from (the meeting's room as every screen shows it). */
export interface DecisionFacts {
  date: string;
  location: string;
  organizationName: string;
  draftResolution: string | null;
  room: {
    title: WireMessage;
    summary: {
      total: number;
      present: number;
      absentExcused: number;
      absentUnexcused: number;
      exempt: number;
    };
    previousAchievement: {
      share: number | null;
      achieved: number;
      due: number;
      decisionNumber: string | null;
    };
    agenda: Array<{ key: string; notes: string; conclusion: string | null }>;
  };
}

/** The decision's introduction and sections: last month's results, next month's tasks, the chair's conclusion. */
export function decisionBodyOf(f: DecisionFacts): {
  intro: string;
  sections: Array<{ heading: string; paragraphs: string[] }>;
} {
  const s = f.room.summary;
  const prev = f.room.previousAchievement;
  const intro =
    `Ngày ${formatDateVi(f.date)}, tại ${f.location || 'nơi sinh hoạt'}, ${f.organizationName} tổ chức ${viText(f.room.title)!.toLowerCase()}. ` +
    `Tổng số đảng viên ${s.total}, có mặt ${s.present}, vắng có lý do ${s.absentExcused}, vắng không lý do ${s.absentUnexcused}, miễn sinh hoạt ${s.exempt}.`;
  const sections = [
    {
      heading: 'I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC',
      paragraphs: [
        prev.share === null
          ? 'Tháng trước không có nhiệm vụ đến hạn.'
          : `Hoàn thành ${prev.achieved}/${prev.due} nhiệm vụ của nghị quyết ${prev.decisionNumber ?? 'tháng trước'}.`,
        ...f.room.agenda
          .filter((a) => a.key === 'previous_decision_review' && (a.conclusion || a.notes))
          .map((a) => a.conclusion || a.notes),
      ],
    },
    {
      heading: 'II. NHIỆM VỤ THÁNG TỚI',
      paragraphs: (f.draftResolution ?? '')
        .split(/\n+/)
        .map((x) => x.trim())
        .filter(Boolean),
    },
  ];
  const conclusion = f.room.agenda.find((a) => a.key === 'conclusion')?.conclusion;
  if (conclusion) sections.push({ heading: 'III. KẾT LUẬN CỦA CHỦ TRÌ', paragraphs: [conclusion] });
  return { intro, sections };
}

/** The decision's default title: leading the next month's tasks. */
export function defaultDecisionTitle(forMonth: string) {
  const month = Number(forMonth.slice(5, 7));
  const next = month === 12 ? 1 : month + 1;
  const year = next === 1 ? Number(forMonth.slice(0, 4)) + 1 : Number(forMonth.slice(0, 4));
  return `Lãnh đạo thực hiện nhiệm vụ tháng ${next}/${year}`;
}
