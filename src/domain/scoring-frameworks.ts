// The built-in meeting-quality scoring frameworks as versioned data (reference §6). A province's own
// framework is loaded the same way from JSON (parseScoringFramework); docs/scoring-framework.schema.json
// documents the file. Pure, no I/O.

import { huongDan12of2018, huongDan42 } from './meeting-rules.ts';
import {
  governingFramework,
  type ScoringFramework,
  type ScoringFrameworkAssignment,
} from './scoring-schema.ts';

type Level = { points: number; label: string };

/**
 * Levels for a criterion the sources give only a maximum for: any whole number of points up to it,
 * 'Đạt đầy đủ' at the maximum and 'Không đạt' at 0.
 */
function graded(max: number): Level[] {
  return Array.from({ length: max + 1 }, (_, i) => {
    const points = max - i;
    return { points, label: points === max ? 'Đạt đầy đủ' : points === 0 ? 'Không đạt' : 'Đạt một phần' };
  });
}

/**
 * HD 42-era 100-point framework, reference §6.2, in the An Phú numbering (8 groups). Reconstructed from three
 * HD42-based tools (Đảng ủy phường An Phú; Chi bộ 28 Cẩm Lệ, Đà Nẵng; a Bắc Ninh/Tân Tiến tool) that cite
 * "điểm 2.2, 3.1, 3.2 Mục II HD42"; the official text was not available. Verify before release.
 */
