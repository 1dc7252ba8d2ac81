// "Chi bộ bốn tốt" and "đảng bộ cơ sở bốn tốt" (Nghị quyết 21-NQ/TW (2022) model; the provincial plan in seed
// S1, domain reference §7) as a derived annual flag. Pure, no I/O.
//
// The four "goods" (S1 §II): 1. hoàn thành tốt nhiệm vụ chính trị; 2. chất lượng sinh hoạt tốt; 3. đoàn kết
// tốt, kỷ luật tốt; 4. cán bộ, đảng viên tốt. Each criterion is derived from facts the app holds where it can,
// and otherwise entered by a person with evidence. An entry never lifts a criterion the facts fail (S1 §I.2:
// "khắc phục bệnh thành tích, nể nang, né tránh"); it may only record a failing the facts do not show.
//
// The thresholds below are the app's reading of S1, whose own measures point to provincial documents not
// found (HD 01-HD/BTCTU (2021) for a "good" meeting): they are data, to verify with the upper committee.

import { atLeast, type EvaluationLevel, evaluationLevelName } from './evaluation-rules.ts';
import type { IssuingDocument } from './meeting-rules.ts';
import { DomainError, list, type Message, message, verbatim } from './messages.ts';

export type FourGoodCriterion = 'political_task' | 'meeting_quality' | 'unity_discipline' | 'cadres_members';

export const fourGoodCriteria: readonly FourGoodCriterion[] = [
  'political_task',
  'meeting_quality',
  'unity_discipline',
  'cadres_members',
];

export const fourGoodCriterionLabel: Record<FourGoodCriterion, string> = {
  political_task: 'Hoàn thành tốt nhiệm vụ chính trị',
  meeting_quality: 'Chất lượng sinh hoạt tốt',
  unity_discipline: 'Đoàn kết tốt, kỷ luật tốt',
  cadres_members: 'Cán bộ, đảng viên tốt',
};

/** A month's meeting rating (tốt, khá, trung bình, kém), as the scoring frameworks rate it. */
export type MonthlyRating = 'good' | 'fair' | 'average' | 'poor';

const monthlyRatingOrder: readonly MonthlyRating[] = ['good', 'fair', 'average', 'poor'];

export const monthlyRatingLabel: Record<MonthlyRating, string> = {
  good: 'Tốt',
  fair: 'Khá',
  average: 'Trung bình',
  poor: 'Kém',
};

export interface FourGoodRules {
  id: string;
  version: number;
  title: string;
  sources: readonly IssuingDocument[];
  effectiveFrom: string;
  /** 1: the organisation's annual level is at least this. */
  politicalTask: { minLevel: EvaluationLevel };
  /** 2: the meeting regime kept and the monthly ratings good; derivable for a cell only. */
  meetingQuality: {
    derivableFor: ReadonlyArray<'cell' | 'grassroots'>;
    /** Every rated month at least this. */
    minMonthlyRating: MonthlyRating;
    /** At least this share of the rated months 'good'. */
    minGoodShare: number;
    maxMissingMonths: number;
    maxQuartersWithoutThematic: number;
  };
  /** 3: from discipline records. */
  unityDiscipline: { maxDisciplinedMembers: number; organisationDisciplined: false };
  /** 4: at least this share of the members rated at least minLevel. */
  cadresMembers: { minLevel: EvaluationLevel; minShare: number };
  /** The share of organisations that should reach "bốn tốt" each year. */
  target: number;
}

export const nghiQuyet21of2022: IssuingDocument = {
  number: '21-NQ/TW',
  type: 'Nghị quyết',
  issuer: 'Ban Chấp hành Trung ương',
  date: '2022-06-16',
};
/** Named in S1 as the framework of a "good" cell meeting; its content was not found (reference §6.3). */
export const huongDan01BtctuOf2021: IssuingDocument = {
  number: '01-HD/BTCTU',
  type: 'Hướng dẫn',
  issuer: 'Ban Tổ chức Tỉnh ủy',
  date: '2021-10-12',
};

/** S1 §III.1: "Hàng năm, đảm bảo có 90% trở lên chi bộ, đảng bộ cơ sở đạt bốn tốt". */
export const fourGoodTarget = 0.9;

