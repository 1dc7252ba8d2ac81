// Annual review and quality classification (kiểm điểm, đánh giá, xếp loại chất lượng) of party organisations
// and members, as versioned rule data with their sources. Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.
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

import type { evaluationActions } from '../contracts/evaluation.ts';
import type { IssuingDocument } from './meeting-rules.ts';
import {
  citation,
  DomainError,
  list,
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  verbatim,
} from './messages.ts';

export type QualityLevel = 'excellent' | 'good' | 'completed' | 'not_completed';

/** From the highest level down. */
export const qualityLevels: readonly QualityLevel[] = ['excellent', 'good', 'completed', 'not_completed'];

export const qualityLevelLabel: Record<QualityLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};

/** A level named as a message ('Hoàn thành tốt nhiệm vụ' / 'Completed tasks well'). */
export const qualityLevelName = (level: QualityLevel): Message => message(`evaluation.level.${level}`);

export const qualityLevelShort: Record<QualityLevel, string> = {
  excellent: 'HTXSNV',
  good: 'HTTNV',
  completed: 'HTNV',
  not_completed: 'KHTNV',
};

/** 0 for excellent … 3 for not completed; a lower rank is a higher level. */
export function qualityLevelRank(level: QualityLevel): number {
  return qualityLevels.indexOf(level);
}

