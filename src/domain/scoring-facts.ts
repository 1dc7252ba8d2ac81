// The engine of automatic values: what a meeting's recorded facts say about each criterion of a framework,
// with the evidence in words (reference §6.2). Pure, no I/O.

import { type Message, type MessageCode, type MessageParam, message, percent } from './messages.ts';
import type { FactSource, RatioBand, ScoringCriterion, ScoringFramework } from './scoring-schema.ts';

/** Recorded facts of one meeting. Null facts are unknown and leave their criteria to the scorer. */
export interface ScoringFacts {
  durationMinutes: number | null;
  /** the rule set's minimum: 90, or 120 for a regular and thematic meeting in one session (HD 42-HD/BTCTW) */
  requiredMinutes: number;
  /** present over the attendance base (exempt members excluded) */
  attendanceRate: number | null;
  unexcusedAbsences: number;
  /** someone was absent, even with a reason, more than 3 times in a row this year */
  longAbsenceStreak: boolean;
  preparatoryMinuted: boolean | null;
  /** false when the cell has only a secretary: the preparatory criterion then scores full marks */
  hasCommittee: boolean;
  noticeSent: boolean | null;
  /** days before the meeting the documents went out */
  materialsLeadDays: number | null;
  requiredLeadDays: number | null;
  speakersShare: number | null;
  minutesComplete: boolean | null;
  /** 0..1; null when no task of the previous decision was due */
  previousAchievement: number | null;
  finalisedWithinDays: number | null;
  requiredFinaliseDays: number | null;
  /** the meeting has a thematic part (criteria with appliesWhen 'thematic' apply) */
  thematic: boolean;
}

export interface AutoScore {
  points: number;
  /** what the facts show, e.g. 'Thời lượng 95 phút ≥ 90 phút' (scoring.evidence.duration_met) */
  evidence: Message;
}

type SourceValue =
  { kind: 'ratio'; ratio: number; evidence: Message } | { kind: 'yes_no'; yes: boolean; evidence: Message };

function percentOf(minRatio: number): Message {
  return percent(minRatio, 0);
}

/** The band a share falls in; none when it is below every band. */
function bandFor(bands: readonly RatioBand[], ratio: number): { band: RatioBand; index: number } | null {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.strict ? ratio > b.minRatio + 1e-9 : ratio + 1e-9 >= b.minRatio) return { band: b, index: i };
  }
  return null;
}

/** '≥ 90%', '> 50%', 'dưới 30%'; null when nothing is to be said */
function bandQualifier(bands: readonly RatioBand[], ratio: number): Message | null {
  const hit = bandFor(bands, ratio);
  const below = (r: number) => message('scoring.band.below', { percent: percentOf(r) });
  if (!hit) return bands.length ? below(bands[bands.length - 1]!.minRatio) : null;
  if (hit.band.minRatio === 0 && hit.index > 0) return below(bands[hit.index - 1]!.minRatio);
  if (hit.band.minRatio === 0) return null;
  const code = hit.band.strict ? 'scoring.band.more_than' : 'scoring.band.at_least';
  return message(code, { percent: percentOf(hit.band.minRatio) });
}