export const hd42Framework: ScoringFramework = {
  id: 'hd42-100-2025',
  version: 1,
  title: 'Khung chấm điểm chất lượng sinh hoạt chi bộ 100 điểm theo Hướng dẫn 42-HD/BTCTW',
  issuer: 'Ban Tổ chức Trung ương',
  document: huongDan42,
  note:
    'Dựng lại từ ba công cụ chấm điểm dựa trên Hướng dẫn 42-HD/BTCTW (Đảng ủy phường An Phú; Chi bộ 28 ' +
    'Cẩm Lệ, Đà Nẵng; Bắc Ninh/Tân Tiến); chưa đối chiếu được văn bản chính thức, cần kiểm tra trước khi sử dụng.',
  effectiveFrom: '2025-10-28',
  scope: 'national',
  meetingKinds: ['regular', 'regular_thematic'],
  total: 100,
  groups: [
    {
      id: 'time',
      order: 1,
      title: 'Chấp hành thời gian, thời lượng sinh hoạt',
      max: 5,
      criteria: [
        {
          id: 'duration',
          title: 'Thời lượng',
          description:
            'Đủ thời lượng tối thiểu (90 phút; 120 phút khi kết hợp chuyên đề) được 5 điểm; thiếu không quá 15 ' +
            'phút 4 điểm; thiếu 15–30 phút 3 điểm; đạt một nửa thời lượng 2 điểm; dưới một nửa 1 điểm',
          max: 5,
          type: 'levels',
          levels: [
            { points: 5, label: 'Đủ thời lượng tối thiểu' },
            { points: 4, label: 'Thiếu không quá 15 phút' },
            { points: 3, label: 'Thiếu từ 15 đến 30 phút' },
            { points: 2, label: 'Chỉ đạt một nửa thời lượng' },
            { points: 1, label: 'Dưới một nửa thời lượng' },
          ],
          source: 'duration',
        },
      ],
    },
    {
      id: 'attendance',
      order: 2,
      title: 'Tỷ lệ đảng viên dự sinh hoạt',
      max: 5,
      maxNote:
        '4 điểm theo tỷ lệ đảng viên dự và 1 điểm thưởng khi không có đảng viên vắng quá 3 lần liên tiếp',
      criteria: [
        {
          id: 'attendance',
          title: 'Tỷ lệ đảng viên dự',
          description:
            'Không tính đảng viên được miễn sinh hoạt. Từ 90% trở lên 4 điểm; 75–dưới 90% 3 điểm; 65–dưới 75% ' +
            '2 điểm; dưới 65% hoặc có đảng viên vắng không lý do 1 điểm',
          max: 4,
          type: 'ratio_bands',
          bands: [
            { minRatio: 0.9, points: 4 },
            { minRatio: 0.75, points: 3 },
            { minRatio: 0.65, points: 2 },
            { minRatio: 0, points: 1 },
          ],
          source: 'attendance',
        },
        {
          id: 'attendance_bonus',
          title: 'Không có đảng viên vắng quá 3 lần liên tiếp',
          description:
            'Cộng 1 điểm nếu trong năm không có đảng viên vắng (kể cả có lý do) quá 3 lần liên tiếp',
          max: 1,
          type: 'toggle',
          source: 'attendance_bonus',
          bonus: true,
        },
      ],
    },
    {
      id: 'preparation',
      order: 3,
      title: 'Công tác chuẩn bị',
      max: 10,
      criteria: [
        {
          id: 'prep_content',
          title: 'Nội dung chuẩn bị',
          description: 'Nội dung đúng, đủ, có trọng tâm, sát với tình hình thực tế',
          max: 3,
          type: 'levels',
          levels: graded(3),
        },
        {
          id: 'prep_orientation',
          title: 'Định hướng thảo luận và dự thảo kết luận, nghị quyết',
          max: 2,
          type: 'levels',
          levels: graded(2),
        },
        {
          id: 'prep_committee',
          title: 'Họp chi ủy chuẩn bị có biên bản',
          description:
            'Chi ủy họp (hoặc bí thư, phó bí thư trao đổi) chuẩn bị nội dung và có ghi biên bản; chi bộ chỉ có ' +
            'bí thư được điểm tối đa',
          max: 2,
          type: 'toggle',
          source: 'preparatory_minuted',
        },
        {
          id: 'prep_notice',
          title: 'Thông báo triệu tập',
          description:
            'Thông báo thời gian, địa điểm, nội dung đến từng đảng viên và cấp ủy viên cấp trên theo dõi',
          max: 1,
          type: 'toggle',
          source: 'notice_sent',
        },
        {
          id: 'prep_materials',
          title: 'Tài liệu gửi trước ít nhất 1 ngày',
          description: 'Tài liệu sinh hoạt đưa lên ứng dụng Sổ tay đảng viên điện tử trước ít nhất 1 ngày',
          max: 2,
          type: 'toggle',
          source: 'materials_lead',
        },
      ],
    },
    {
      id: 'conduct',
      order: 4,
      title: 'Tổ chức sinh hoạt',
      max: 30,
      criteria: [
        {
          id: 'conduct_steps',
          title: 'Thực hiện đủ các bước',
          max: 5,
          type: 'levels',
          levels: graded(5),
        },
        {
          id: 'conduct_regular_content',
          title: 'Nội dung sinh hoạt thường kỳ',
          description:
            'Công tác chính trị tư tưởng, lãnh đạo thực hiện nhiệm vụ chính trị, nhiệm vụ tháng tới và giải pháp ' +
            'khả thi (Mục II.3.1); tối đa 10 điểm cả khi kết hợp chuyên đề',
          max: 10,
          type: 'levels',
          levels: graded(10),
        },
        {
          id: 'conduct_thematic',
          title: 'Nội dung sinh hoạt chuyên đề',
          description: 'Theo Mục II.3.2; chỉ chấm trong tháng có sinh hoạt chuyên đề',
          max: 5,
          type: 'levels',
          levels: graded(5),
          appliesWhen: 'thematic',
        },
        {
          id: 'conduct_praise_criticism',
          title: 'Biểu dương, phê bình đảng viên',
          description:
            'Biểu dương đảng viên tiêu biểu; nhắc nhở, phê bình đảng viên chưa hoàn thành nhiệm vụ, cam kết',
          max: 2,
          type: 'levels',
          levels: graded(2),
        },
        {
          id: 'speakers',
          title: 'Số đảng viên phát biểu',
          description: 'Trên 50% số đảng viên dự 5 điểm; 40–50% 4 điểm; 30–40% 3 điểm; dưới 30% 2 điểm',
          max: 5,
          type: 'ratio_bands',
          bands: [
            { minRatio: 0.5, strict: true, points: 5 },
            { minRatio: 0.4, points: 4 },
            { minRatio: 0.3, points: 3 },
            { minRatio: 0, points: 2 },
          ],
          source: 'speakers_share',
        },
        {
          id: 'minutes_book',
          title: 'Sổ biên bản ghi đầy đủ',
          max: 1,
          type: 'toggle',
          source: 'minutes_complete',
        },
        {
          id: 'conduct_ideology_time',
          title: 'Dành 15–30 phút cho tư tưởng, tự phê bình và phê bình',
          max: 1,
          type: 'toggle',
        },
        {
          id: 'conduct_app_documents',
          title: 'Sử dụng tài liệu trên Sổ tay đảng viên điện tử',
          max: 1,
          type: 'toggle',
        },
      ],
    },
    {
      id: 'chairing',
      order: 5,
      title: 'Điều hành của bí thư chi bộ',
      max: 10,
      criteria: [
        {
          id: 'chair_flexible',
          title: 'Điều hành linh hoạt, hiệu quả',
          max: 2,
          type: 'levels',
          levels: graded(2),
        },
        {
          id: 'chair_orientation',
          title: 'Định hướng thảo luận, cả vấn đề mới phát sinh',
          max: 4,
          type: 'levels',
          levels: graded(4),
        },
        {
          id: 'chair_democracy',
          title: 'Phát huy dân chủ, khơi gợi ý kiến',
          max: 3,
          type: 'levels',
          levels: graded(3),
        },
        {
          id: 'chair_synthesis',
          title: 'Tổng hợp ý kiến thành kết luận, nghị quyết',
          max: 1,
          type: 'toggle',
        },
      ],
    },
    {
      id: 'principles',
      order: 6,
      title: 'Nguyên tắc tổ chức, sinh hoạt đảng',
      max: 5,
      criteria: [
        { id: 'principle_centralism', title: 'Tập trung dân chủ', max: 1, type: 'toggle' },
        {
          id: 'principle_self_criticism',
          title: 'Tự phê bình và phê bình',
          description: 'Nghiêm túc, không nể nang, né tránh',
          max: 2,
          type: 'levels',
          levels: graded(2),
        },
        {
          id: 'principle_character',
          title: 'Tính lãnh đạo, giáo dục, chiến đấu',
          max: 1,
          type: 'toggle',
        },
        {
          id: 'principle_informing',
          title: 'Thông tin và giải quyết tâm tư, kiến nghị của đảng viên',
          max: 1,
          type: 'toggle',
        },
      ],
    },
    {
      id: 'results',
      order: 7,
      title: 'Kết quả lãnh đạo thực hiện nghị quyết, kết luận kỳ trước',
      max: 30,
      criteria: [
        {
          id: 'previous_results',
          title: 'Kết quả thực hiện nghị quyết kỳ trước',
          description:
            'Tỷ lệ chỉ tiêu, nhiệm vụ tháng trước đạt được: 90–100% 30 điểm; 80–dưới 90% 27; 70–dưới 80% 24; ' +
            '60–dưới 70% 20; 50–dưới 60% 15; dưới 50% 10',
          max: 30,
          type: 'ratio_bands',
          bands: [
            { minRatio: 0.9, points: 30 },
            { minRatio: 0.8, points: 27 },
            { minRatio: 0.7, points: 24 },
            { minRatio: 0.6, points: 20 },
            { minRatio: 0.5, points: 15 },
            { minRatio: 0, points: 10 },
          ],
          source: 'previous_achievement',
        },
      ],
    },
    {
      id: 'closing',
      order: 8,
      title: 'Kết thúc sinh hoạt',
      max: 5,
      criteria: [
        {
          id: 'closing_conclusion',
          title: 'Chủ trì kết luận, thông qua kết luận, nghị quyết',
          max: 2,
          type: 'levels',
          levels: graded(2),
        },
        {
          id: 'closing_adoption',
          title: 'Thông qua biên bản, kết luận, nghị quyết và phân công nhiệm vụ',
          max: 2,
          type: 'levels',
          levels: graded(2),
        },
        {
          id: 'closing_finalised',
          title: 'Hoàn thiện văn bản trong 2 ngày',
          description: 'Văn bản hoàn thiện đưa lên Sổ tay đảng viên điện tử trong 2 ngày sau sinh hoạt',
          max: 1,
          type: 'toggle',
          source: 'finalised_in_time',
        },
      ],
    },
  ],
  ratings: {
    // Bình Thuận bloc committee's handbook and the three HD42-based tools (reference §6.2).
    bands: [
      { rating: 'good', minPercent: 90 },
      { rating: 'fair', minPercent: 70 },
      { rating: 'average', minPercent: 50 },
      { rating: 'poor', minPercent: 0 },
    ],
    mandatoryFullMarks: ['duration', 'attendance', 'speakers', 'minutes_book'],
  },
};

