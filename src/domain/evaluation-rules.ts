// The rules of the annual review and quality classification (kiểm điểm, đánh giá, xếp loại chất lượng) of party
// organisations and members, as versioned data with their sources: the four levels, the conditions of each level
// and the cap on 'excellent' under QĐ 132/124/366, and which rules govern a year. Pure, no I/O.
//
// The four levels keep their names across Quy định 132-QĐ/TW (2018), 124-QĐ/TW (2023) and 366-QĐ/TW (2025)
// (domain reference §8.1). QĐ366 rates on a 100-point common framework with task conditions per level
// (QĐ366 Điều 11 as restated by thuvienphapluat and laodong.vn; reference §8.3). QĐ132 and QĐ124 rate by
// qualitative criteria (each criterion judged 'Xuất sắc', 'Tốt', 'Trung bình', 'Kém'): no points and no task
// shares, so for them the app checks only the disqualifying facts and the people choose the level.
//
// To verify against the full texts (reference §14 items 1 and 3): the QĐ366 conditions for 'not completed'
// (only excerpts were seen), whether QĐ366 / HD 43-HD/BTCTW keep the 20% cap for party members, the quota base
// (see `QuotaRule.base`), and the form titles of QĐ132 and QĐ124.

import type { IssuingDocument } from './meeting-rules.ts';
import { citation, DomainError, type Message, message } from './messages.ts';

export type EvaluationLevel = 'excellent' | 'good' | 'completed' | 'not_completed';

/** From the highest level down. */
export const evaluationLevels: readonly EvaluationLevel[] = [
  'excellent',
  'good',
  'completed',
  'not_completed',
];

export const evaluationLevelLabel: Record<EvaluationLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};

/** A level named as a message ('Hoàn thành tốt nhiệm vụ' / 'Completed tasks well'). */
export const evaluationLevelName = (level: EvaluationLevel): Message => message(`evaluation.level.${level}`);

export const evaluationLevelShort: Record<EvaluationLevel, string> = {
  excellent: 'HTXSNV',
  good: 'HTTNV',
  completed: 'HTNV',
  not_completed: 'KHTNV',
};

/** 0 for excellent … 3 for not completed; a lower rank is a higher level. */
export function evaluationLevelRank(level: EvaluationLevel): number {
  return evaluationLevels.indexOf(level);
}

/** Whether `a` is the same level as `b` or higher. */
export function atLeast(a: EvaluationLevel, b: EvaluationLevel): boolean {
  return evaluationLevelRank(a) <= evaluationLevelRank(b);
}

export type EvaluationSubject = 'collective' | 'leader' | 'member' | 'member_outside_system';

export interface LevelConditions {
  /** Total points at least this (100-point scale only). */
  minPoints?: number;
  /** Every task done on time (đúng hạn). */
  allOnTime?: boolean;
  /** At least this share of the tasks done beyond the requirement (vượt mức yêu cầu). */
  minExceedingShare?: number;
  /** Every task done, possibly late. */
  allDone?: boolean;
  /** At most this share of the tasks done late (không bảo đảm tiến độ). */
  maxLateShare?: number;
}

export interface QuotaRule {
  /** Excellent may not exceed this share of the base. */
  excellentMaxShareOfGood: number;
  /**
   * The base of the share. 'good_and_excellent': everyone rated good or excellent (HTT trở lên);
   * 'good_only': only those left at good. The built-in rules use 'good_and_excellent': the excellent are
   * chosen from among those who reach the good standard (seed S3: "20% đảng viên hoàn thành xuất sắc nhiệm
   * vụ trong số đảng viên hoàn thành tốt nhiệm vụ"), so they are part of "số được xếp loại Hoàn thành tốt
   * nhiệm vụ" that HD 21-HD/BTCTW (2019) and QĐ124 Điều 12 take 20% of. To verify against HD 43-HD/BTCTW.
   */
  base: 'good_and_excellent' | 'good_only';
  scope: 'grassroots_organisation';
  /** The document the cap comes from, cited in messages. */
  source: Message;
  /** An upper committee may set another share (quotaCheck's maxShare). */
  configurable: true;
}

export interface EvaluationRules {
  id: string;
  version: number;
  title: string;
  /** The main document (the Quy định). */
  document: IssuingDocument;
  /** Every document a parameter comes from. */
  sources: readonly IssuingDocument[];
  effectiveFrom: string;
  effectiveTo?: string;
  /** 'points_100': QĐ366's 100-point framework; 'criteria': qualitative criteria, no points. */
  scale: 'points_100' | 'criteria';
  levels: {
    excellent: LevelConditions;
    good: LevelConditions;
    completed: LevelConditions;
    not_completed: Record<string, never>;
  };
  quota: QuotaRule;
  /** Self-review form (bản kiểm điểm) per subject. */
  subjectForms: Record<EvaluationSubject, string>;
}

