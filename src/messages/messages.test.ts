import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogs, isMessageCode, type MessageCode, message, placeholders, render } from './index.ts';

const codes = Object.keys(catalogs.vi) as MessageCode[];

describe('message catalogues', () => {
  it('give every code Vietnamese and English words, and nothing more', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(catalogs.vi[code].trim(), code).not.toBe('');
      expect(catalogs.en[code].trim(), code).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const code of codes)
      expect(placeholders(catalogs.en[code]).sort(), code).toEqual(placeholders(catalogs.vi[code]).sort());
  });

  it('leave no placeholder unfilled when every parameter is given', () => {
    for (const code of codes) {
      const params = Object.fromEntries(placeholders(catalogs.vi[code]).map((p) => [p, 'x']));
      for (const lang of ['vi', 'en'] as const)
        expect(render(lang, message(code, params)), `${lang} ${code}`).not.toMatch(/\{\w+\}/);
    }
  });

  it('write English without Vietnamese letters (names and document numbers aside)', () => {
    const vietnamese = /[ăâđêôơưạảãàáậầấẩẫắằặẳẵẹẻẽèéệềếểễịỉĩìíọỏõòóộồốổỗờớợởỡụủũùúựừứửữỵỷỹỳý]/i;
    const allowed = /Chi bộ|Đảng|HD|QĐ|CT|NQ|KL/;
    for (const code of codes) {
      const en = catalogs.en[code].replace(/«[^»]*»/g, '');
      if (vietnamese.test(en) && !allowed.test(en)) expect.fail(`${code}: ${en}`);
    }
  });

  it('render a parameter that is itself a message', () => {
    expect(render('en', message('error.not_found'))).toBe('Not found');
    expect(isMessageCode('error.not_found')).toBe(true);
    expect(isMessageCode('nope')).toBe(false);
  });

  it('render zod issues with zod’s own locale in each language', () => {
    const r = z.string().min(3).safeParse('ab');
    expect(r.success).toBe(false);
    const { input: _i, path: _p, message: _m, ...raw } = r.error!.issues[0]!;
    const m = message('validation.zod_issue', raw as Record<string, string>);
    expect(render('en', m)).toMatch(/3/);
    expect(render('vi', m)).not.toBe(render('en', m));
  });
});
