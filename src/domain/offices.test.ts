import { describe, expect, it } from 'vitest';
import { needsCommitteeTerm, positionKindsAt } from './offices.ts';

describe('offices by kind of organisation', () => {
  it('cells have a secretary, a deputy and committee members but no standing committee', () => {
    expect(positionKindsAt('cell')).toEqual(['secretary', 'deputy_secretary', 'committee_member']);
    expect(positionKindsAt('grassroots_cell')).toEqual(positionKindsAt('cell'));
  });

  it('party groups have a leader and a deputy only', () => {
    expect(positionKindsAt('party_group')).toEqual(['group_leader', 'group_deputy']);
  });

  it('committees have a standing committee', () => {
    for (const kind of ['grassroots_committee', 'provincial_committee', 'subcommittee'] as const) {
      expect(positionKindsAt(kind)).toContain('standing_member');
      expect(positionKindsAt(kind)).not.toContain('group_leader');
    }
  });

  it('only committees need a term for their offices', () => {
    expect(needsCommitteeTerm('grassroots_committee')).toBe(true);
    expect(needsCommitteeTerm('cell')).toBe(false);
    expect(needsCommitteeTerm('party_group')).toBe(false);
  });
});
