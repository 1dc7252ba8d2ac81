// The agenda template of a cell meeting: the standard order of HD 12-HD/BTCTW (2018) and HD 42-HD/BTCTW (2025),
// reference §3.4. Pure, no I/O.

import type { MeetingKind } from './meetings.ts';

export type AgendaSection = 'opening' | 'main' | 'closing';

export const agendaSectionLabel: Record<AgendaSection, string> = {
  opening: 'Phần mở đầu',
  main: 'Nội dung chính',
  closing: 'Kết thúc',
};

export type AgendaItemKey =
  | 'purpose_guests'
  | 'appoint_minute_taker'
  | 'attendance'
  | 'dues'
  | 'adopt_agenda'
  | 'previous_decision_review'
  | 'information'
  | 'discussion'
  | 'self_criticism'
  | 'praise_reminders'
  | 'thematic'
  | 'admission'
  | 'conclusion'
  | 'task_assignment'
  | 'vote'
  | 'self_score'
  | 'minutes_adoption'
  | 'custom';

export interface AgendaTemplateItem {
  key: AgendaItemKey;
  section: AgendaSection;
  title: string;
  optional: boolean;
}

/** Items of the monthly routine that a thematic-only meeting may leave out. */
const regularOnly: ReadonlySet<AgendaItemKey> = new Set([
  'dues',
  'previous_decision_review',
  'information',
  'self_criticism',
  'praise_reminders',
  'task_assignment',
  'self_score',
]);

/**
 * The agenda in the standard order. The thematic part comes when opts.thematic or the kind is thematic;
 * admissions only when opts.admission. A committee (chi ủy) meeting prepares the cell meeting and gets a
 * shorter template (HD 42-HD/BTCTW, preparation step); the options do not apply to it. In a thematic-only
 * meeting the items of the monthly routine are optional.
 */
export function agendaTemplate(opts: {
  kind: MeetingKind;
  thematic: boolean;
  admission: boolean;
}): AgendaTemplateItem[] {
  if (opts.kind === 'committee') {
    return [
      { key: 'purpose_guests', section: 'opening', title: 'Tuyên bố lý do', optional: false },
      {
        key: 'attendance',
        section: 'opening',
        title: 'Chi ủy viên có mặt, vắng mặt và lý do',
        optional: false,
      },
      {
        key: 'previous_decision_review',
        section: 'main',
        title: 'Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ tháng trước',
        optional: false,
      },
      {
        key: 'discussion',
        section: 'main',
        title: 'Thống nhất nội dung sinh hoạt chi bộ; vấn đề cần thảo luận, biểu quyết',
        optional: false,
      },
      {
        key: 'task_assignment',
        section: 'main',
        title: 'Dự kiến nhiệm vụ tháng tới và dự thảo nghị quyết của chi bộ',
        optional: false,
      },
      { key: 'conclusion', section: 'closing', title: 'Kết luận', optional: false },
    ];
  }
  const thematic = opts.thematic || opts.kind === 'thematic' || opts.kind === 'regular_thematic';
  const thematicOnly = opts.kind === 'thematic';
  const items: AgendaTemplateItem[] = [
    {
      key: 'purpose_guests',
      section: 'opening',
      title: 'Tuyên bố lý do, giới thiệu đại biểu',
      optional: false,
    },
    { key: 'appoint_minute_taker', section: 'opening', title: 'Cử thư ký ghi biên bản', optional: false },
    {
      key: 'attendance',
      section: 'opening',
      title: 'Thông báo tình hình đảng viên dự sinh hoạt (có mặt, vắng có lý do, vắng không lý do)',
      optional: false,
    },
    { key: 'dues', section: 'opening', title: 'Thông báo tình hình thu, nộp đảng phí', optional: false },
    {
      key: 'adopt_agenda',
      section: 'opening',
      title: 'Thông qua nội dung, chương trình sinh hoạt',
      optional: false,
    },
    {
      key: 'previous_decision_review',
      section: 'main',
      title: 'Đánh giá kết quả thực hiện nhiệm vụ tháng trước và nghị quyết kỳ trước',
      optional: false,
    },
    {
      key: 'information',
      section: 'main',
      title: 'Thông tin thời sự, văn bản mới của cấp trên; vấn đề mới nảy sinh ở cơ sở',
      optional: false,
    },
    { key: 'discussion', section: 'main', title: 'Đảng viên thảo luận, đóng góp ý kiến', optional: false },
    {
      key: 'self_criticism',
      section: 'main',
      title: 'Tình hình tư tưởng của đảng viên; tự phê bình và phê bình',
      optional: false,
    },
    {
      key: 'praise_reminders',
      section: 'main',
      title: 'Biểu dương đảng viên tiêu biểu; nhắc nhở, phê bình đảng viên chưa hoàn thành nhiệm vụ',
      optional: false,
    },
  ];
  if (thematic) {
    items.push({
      key: 'thematic',
      section: 'main',
      title: 'Sinh hoạt chuyên đề: trình bày đề dẫn, thảo luận',
      optional: false,
    });
  }
  if (opts.admission) {
    items.push({
      key: 'admission',
      section: 'main',
      title: 'Xét kết nạp đảng viên, công nhận đảng viên chính thức',
      optional: false,
    });
  }
  items.push(
    { key: 'conclusion', section: 'closing', title: 'Chủ trì tổng hợp ý kiến, kết luận', optional: false },
    {
      key: 'task_assignment',
      section: 'closing',
      title: 'Phân công nhiệm vụ cho đảng viên (có thời hạn)',
      optional: false,
    },
    {
      key: 'vote',
      section: 'closing',
      title: 'Biểu quyết thông qua nghị quyết hoặc kết luận',
      optional: false,
    },
    {
      key: 'self_score',
      section: 'closing',
      title: 'Tự chấm điểm, đánh giá chất lượng buổi sinh hoạt',
      optional: false,
    },
    {
      key: 'minutes_adoption',
      section: 'closing',
      title: 'Thư ký đọc biên bản; chi bộ thông qua biên bản',
      optional: false,
    },
  );
  return thematicOnly ? items.map((i) => (regularOnly.has(i.key) ? { ...i, optional: true } : i)) : items;
}