/** Whether `a` is the same level as `b` or higher. */
export function atLeast(a: QualityLevel, b: QualityLevel): boolean {
  return qualityLevelRank(a) <= qualityLevelRank(b);
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

export interface EvaluationFacts {
  /** Total on the 100-point framework; null when not scored (or on a criteria scale). */
  points: number | null;
  tasksTotal: number;
  /** Done on time. */
  tasksOnTime: number;
  /** Done, but late. */
  tasksLate: number;
  /** Done beyond the requirement (counted among the done tasks). */
  tasksExceeding: number;
  tasksNotDone: number;
  /**
   * Facts that make the level 'not completed' whatever the points, e.g. 'Bị kỷ luật trong năm': messages, or
   * text shown as written.
   */
  disqualifiers: Array<Message | string>;
  /**
   * Facts that bar 'excellent' only, e.g. for a collective under QĐ366: 'Thành viên tập thể lãnh đạo bị kỷ
   * luật', 'Chưa khắc phục hết hạn chế, khuyết điểm đã chỉ ra'.
   */
  excellentBlockers?: Array<Message | string>;
}

/** The blocker of a collective's 'excellent' when members were disciplined in the year. */
export function membersDisciplinedBlocker(count: number): Message {
  return message('evaluation.blocker.members_disciplined', { count });
}

const asMessage = (x: Message | string): Message => (typeof x === 'string' ? verbatim(x) : x);

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/** Inconsistent facts as a problem, or null. */
export function evaluationFactsProblem(facts: EvaluationFacts): Message | null {
  if (facts.points !== null && !(Number.isFinite(facts.points) && facts.points >= 0 && facts.points <= 100)) {
    return message('evaluation.facts.points_range', { points: String(facts.points) });
  }
  const counts = [
    facts.tasksTotal,
    facts.tasksOnTime,
    facts.tasksLate,
    facts.tasksExceeding,
    facts.tasksNotDone,
  ];
  if (!counts.every(isCount)) return message('evaluation.facts.counts_not_whole');
  if (facts.tasksOnTime + facts.tasksLate + facts.tasksNotDone !== facts.tasksTotal) {
    return message('evaluation.facts.counts_sum', {
      onTime: facts.tasksOnTime,
      late: facts.tasksLate,
      notDone: facts.tasksNotDone,
      total: facts.tasksTotal,
    });
  }
  if (facts.tasksExceeding > facts.tasksOnTime + facts.tasksLate) {
    return message('evaluation.facts.exceeding_above_done', { exceeding: facts.tasksExceeding });
  }
  return null;
}

// Shares are compared with a small tolerance so that 3/10 counts as 30%.
const EPS = 1e-9;

/** A whole percentage: 0.3 → 30 (the template writes the % sign). */
function pct(share: number): number {
  return Math.round(share * 100);
}

/** What a level requires: '≥ 90 điểm, 100% nhiệm vụ đúng hạn và ít nhất 30% vượt yêu cầu'. */
export function levelConditions(rules: EvaluationRules, level: QualityLevel): Message {
  if (level === 'not_completed') return message('evaluation.condition.none');
  const c: LevelConditions = rules.levels[level];
  const parts: Message[] = [];
  if (rules.scale === 'points_100' && c.minPoints !== undefined)
    parts.push(message('evaluation.condition.min_points', { points: c.minPoints }));
  if (c.allOnTime) parts.push(message('evaluation.condition.all_on_time'));
  else if (c.allDone) parts.push(message('evaluation.condition.all_done'));
  if (c.minExceedingShare !== undefined)
    parts.push(message('evaluation.condition.min_exceeding', { percent: pct(c.minExceedingShare) }));
  if (c.maxLateShare !== undefined)
    parts.push(message('evaluation.condition.max_late', { percent: pct(c.maxLateShare) }));
  if (parts.length === 0) return message('evaluation.condition.qualitative');
  return list(parts, 'and') as Message;
}

/** The conditions of `level` the facts miss; empty when the level is allowed. */
function unmetConditions(rules: EvaluationRules, facts: EvaluationFacts, level: QualityLevel): Message[] {
  if (level === 'not_completed') return [];
  const unmet: Message[] = facts.disqualifiers.map(asMessage);
  if (level === 'excellent') unmet.push(...(facts.excellentBlockers ?? []).map(asMessage));
  const c: LevelConditions = rules.levels[level];
  const total = facts.tasksTotal;
  const add = (code: MessageCode, params?: Record<string, MessageParam>) => unmet.push(message(code, params));
  if (rules.scale === 'points_100' && c.minPoints !== undefined) {
    if (facts.points === null) add('evaluation.unmet.no_points');
    else if (facts.points < c.minPoints) add('evaluation.unmet.points', { points: facts.points });
  }
  if (c.allOnTime && facts.tasksOnTime !== total) {
    add('evaluation.unmet.not_on_time', { count: total - facts.tasksOnTime, total });
  }
  if (c.allDone && !c.allOnTime && facts.tasksNotDone > 0) {
    add('evaluation.unmet.not_done', { count: facts.tasksNotDone, total });
  }
  if (c.minExceedingShare !== undefined) {
    if (total === 0) add('evaluation.unmet.no_tasks');
    else if (facts.tasksExceeding / total < c.minExceedingShare - EPS) {
      add('evaluation.unmet.exceeding', { percent: pct(facts.tasksExceeding / total) });
    }
  }
  if (c.maxLateShare !== undefined && total > 0 && facts.tasksLate / total > c.maxLateShare + EPS) {
    add('evaluation.unmet.late', { percent: pct(facts.tasksLate / total) });
  }
  return unmet;
}

/**
 * The highest level the facts allow, with the reasons (Vietnamese) why each higher level is not allowed.
 * On a criteria scale only the disqualifiers and blockers limit the level: the rest is a judgement the
 * competent level makes. Throws on inconsistent facts (evaluationFactsProblem).
 */
export function highestAllowedLevel(
  rules: EvaluationRules,
  facts: EvaluationFacts,
): { level: QualityLevel; reasons: Message[] } {
  const problem = evaluationFactsProblem(facts);
  if (problem) throw new DomainError(problem);
  const source = citation(rules.document);
  const reasons: Message[] = [];
  for (const level of qualityLevels) {
    const unmet = unmetConditions(rules, facts, level);
    if (unmet.length === 0) return { level, reasons };
    reasons.push(
      message('evaluation.level_not_allowed', {
        level: qualityLevelName(level),
        unmet: list(unmet),
        needs: levelConditions(rules, level),
        source,
      }),
    );
  }
  // not_completed has no conditions, so the loop always returns.
  return { level: 'not_completed', reasons };
}

/**
 * Null when the facts allow the proposed level (a lower level than allowed is always possible), otherwise
 * the condition it misses: 'Xếp Hoàn thành xuất sắc nhiệm vụ cần ≥ 90 điểm, 100% nhiệm vụ đúng hạn và ít nhất
 * 30% vượt yêu cầu (Quy định 366-QĐ/TW); chưa đạt: 29% nhiệm vụ vượt yêu cầu'.
 */
export function levelProblem(
  rules: EvaluationRules,
  facts: EvaluationFacts,
  proposed: QualityLevel,
): Message | null {
  const problem = evaluationFactsProblem(facts);
  if (problem) return problem;
  const unmet = unmetConditions(rules, facts, proposed);
  if (unmet.length === 0) return null;
  return message('evaluation.level_problem', {
    level: qualityLevelName(proposed),
    needs: levelConditions(rules, proposed),
    source: citation(rules.document),
    unmet: list(unmet),
  });
}

export interface QuotaCheck {
  excellent: number;
  good: number;
  /** The base the share is taken of (see QuotaRule.base). */
  base: number;
  allowedExcellent: number;
  exceeded: boolean;
  message: Message | null;
}

/**
 * The cap on 'excellent' in one grassroots organisation: excellent ≤ floor(share × base), where the base is the
 * number rated good or excellent (the built-in rules' QuotaRule.base). `maxShare` overrides the rule's share
 * (an upper committee's setting).
 */
export function quotaCheck(
  ratings: readonly QualityLevel[],
  rules: EvaluationRules,
  maxShare?: number,
): QuotaCheck {
  const share = maxShare ?? rules.quota.excellentMaxShareOfGood;
  if (!(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw new DomainError(message('evaluation.quota.share_range', { share: String(share) }));
  }
  let excellent = 0;
  let good = 0;
  for (const r of ratings) {
    if (r === 'excellent') excellent++;
    else if (r === 'good') good++;
  }
  const base = rules.quota.base === 'good_and_excellent' ? good + excellent : good;
  const allowedExcellent = Math.floor(share * base + EPS);
  const exceeded = excellent > allowedExcellent;
  const baseLabel =
    rules.quota.base === 'good_and_excellent'
      ? message('evaluation.quota.good_or_above', { good: qualityLevelName('good') })
      : qualityLevelName('good');
  const problem = exceeded
    ? message('evaluation.quota.exceeded', {
        excellentLevel: qualityLevelName('excellent'),
        excellent,
        percent: pct(share),
        baseLevel: baseLabel,
        base,
        allowed: allowedExcellent,
        source: rules.quota.source,
      })
    : null;
  return { excellent, good, base, allowedExcellent, exceeded, message: problem };
}

/** Null when the ratings may stand: within the cap, or beyond it with a recorded decision (non-blank). */
export function quotaDecisionProblem(
  check: QuotaCheck,
  recordedDecision: string | null | undefined,
): Message | null {
  if (!check.exceeded) return null;
  return (recordedDecision ?? '').trim() === '' ? check.message : null;
}

export type EvaluationStep = 'self_assessment' | 'proposal' | 'decision' | 'announced';
/** The one vocabulary of evaluation actions is the contract's. */
export type EvaluationAction = (typeof evaluationActions)[number];

const steps: readonly EvaluationStep[] = ['self_assessment', 'proposal', 'decision', 'announced'];

export const evaluationStepLabel: Record<EvaluationStep, string> = {
  self_assessment: 'Tự kiểm điểm, tự đánh giá, xếp loại',
  proposal: 'Chi bộ, cấp ủy thẩm định và đề xuất mức xếp loại',
  decision: 'Cấp có thẩm quyền quyết định xếp loại',
  announced: 'Đã thông báo kết quả',
};

const actionStep: Record<EvaluationAction, EvaluationStep> = {
  self_assess: 'self_assessment',
  propose: 'proposal',
  decide: 'decision',
  announce: 'announced',
};

export function nextEvaluationStep(step: EvaluationStep): EvaluationStep | null {
  return steps[steps.indexOf(step) + 1] ?? null;
}

/**
 * The workflow (QĐ124 Điều 12 and QĐ366: self-assessment, appraisal and proposal, decision by the competent
 * level, then the result is announced). `step` is the last step reached: an evaluation is created by
 * 'self_assess' (step 'self_assessment'). An action either takes the next step or amends the current one,
 * which is allowed for the self-assessment and the proposal until the next step is taken. A decision is not
 * amended here: re-rating is a new decision (HD 43 annex 'Quyết định đánh giá, xếp loại lại').
 */
export function evaluationActionProblem(
  step: EvaluationStep | null,
  action: EvaluationAction,
): Message | null {
  const target = actionStep[action];
  const stepName = (x: EvaluationStep) => message(`evaluation.step.${x}`);
  // Before any step only the self-assessment may start an evaluation.
  if (step === null) {
    return action === 'self_assess'
      ? null
      : message('evaluation.step.needs_earlier', {
          step: stepName(target),
          missing: stepName('self_assessment'),
        });
  }
  if (target === nextEvaluationStep(step)) return null;
  if (target === step && (step === 'self_assessment' || step === 'proposal')) return null;
  if (step === 'announced') return message('evaluation.step.already_announced');
  const ti = steps.indexOf(target);
  const si = steps.indexOf(step);
  if (ti > si) {
    const missing = steps[si + 1] as EvaluationStep;
    return message('evaluation.step.needs_earlier', { step: stepName(target), missing: stepName(missing) });
  }
  return message('evaluation.step.passed', { step: stepName(target), current: stepName(step) });
}
