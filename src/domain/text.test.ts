import { describe, expect, it } from 'vitest';
import { escapeLike, foldVietnamese } from './text.ts';

describe('foldVietnamese', () => {
  it.each([
    ['Đức', 'duc'],
    ['Nguyễn Văn Ánh', 'nguyen van anh'],
    ['  Trần   Thị  Thu  ', 'tran thi thu'],
    ["H'Mông", "h'mong"],
    ['Ngô Đình Đạt', 'ngo dinh dat'],
    ['Phường Hòa Bình', 'phuong hoa binh'],
    ['Hoà', 'hoa'],
  ])('%s → %s', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });
  it('treats precomposed and decomposed input the same', () => {
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe(foldVietnamese('Nguyễn'));
  });
});

describe('escapeLike', () => {
  it('escapes wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