/** Evidence with a qualifier in brackets: 'Thời lượng 80 phút … (thiếu không quá 15 phút)'. */
function qualified(evidence: Message, qualifier: Message | null): Message {
  return qualifier ? message('scoring.evidence.qualified', { evidence, qualifier }) : evidence;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function durationValue(facts: ScoringFacts): SourceValue | null {
  const d = facts.durationMinutes;
  if (d === null) return null;
  const req = facts.requiredMinutes;
  const yes = d >= req;
  return {
    kind: 'yes_no',
    yes,
    evidence: yes
      ? message('scoring.evidence.duration_met', { minutes: d, required: req })
      : message('scoring.evidence.duration_short', { minutes: d, short: req - d, required: req }),
  };
}

/** The value of a source from the facts; null when the facts needed are unknown. */
function sourceValue(source: FactSource, facts: ScoringFacts): SourceValue | null {
  const yesNo = (yes: boolean, whenYes: Message, whenNo: Message): SourceValue => ({
    kind: 'yes_no',
    yes,
    evidence: yes ? whenYes : whenNo,
  });
  const m = (code: MessageCode, params?: Record<string, MessageParam>) => message(code, params);
  switch (source) {
    case 'duration': {
      const v = durationValue(facts);
      if (!v || facts.durationMinutes === null) return null;
      return {
        kind: 'ratio',
        ratio: Math.min(1, facts.durationMinutes / facts.requiredMinutes),
        evidence: v.evidence,
      };
    }
    case 'attendance': {
      const n = facts.unexcusedAbsences;
      if (facts.attendanceRate === null) {
        return n > 0
          ? { kind: 'ratio', ratio: 0, evidence: m('scoring.evidence.unexcused_only', { count: n }) }
          : null;
      }
      const absent =
        n > 0 ? m('scoring.evidence.unexcused', { count: n }) : m('scoring.evidence.no_unexcused');
      return {
        kind: 'ratio',
        ratio: facts.attendanceRate,
        evidence: m('scoring.evidence.attendance', { share: percent(facts.attendanceRate), absent }),
      };
    }
    case 'attendance_bonus':
      return yesNo(
        !facts.longAbsenceStreak,
        m('scoring.evidence.no_long_absence'),
        m('scoring.evidence.long_absence'),
      );
    case 'preparatory_minuted':
      if (!facts.hasCommittee) {
        const full = m('scoring.evidence.secretary_only');
        return yesNo(true, full, full);
      }
      if (facts.preparatoryMinuted === null) return null;
      return yesNo(
        facts.preparatoryMinuted,
        m('scoring.evidence.preparatory_minuted'),
        m('scoring.evidence.preparatory_not_minuted'),
      );
    case 'notice_sent':
      if (facts.noticeSent === null) return null;
      return yesNo(
        facts.noticeSent,
        m('scoring.evidence.notice_sent'),
        m('scoring.evidence.notice_not_sent'),
      );
    case 'materials_lead': {
      const lead = facts.materialsLeadDays;
      const req = facts.requiredLeadDays;
      if (lead === null || req === null) return null;
      const sent =
        lead <= 0
          ? m('scoring.evidence.materials_same_day')
          : m('scoring.evidence.materials_before', { days: lead });
      return yesNo(
        lead >= req,
        m('scoring.evidence.materials_in_time', { sent, required: req }),
        m('scoring.evidence.materials_late', { sent, required: req }),
      );
    }
    case 'speakers_share':
      if (facts.speakersShare === null) return null;
      return {
        kind: 'ratio',
        ratio: facts.speakersShare,
        evidence: m('scoring.evidence.speakers', { share: percent(facts.speakersShare) }),
      };
    case 'minutes_complete':
      if (facts.minutesComplete === null) return null;
      return yesNo(
        facts.minutesComplete,
        m('scoring.evidence.minutes_complete'),
        m('scoring.evidence.minutes_incomplete'),
      );
    case 'previous_achievement':
      if (facts.previousAchievement === null) return null;
      return {
        kind: 'ratio',
        ratio: facts.previousAchievement,
        evidence: m('scoring.evidence.previous_achievement', { share: percent(facts.previousAchievement) }),
      };
    case 'finalised_in_time': {
      const d = facts.finalisedWithinDays;
      const req = facts.requiredFinaliseDays;
      if (d === null || req === null) return null;
      return yesNo(
        d <= req,
        m('scoring.evidence.finalised_in_time', { days: d, required: req }),
        m('scoring.evidence.finalised_late', { days: d, required: req }),
      );
    }
  }
}

/**
 * HD 42 duration tiers (reference §6.2): the minimum met; at most 15 minutes short; at most 30 short; at
 * least half the minimum; less than half. Tier i takes the i-th highest level (the lowest when fewer levels).
 */
function durationTier(d: number, req: number): { tier: number; label: Message | null } {
  const short = req - d;
  if (short <= 0) return { tier: 0, label: null };
  if (short <= 15) return { tier: 1, label: message('scoring.evidence.tier_short_15') };
  if (short <= 30) return { tier: 2, label: message('scoring.evidence.tier_short_30') };
  if (d * 2 >= req) return { tier: 3, label: message('scoring.evidence.tier_half') };
  return { tier: 4, label: message('scoring.evidence.tier_below_half') };
}

function autoScore(c: ScoringCriterion, facts: ScoringFacts): AutoScore | null {
  if (!c.source) return null;
  if (c.type === 'levels') {
    // Only duration fills in levels (the schema check refuses other sources).
    const d = facts.durationMinutes;
    if (c.source !== 'duration' || d === null || !c.levels?.length) return null;
    const { tier, label } = durationTier(d, facts.requiredMinutes);
    const sorted = [...c.levels].sort((a, b) => b.points - a.points);
    const level = sorted[Math.min(tier, sorted.length - 1)]!;
    const base = durationValue(facts)!.evidence;
    return { points: level.points, evidence: qualified(base, label) };
  }
  // Duration is a share of the minimum for bands, and 'the minimum met' for a toggle.
  const v =
    c.source === 'duration' && c.type === 'toggle' ? durationValue(facts) : sourceValue(c.source, facts);
  if (!v) return null;
  if (v.kind === 'yes_no') {
    if (c.type === 'toggle' || c.type === 'computed')
      return { points: v.yes ? c.max : 0, evidence: v.evidence };
    return null;
  }
  if (c.type === 'ratio_bands' && c.bands) {
    // HD 42: any absence without a reason puts attendance in the lowest band.
    if (c.source === 'attendance' && facts.unexcusedAbsences > 0) {
      const lowest = Math.min(...c.bands.map((b) => b.points));
      return { points: lowest, evidence: v.evidence };
    }
    const hit = bandFor(c.bands, v.ratio);
    return {
      points: hit ? hit.band.points : 0,
      evidence: qualified(v.evidence, bandQualifier(c.bands, v.ratio)),
    };
  }
  if (c.type === 'computed') {
    const zero = c.source === 'attendance' && facts.unexcusedAbsences > 0;
    return { points: zero ? 0 : round2(c.max * Math.min(1, Math.max(0, v.ratio))), evidence: v.evidence };
  }
  return null;
}

/** The criteria the facts fill in, by criterion id, with their evidence. Criteria not applicable are left out. */
export function autoScores(f: ScoringFramework, facts: ScoringFacts): Map<string, AutoScore> {
  const out = new Map<string, AutoScore>();
  for (const g of f.groups) {
    for (const c of g.criteria) {
      if (!criterionApplies(c, facts)) continue;
      const a = autoScore(c, facts);
      if (a) out.set(c.id, a);
    }
  }
  return out;
}

/** Whether a criterion counts in this meeting: a thematic-only criterion needs a thematic part. */
export function criterionApplies(c: ScoringCriterion, facts: ScoringFacts): boolean {
  return c.appliesWhen !== 'thematic' || facts.thematic;
}
