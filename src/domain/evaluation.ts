// The level an annual evaluation may take (kiểm điểm, xếp loại): the recorded facts checked against the
// conditions of each level in the rules of evaluation-rules.ts, and the cap on 'excellent' in a grassroots
// organisation. Pure, no I/O.

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
import {
  type EvaluationRules,
  type LevelConditions,
  type EvaluationLevel,
  evaluationLevelName,
  evaluationLevels,
} from './evaluation-rules.ts';

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
export function levelConditions(rules: EvaluationRules, level: EvaluationLevel): Message {
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
function unmetConditions(rules: EvaluationRules, facts: EvaluationFacts, level: EvaluationLevel): Message[] {
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
): { level: EvaluationLevel; reasons: Message[] } {
  const problem = evaluationFactsProblem(facts);
  if (problem) throw new DomainError(problem);
  const source = citation(rules.document);
  const reasons: Message[] = [];
  for (const level of evaluationLevels) {
    const unmet = unmetConditions(rules, facts, level);
    if (unmet.length === 0) return { level, reasons };
    reasons.push(
      message('evaluation.level_not_allowed', {
        level: evaluationLevelName(level),
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
  proposed: EvaluationLevel,
): Message | null {
  const problem = evaluationFactsProblem(facts);
  if (problem) return problem;
  const unmet = unmetConditions(rules, facts, proposed);
  if (unmet.length === 0) return null;
  return message('evaluation.level_problem', {
    level: evaluationLevelName(proposed),
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
  ratings: readonly EvaluationLevel[],
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
      ? message('evaluation.quota.good_or_above', { good: evaluationLevelName('good') })
      : evaluationLevelName('good');
  const problem = exceeded
    ? message('evaluation.quota.exceeded', {
        excellentLevel: evaluationLevelName('excellent'),
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
