import { describe, expect, it } from 'vitest';
import { taskListQuery } from '../contracts/meetings.ts';
import { memberListQuery } from '../contracts/members.ts';
import { positionKind } from '../contracts/organizations.ts';
import {
  genders,
  memberLifecycles,
  memberScopes,
  memberStatuses,
  positionKinds,
  taskFilters,
  yesNo,
} from '../contracts/values.ts';
import { isoDay, lenient, membersSearch, numberIn, oneOf, text, uuid } from './search-params.ts';

describe('search param readers', () => {
  it('oneOf keeps only listed words', () => {
    const read = oneOf(['mine', 'done'] as const);
    expect(read('mine')).toBe('mine');
    expect(read('Mine')).toBeUndefined();
    expect(read(['mine'])).toBeUndefined();
    expect(read(undefined)).toBeUndefined();
  });

  it('text keeps digits the router turned into a number as text, and refuses long text', () => {
    expect(text()('Đặng')).toBe('Đặng');
    expect(text()(123456)).toBe('123456');
    expect(text()(Number.NaN)).toBeUndefined();
    expect(text(3)('abcd')).toBeUndefined();
    expect(text()({ q: 1 })).toBeUndefined();
  });

  it('isoDay and uuid read their shapes only', () => {
    expect(isoDay('2026-12-03')).toBe('2026-12-03');
    expect(isoDay('03/12/2026')).toBeUndefined();
    expect(uuid('1b4e28ba-2fa1-11d2-883f-0016d3cca427')).toBe('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    expect(uuid('1b4e28ba')).toBeUndefined();
  });

  it('numberIn reads numbers and digits within bounds, whole unless told', () => {
    const year = numberIn(2015, 2100);
    expect(year(2026)).toBe(2026);
    expect(year('2026')).toBe(2026);
    expect(year('2026.5')).toBeUndefined();
    expect(year('')).toBeUndefined();
    expect(year(' ')).toBeUndefined();
    expect(year(2014)).toBeUndefined();
    expect(year('x')).toBeUndefined();
    expect(numberIn(1, 50, false)('12.5')).toBe(12.5);
  });

  it('lenient drops what does not fit and keeps the rest', () => {
    const read = lenient({ year: numberIn(2015, 2100), tab: oneOf(['prep', 'room'] as const) });
    expect(read({ year: '2026', tab: 'nope', other: 'x' })).toEqual({ year: 2026 });
    expect(read({})).toEqual({});
  });

  it("the members page's search reads every filter the contract allows", () => {
    expect(
      membersSearch({
        organizationId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
        scope: 'direct',
        q: 'Hoà',
        status: 'full',
        exempt: 'no',
        temporary: 'yes',
        gender: 'female',
        lifecycle: 'transferred_out',
      }),
    ).toEqual({
      organizationId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      scope: 'direct',
      q: 'Hoà',
      status: 'full',
      exempt: 'no',
      temporary: 'yes',
      gender: 'female',
      lifecycle: 'transferred_out',
    });
  });
});

describe('the value lists the web reads without zod', () => {
  it('are the lists the contracts validate with', () => {
    const m = memberListQuery.shape;
    expect(m.scope.unwrap().options).toEqual([...memberScopes]);
    expect(m.status.unwrap().options).toEqual([...memberStatuses]);
    expect(m.exempt.unwrap().options).toEqual([...yesNo]);
    expect(m.gender.unwrap().options).toEqual([...genders]);
    expect(m.lifecycle.unwrap().options).toEqual([...memberLifecycles]);
    expect(taskListQuery.shape.filter.unwrap().options).toEqual([...taskFilters]);
    expect(positionKind.options).toEqual([...positionKinds]);
  });
});
