import { describe, expect, it } from 'vitest';
import { meetingKinds } from '../contracts/meetings.ts';
import { agendaSectionLabel, agendaTemplate } from './meeting-agenda.ts';

describe('meetings: agenda labels', () => {
  it('names every section', () => {
    expect(agendaSectionLabel).toEqual({
      opening: 'Phần mở đầu',
      main: 'Nội dung chính',
      closing: 'Kết thúc',
    });
  });
});

describe('meetings: agenda template', () => {
  const keys = (opts: Parameters<typeof agendaTemplate>[0]) => agendaTemplate(opts).map((i) => i.key);
  const regularKeys = [
    'purpose_guests',
    'appoint_minute_taker',
    'attendance',
    'dues',
    'adopt_agenda',
    'previous_decision_review',
    'information',
    'discussion',
    'self_criticism',
    'praise_reminders',
    'conclusion',
    'task_assignment',
    'vote',
    'self_score',
    'minutes_adoption',
  ];

  it('has the standard order for a regular meeting', () => {
    expect(keys({ kind: 'regular', thematic: false, admission: false })).toEqual(regularKeys);
    const t = agendaTemplate({ kind: 'regular', thematic: false, admission: false });
    expect(t.every((i) => !i.optional)).toBe(true);
    expect(t.map((i) => i.section)).toEqual([
      ...Array(5).fill('opening'),
      ...Array(5).fill('main'),
      ...Array(5).fill('closing'),
    ]);
  });

  it.each([
    ['regular', false, false, false, false],
    ['regular', true, false, true, false],
    ['regular', false, true, false, true],
    ['regular', true, true, true, true],
    ['thematic', false, false, true, false],
    ['regular_thematic', false, false, true, false],
    ['regular_thematic', false, true, true, true],
    ['extraordinary', false, true, false, true],
    ['general_assembly', false, false, false, false],
  ] as const)(
    '%s thematic=%s admission=%s: thematic item %s, admission item %s',
    (kind, th, ad, hasTh, hasAd) => {
      const k = keys({ kind, thematic: th, admission: ad });
      expect(k.includes('thematic')).toBe(hasTh);
      expect(k.includes('admission')).toBe(hasAd);
      // thematic and admission sit in the main part, after the praise and before the conclusion
      const main = agendaTemplate({ kind, thematic: th, admission: ad }).filter((i) => i.section === 'main');
      expect(main.at(-1)!.key).toBe(hasAd ? 'admission' : hasTh ? 'thematic' : 'praise_reminders');
      expect(k.indexOf('conclusion')).toBe(k.length - 5);
    },
  );

  it('makes the monthly routine optional in a thematic-only meeting', () => {
    const t = agendaTemplate({ kind: 'thematic', thematic: false, admission: false });
    const optional = t.filter((i) => i.optional).map((i) => i.key);
    expect(optional).toEqual([
      'dues',
      'previous_decision_review',
      'information',
      'self_criticism',
      'praise_reminders',
      'task_assignment',
      'self_score',
    ]);
    expect(t.find((i) => i.key === 'thematic')!.optional).toBe(false);
  });

  it('gives the committee a shorter template, ignoring the options', () => {
    const expected = [
      'purpose_guests',
      'attendance',
      'previous_decision_review',
      'discussion',
      'task_assignment',
      'conclusion',
    ];
    expect(keys({ kind: 'committee', thematic: false, admission: false })).toEqual(expected);
    expect(keys({ kind: 'committee', thematic: true, admission: true })).toEqual(expected);
    expect(agendaTemplate({ kind: 'committee', thematic: false, admission: false })[4]!.title).toMatch(
      /dự thảo nghị quyết/,
    );
  });

  it('has titles in Vietnamese and unique keys', () => {
    for (const kind of meetingKinds) {
      const t = agendaTemplate({ kind, thematic: true, admission: true });
      expect(new Set(t.map((i) => i.key)).size).toBe(t.length);
      for (const i of t) expect(i.title.length).toBeGreaterThan(3);
    }
  });
});