export const builtInFourGoodRules: readonly FourGoodRules[] = [
  {
    id: 'bon-tot-nq21-2023',
    version: 1,
    // S1: Kế hoạch of a Ban Thường vụ Tỉnh ủy (2023) implementing NQ 21-NQ/TW through Chương trình 30-CTr/TU.
    title: 'Chi bộ bốn tốt, đảng bộ cơ sở bốn tốt (Nghị quyết 21-NQ/TW, kế hoạch của Tỉnh ủy năm 2023)',
    sources: [nghiQuyet21of2022, huongDan01BtctuOf2021],
    effectiveFrom: '2023-01-01',
    // S1 §II.1(2): the organisation meets the "hoàn thành tốt nhiệm vụ" standard of the annual classification.
    politicalTask: { minLevel: 'good' },
    meetingQuality: {
      // S1 §II.2.2 judges a grassroots committee by its committee meetings (papers 3 days ahead, …) and the
      // whole đảng bộ by at least 2 general meetings a year: facts the app does not hold, so entered.
      derivableFor: ['cell'],
      // INFERRED, to verify: S1 §II.2.1(2) asks for "sinh hoạt chi bộ tốt" on the provincial framework. Read
      // as: no month rated average or poor (the weak-cell signal of issue 4) and at least half the months good.
      minMonthlyRating: 'fair',
      minGoodShare: 0.5,
      // S1 §II.2.1(1): the regular (monthly) and thematic (at least one a quarter) meeting regime kept.
      maxMissingMonths: 0,
      maxQuartersWithoutThematic: 0,
    },
    // INFERRED, to verify: S1 §II.3 (unity; Party rules and State law kept) read from the discipline records:
    // no member disciplined in the year and the organisation not disciplined.
    unityDiscipline: { maxDisciplinedMembers: 0, organisationDisciplined: false },
    // S1 §II.4(2): members meet the "hoàn thành tốt nhiệm vụ" standard. The share is NQ 21-NQ/TW's target
    // ("trên 90% … đảng viên hoàn thành tốt nhiệm vụ trở lên", reference §8.3), applied per organisation:
    // INFERRED, to verify.
    cadresMembers: { minLevel: 'good', minShare: 0.9 },
    target: fourGoodTarget,
  },
];

export interface FourGoodFacts {
  orgKind: 'cell' | 'grassroots';
  /** 1: the organisation's annual level; null when not decided yet. */
  annualLevel: EvaluationLevel | null;
  /** 2: the ratings of the months a meeting was held and rated. */
  monthlyRatings: MonthlyRating[];
  missingMonths: number;
  quartersWithoutThematic: number;
  /** 3: members disciplined in the year, and whether the organisation itself was disciplined. */
  disciplinedMembers: number;
  disciplineOfOrganisation: boolean;
  /** 4: the annual levels of the members (those rated). */
  memberLevels: EvaluationLevel[];
  /** Where the app has no facts, a person enters the criterion with evidence. */
  entered?: Partial<Record<FourGoodCriterion, { met: boolean; evidence: string }>>;
}

export interface FourGoodCriterionResult {
  /** null: unknown (no facts and nothing entered). */
  met: boolean | null;
  /** true when computed from the app's facts, false when entered or unknown. */
  derived: boolean;
  /** what the facts show, or the evidence a person entered (shown as written) */
  evidence: Message;
}

export interface FourGoodResult {
  /** True only when all four criteria are met; an unknown criterion is not met. */
  met: boolean;
  criteria: Record<FourGoodCriterion, FourGoodCriterionResult>;
}

function ratingAtLeast(a: MonthlyRating, b: MonthlyRating): boolean {
  return monthlyRatingOrder.indexOf(a) <= monthlyRatingOrder.indexOf(b);
}

/** A whole percentage: 0.9 → 90 (the template writes the % sign). */
function pct(share: number): number {
  return Math.round(share * 100);
}

const monthlyRatingName = (r: MonthlyRating): Message => message(`scoring.rating.${r}`);

type Derived = { met: boolean; evidence: Message } | null;

function politicalTask(rules: FourGoodRules, facts: FourGoodFacts): Derived {
  if (facts.annualLevel === null) return null;
  const min = rules.politicalTask.minLevel;
  const met = atLeast(facts.annualLevel, min);
  const level = evaluationLevelName(facts.annualLevel);
  return {
    met,
    evidence: met
      ? message('four_good.annual_level', { level })
      : message('four_good.annual_level_short', { level, needed: evaluationLevelName(min) }),
  };
}

function meetingQuality(rules: FourGoodRules, facts: FourGoodFacts): Derived {
  const r = rules.meetingQuality;
  if (!r.derivableFor.includes(facts.orgKind)) return null;
  const problems: Message[] = [];
  if (facts.missingMonths > r.maxMissingMonths)
    problems.push(message('four_good.missing_months', { count: facts.missingMonths }));
  if (facts.quartersWithoutThematic > r.maxQuartersWithoutThematic) {
    problems.push(message('four_good.quarters_without_thematic', { count: facts.quartersWithoutThematic }));
  }
  const n = facts.monthlyRatings.length;
  // The regime broken decides on its own; otherwise ratings are needed to judge.
  if (n === 0 && problems.length === 0) return null;
  const good = facts.monthlyRatings.filter((m) => m === 'good').length;
  const below = facts.monthlyRatings.filter((m) => !ratingAtLeast(m, r.minMonthlyRating)).length;
  if (below > 0) {
    problems.push(
      message('four_good.months_below', { count: below, rating: monthlyRatingName(r.minMonthlyRating) }),
    );
  }
  if (n > 0 && good / n < r.minGoodShare - 1e-9) {
    problems.push(message('four_good.good_share_short', { good, total: n, percent: pct(r.minGoodShare) }));
  }
  const summary =
    n > 0 ? message('four_good.months_good', { good, total: n }) : message('four_good.no_month_rated');
  return problems.length === 0
    ? {
        met: true,
        evidence: message('four_good.meeting_quality_met', {
          summary,
          rating: monthlyRatingName(r.minMonthlyRating),
        }),
      }
    : { met: false, evidence: list(problems) as Message };
}