export const quyDinh132: IssuingDocument = {
  number: '132-QĐ/TW',
  type: 'Quy định',
  issuer: 'Bộ Chính trị',
  date: '2018-03-08',
};
export const huongDan16of2018: IssuingDocument = {
  number: '16-HD/BTCTW',
  type: 'Hướng dẫn',
  issuer: 'Ban Tổ chức Trung ương',
  date: '2018-09-24',
};
export const huongDan21of2019: IssuingDocument = {
  number: '21-HD/BTCTW',
  type: 'Hướng dẫn',
  issuer: 'Ban Tổ chức Trung ương',
  date: '2019-10-18',
};
export const quyDinh124: IssuingDocument = {
  number: '124-QĐ/TW',
  type: 'Quy định',
  issuer: 'Bộ Chính trị',
  date: '2023-10-04',
};
export const huongDan25of2023: IssuingDocument = {
  number: '25-HD/BTCTW',
  type: 'Hướng dẫn',
  issuer: 'Ban Tổ chức Trung ương',
  date: '2023-11-10',
};
export const quyDinh366: IssuingDocument = {
  number: '366-QĐ/TW',
  type: 'Quy định',
  issuer: 'Bộ Chính trị',
  date: '2025-08-30',
};
export const huongDan43of2025: IssuingDocument = {
  number: '43-HD/BTCTW',
  type: 'Hướng dẫn',
  issuer: 'Ban Tổ chức Trung ương',
  date: '2025-10-31',
};

// Form titles of the QĐ132/QĐ124 era: the HD 21 and HD 25 annexes have one form for collectives and separate
// ones for leaders and for other members (to verify the exact titles and whether members outside the political
// system had their own form before HD 43).
const criteriaEraForms: Record<EvaluationSubject, string> = {
  collective: 'Báo cáo kiểm điểm tập thể',
  leader: 'Bản kiểm điểm cá nhân (cán bộ lãnh đạo, quản lý)',
  member: 'Bản kiểm điểm đảng viên',
  member_outside_system: 'Bản kiểm điểm đảng viên',
};