/**
 * An older provincial framework on the five groups of HD 12-HD/BTCTW (2018), reference §6.1, with attendance worth
 * 10 as in the two-column luatminhkhue / cmm.edu.vn sheet (§6.2). The national guidance gave no points: the
 * points here only illustrate a provincial framework, to be replaced by the province's own. Applies only where an
 * upper committee assigns it.
 */
export const hd12ProvincialFramework: ScoringFramework = {
  id: 'hd12-provincial-2018',
  version: 1,
  title: 'Khung chấm điểm chất lượng sinh hoạt chi bộ theo Hướng dẫn 12-HD/BTCTW (mẫu cấp tỉnh)',
  issuer: 'Ban Thường vụ Tỉnh ủy (mẫu minh họa)',
  document: huongDan12of2018,
  note:
    'Năm nhóm tiêu chí theo Hướng dẫn 12-HD/BTCTW (2018); điểm số chỉ minh họa một phiếu chấm cấp tỉnh ' +
    '(tỷ lệ đảng viên dự 10 điểm như phiếu hai cột luatminhkhue / cmm.edu.vn), cần thay bằng khung của tỉnh.',
  effectiveFrom: '2018-07-06',
  scope: 'assigned',
  meetingKinds: ['regular', 'regular_thematic'],
  total: 100,
  groups: [
    {
      id: 'attendance',
      order: 1,
      title: 'Tỷ lệ đảng viên dự sinh hoạt',
      max: 10,
      criteria: [
        {
          id: 'attendance',
          title: 'Tỷ lệ đảng viên dự',
          description: 'Trên 85% và không có đảng viên vắng không lý do được điểm tối đa',
          max: 10,
          type: 'ratio_bands',
          bands: [
            { minRatio: 0.85, strict: true, points: 10 },
            { minRatio: 0.75, points: 7 },
            { minRatio: 0.6, points: 4 },
            { minRatio: 0, points: 2 },
          ],
          source: 'attendance',
        },
      ],
    },
    {
      id: 'preparation',
      order: 2,
      title: 'Công tác chuẩn bị',
      max: 20,
      criteria: [
        {
          id: 'prep_by_secretary',
          title: 'Bí thư, phó bí thư trực tiếp chuẩn bị nội dung',
          max: 5,
          type: 'toggle',
        },
        {
          id: 'prep_committee',
          title: 'Chi ủy họp chuẩn bị',
          max: 5,
          type: 'toggle',
          source: 'preparatory_minuted',
        },
        {
          id: 'prep_content',
          title: 'Nội dung đúng, đủ, trọng tâm',
          max: 5,
          type: 'levels',
          levels: graded(5),
        },
        { id: 'prep_draft', title: 'Có dự thảo nghị quyết', max: 5, type: 'toggle' },
      ],
    },
    {
      id: 'organisation',
      order: 3,
      title: 'Tổ chức sinh hoạt',
      max: 40,
      criteria: [
        {
          id: 'org_date_order',
          title: 'Đúng ngày, đúng trình tự, đủ nội dung',
          max: 10,
          type: 'levels',
          levels: graded(10),
        },
        {
          id: 'org_praise_criticism',
          title: 'Biểu dương, phê bình đảng viên',
          max: 5,
          type: 'levels',
          levels: graded(5),
        },
        {
          id: 'speakers',
          title: 'Nhiều đảng viên phát biểu',
          max: 10,
          type: 'ratio_bands',
          bands: [
            { minRatio: 0.5, points: 10 },
            { minRatio: 0.3, points: 7 },
            { minRatio: 0, points: 4 },
          ],
          source: 'speakers_share',
        },
        {
          id: 'duration',
          title: 'Thời lượng từ 90 phút',
          max: 10,
          type: 'toggle',
          source: 'duration',
        },
        {
          id: 'minutes_book',
          title: 'Sổ biên bản ghi đầy đủ',
          max: 5,
          type: 'toggle',
          source: 'minutes_complete',
        },
      ],
    },
    {
      id: 'principles',
      order: 4,
      title: 'Chấp hành nguyên tắc tổ chức, sinh hoạt đảng',
      max: 10,
      criteria: [
        { id: 'principle_centralism', title: 'Tập trung dân chủ', max: 5, type: 'toggle' },
        {
          id: 'principle_self_criticism',
          title: 'Tự phê bình và phê bình',
          max: 5,
          type: 'levels',
          levels: graded(5),
        },
      ],
    },
    {
      id: 'results',
      order: 5,
      title: 'Kết quả lãnh đạo thực hiện nghị quyết',
      max: 20,
      criteria: [
        {
          id: 'previous_results',
          title: 'Kết quả thực hiện nghị quyết kỳ trước',
          max: 20,
          type: 'ratio_bands',
          bands: [
            { minRatio: 0.9, points: 20 },
            { minRatio: 0.7, points: 15 },
            { minRatio: 0.5, points: 10 },
            { minRatio: 0, points: 5 },
          ],
          source: 'previous_achievement',
        },
      ],
    },
  ],
  ratings: {
    bands: [
      { rating: 'good', minPercent: 90 },
      { rating: 'fair', minPercent: 70 },
      { rating: 'average', minPercent: 50 },
      { rating: 'poor', minPercent: 0 },
    ],
    // HD 12-HD/BTCTW (2018), reference §6.1: attendance above 85% with no absence without reason; 90 minutes.
    mandatoryFullMarks: ['attendance', 'duration'],
  },
};

export const builtInScoringFrameworks: readonly ScoringFramework[] = [hd12ProvincialFramework, hd42Framework];

/**
 * The built-in framework governing an organisation on `date`, given the assignments made at it or its
 * ancestors (see governingFramework): the national HD 42 framework from 28/10/2025; before that only where an
 * upper committee assigned a framework. Null when none was in force.
 */
export function frameworkInForce(
  date: string,
  assignments: readonly ScoringFrameworkAssignment[] = [],
): { framework: ScoringFramework; inheritedFromDepth: number | null } | null {
  return governingFramework(builtInScoringFrameworks, assignments, date);
}