function unityDiscipline(rules: FourGoodRules, facts: FourGoodFacts): Derived {
  const problems: Message[] = [];
  if (facts.disciplineOfOrganisation) problems.push(message('four_good.organisation_disciplined'));
  if (facts.disciplinedMembers > rules.unityDiscipline.maxDisciplinedMembers) {
    problems.push(message('four_good.members_disciplined', { count: facts.disciplinedMembers }));
  }
  return problems.length === 0
    ? { met: true, evidence: message('four_good.no_discipline') }
    : { met: false, evidence: list(problems) as Message };
}

function cadresMembers(rules: FourGoodRules, facts: FourGoodFacts): Derived {
  const n = facts.memberLevels.length;
  if (n === 0) return null;
  const { minLevel, minShare } = rules.cadresMembers;
  const ok = facts.memberLevels.filter((l) => atLeast(l, minLevel)).length;
  const met = ok / n >= minShare - 1e-9;
  return {
    met,
    evidence: message('four_good.members_levels', {
      count: ok,
      total: n,
      level: evaluationLevelName(minLevel),
      percent: pct(ok / n),
      needed: pct(minShare),
    }),
  };
}

const derivers: Record<FourGoodCriterion, (rules: FourGoodRules, facts: FourGoodFacts) => Derived> = {
  political_task: politicalTask,
  meeting_quality: meetingQuality,
  unity_discipline: unityDiscipline,
  cadres_members: cadresMembers,
};

function countsValid(facts: FourGoodFacts): boolean {
  return [facts.missingMonths, facts.quartersWithoutThematic, facts.disciplinedMembers].every(
    (n) => Number.isInteger(n) && n >= 0,
  );
}

/**
 * The "bốn tốt" status of one cell or grassroots organisation for a year. A criterion is derived from the facts
 * where possible; otherwise an entry with non-blank evidence is used; otherwise it is unknown (null).
 */
export function fourGood(
  facts: FourGoodFacts,
  rules: FourGoodRules = defaultFourGoodRules(),
): FourGoodResult {
  if (!countsValid(facts)) throw new DomainError(message('four_good.counts_not_whole'));
  const criteria = {} as Record<FourGoodCriterion, FourGoodCriterionResult>;
  for (const c of fourGoodCriteria) {
    const d = derivers[c](rules, facts);
    const e = facts.entered?.[c];
    const hasEvidence = e !== undefined && e.evidence.trim() !== '';
    if (d) {
      // An entry may record a failing the facts do not show (e.g. disunity), never lift a failed criterion.
      criteria[c] =
        d.met && hasEvidence && !e.met
          ? {
              met: false,
              derived: false,
              evidence: message('four_good.entered_beside_facts', {
                entered: e.evidence.trim(),
                facts: d.evidence,
              }),
            }
          : { met: d.met, derived: true, evidence: d.evidence };
      continue;
    }
    if (hasEvidence) {
      criteria[c] = { met: e.met, derived: false, evidence: verbatim(e.evidence.trim()) };
    } else {
      criteria[c] = {
        met: null,
        derived: false,
        evidence: e ? message('four_good.entered_without_evidence') : message('four_good.no_data'),
      };
    }
  }
  return { met: fourGoodCriteria.every((c) => criteria[c].met === true), criteria };
}

/** The rules of the latest built-in version. */
export function defaultFourGoodRules(): FourGoodRules {
  const r = builtInFourGoodRules[builtInFourGoodRules.length - 1];
  if (!r) throw new DomainError(message('four_good.no_rules'));
  return r;
}

/** The share of organisations reaching "bốn tốt" against the target (S1: 90% or more each year). */
export function fourGoodShare(
  results: readonly { met: boolean }[],
  target: number = fourGoodTarget,
): { met: number; total: number; share: number | null; targetMet: boolean } {
  const total = results.length;
  const met = results.filter((r) => r.met).length;
  const share = total === 0 ? null : met / total;
  return { met, total, share, targetMet: share !== null && share >= target - 1e-9 };
}