export const builtInEvaluationRules: readonly EvaluationRules[] = [
  {
    id: 'qd132-2018',
    version: 1,
    title: 'Kiểm điểm, đánh giá, xếp loại chất lượng theo Quy định 132-QĐ/TW',
    document: quyDinh132,
    // HD 16-HD/BTCTW (2018) guided the 2018 review; HD 21-HD/BTCTW (2019) replaced it from the 2019 review.
    sources: [quyDinh132, huongDan16of2018, huongDan21of2019],
    effectiveFrom: '2018-03-08',
    // QĐ124 replaced QĐ132 on its date of issue.
    effectiveTo: '2023-10-03',
    scale: 'criteria',
    // Qualitative standards (HD 21 §2.3: task criteria rated 'Xuất sắc', the rest 'Tốt' or better, …): no
    // task conditions the app can check.
    levels: {
      excellent: { allOnTime: false },
      good: { allOnTime: false },
      completed: {},
      not_completed: {},
    },
    quota: {
      // HD 21-HD/BTCTW (2019): "số lượng đảng viên được xếp loại Hoàn thành xuất sắc nhiệm vụ không vượt quá
      // 20% số đảng viên được xếp loại Hoàn thành tốt nhiệm vụ trong từng tổ chức cơ sở đảng"
      // (thuvienphapluat 4C187). To verify: that HD 16 (2018 review) set the same cap.
      excellentMaxShareOfGood: 0.2,
      base: 'good_and_excellent',
      scope: 'grassroots_organisation',
      source: citation(huongDan21of2019),
      configurable: true,
    },
    subjectForms: criteriaEraForms,
  },
  {
    id: 'qd124-2023',
    version: 1,
    title: 'Kiểm điểm, đánh giá, xếp loại chất lượng theo Quy định 124-QĐ/TW',
    document: quyDinh124,
    sources: [quyDinh124, huongDan25of2023],
    effectiveFrom: '2023-10-04',
    // QĐ366 Điều 19: in force from 30/8/2025, replacing QĐ124.
    effectiveTo: '2025-08-29',
    scale: 'criteria',
    // QĐ124 Điều 12 (lawnet.vn summary): levels by criteria rated 'Xuất sắc' / 'Tốt' / 'Trung bình' / 'Kém'.
    levels: {
      excellent: { allOnTime: false },
      good: { allOnTime: false },
      completed: {},
      not_completed: {},
    },
    quota: {
      // QĐ124 Điều 12 (lawnet.vn summary): excellent "không vượt quá 20%" of those rated good. To verify that
      // HD 25-HD/BTCTW applies it per grassroots organisation for members.
      excellentMaxShareOfGood: 0.2,
      base: 'good_and_excellent',
      scope: 'grassroots_organisation',
      source: citation(quyDinh124),
      configurable: true,
    },
    subjectForms: criteriaEraForms,
  },
  {
    id: 'qd366-2025',
    version: 1,
    title: 'Kiểm điểm, đánh giá, xếp loại chất lượng theo Quy định 366-QĐ/TW (thang 100 điểm)',
    document: quyDinh366,
    // Công văn 10072-CV/BTCTW (06/11/2025) directs the 2025 review under QĐ366 and HD 43 (not listed: the
    // document types have no 'Công văn').
    sources: [quyDinh366, huongDan43of2025],
    effectiveFrom: '2025-08-30',
    scale: 'points_100',
    // QĐ366 Điều 11 (reference §8.3). The 'leader' variant applies the same shares to the area the person
    // leads; the collective's extra excellent conditions (no subordinate unit or leadership member disciplined,
    // 100% of earlier shortcomings remedied) come in as EvaluationFacts.excellentBlockers.
    levels: {
      // ≥ 90 points; 100% of tasks on time with quality; at least 30% beyond the requirement.
      excellent: { minPoints: 90, allOnTime: true, minExceedingShare: 0.3 },
      // 70–<90 points; 100% of tasks on time with quality and efficiency.
      good: { minPoints: 70, allOnTime: true },
      // 50–<70 points; 100% of tasks done, no more than 20% of them late.
      completed: { minPoints: 50, allDone: true, maxLateShare: 0.2 },
      // < 50 points or a disqualifying condition (conditions not seen in the excerpts: to verify).
      not_completed: {},
    },
    quota: {
      // No cap for party members seen in the QĐ366 excerpts; the parallel State rule (NĐ 335/2025/NĐ-CP)
      // keeps 20% of those rated good. Kept at 20% as configurable data (reference §8.2): to verify with HD 43.
      excellentMaxShareOfGood: 0.2,
      base: 'good_and_excellent',
      scope: 'grassroots_organisation',
      source: message('evaluation.quota.source_kept', {
        source: citation(quyDinh124),
        keptBy: citation(quyDinh366),
        toCheck: citation(huongDan43of2025),
      }),
      configurable: true,
    },
    // HD 43-HD/BTCTW (2025) annex (GitHub tnt305/tai_lieu_noi_bo): one form per subject.
    subjectForms: {
      collective: 'Báo cáo kiểm điểm, tự đánh giá, xếp loại chất lượng của tập thể',
      leader: 'Bản kiểm điểm, tự đánh giá, xếp loại cá nhân giữ chức vụ lãnh đạo, quản lý',
      member: 'Bản kiểm điểm, tự đánh giá, xếp loại cá nhân không giữ chức vụ lãnh đạo, quản lý',
      member_outside_system:
        'Bản kiểm điểm, tự đánh giá, xếp loại cá nhân là đảng viên không làm việc trong hệ thống chính trị',
    },
  },
];

/** The evaluation rules in force on `date` (for quarterly or ad hoc reviews, which QĐ366 allows). */
export function evaluationRulesInForce(date: string): EvaluationRules {
  let best: EvaluationRules | undefined;
  for (const r of builtInEvaluationRules) {
    if (r.effectiveFrom > date || (r.effectiveTo !== undefined && r.effectiveTo < date)) continue;
    if (
      !best ||
      r.effectiveFrom > best.effectiveFrom ||
      (r.effectiveFrom === best.effectiveFrom && r.version > best.version)
    ) {
      best = r;
    }
  }
  if (!best) throw new DomainError(message('evaluation.no_rules_in_force', { date }));
  return best;
}

/**
 * The rules that govern the annual review of `year`: those in force at the year's end, when the review is held
 * (December). So 2018–2022 → QĐ132; 2023–2024 → QĐ124 (in force from 04/10/2023; HD 25-HD/BTCTW of 10/11/2023
 * guided the 2023 review under it); from 2025 → QĐ366 (Điều 19: in force from 30/8/2025; Công văn
 * 10072-CV/BTCTW of 06/11/2025 guided the 2025 review under it). Years before 2018 have no built-in rules.
 */
export function evaluationRulesFor(year: number): EvaluationRules {
  if (!Number.isInteger(year))
    throw new DomainError(message('evaluation.invalid_year', { year: String(year) }));
  return evaluationRulesInForce(`${String(year).padStart(4, '0')}-12-31`);
}
