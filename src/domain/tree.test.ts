import { describe, expect, it } from 'vitest';
import {
  ancestorIds,
  canHoldChild,
  childPath,
  isWithin,
  labelToId,
  pathLabel,
  rebasePath,
  wouldCreateCycle,
} from './tree.ts';

const a = '11111111-1111-4111-8111-111111111111';
const b = '22222222-2222-4222-8222-222222222222';
const c = '33333333-3333-4333-8333-333333333333';

describe('paths', () => {
  it('labels are uuids without hyphens and map back', () => {
    expect(pathLabel(a)).toBe('11111111111141118111111111111111');
    expect(labelToId(pathLabel(a))).toBe(a);
  });
  it('builds child paths and lists ancestors root first', () => {
    const pa = childPath(null, a);
    const pb = childPath(pa, b);
    const pc = childPath(pb, c);
    expect(ancestorIds(pc)).toEqual([a, b]);
    expect(isWithin(pc, pa)).toBe(true);
    expect(isWithin(pa, pc)).toBe(false);
    expect(isWithin('1.22', '1.2')).toBe(false);
  });
  it('rebases a subtree onto a new root', () => {
    expect(rebasePath('p.d.x.y', 'p.d.x', 'p.x')).toBe('p.x.y');
    expect(() => rebasePath('p.q', 'p.d', 'p')).toThrow();
  });
  it('detects cycles: moving under itself or under a descendant', () => {
    expect(wouldCreateCycle('p.x', 'p.x.y')).toBe(true);
    expect(wouldCreateCycle('p.x', 'p.x')).toBe(true);
    expect(wouldCreateCycle('p.x', 'p.z')).toBe(false);
  });
});

describe('kinds', () => {
  it.each([
    ['grassroots_committee', 'cell', true],
    ['cell', 'party_group', true],
    ['party_group', 'cell', false],
    ['cell', 'grassroots_committee', false],
    ['provincial_committee', 'grassroots_committee', true],
    ['district_committee', 'grassroots_cell', true],
  ] as const)('%s may hold %s: %s', (parent, child, ok) => {
    expect(canHoldChild(parent, child)).toBe(ok);
  });
});
