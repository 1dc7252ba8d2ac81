// Vietnamese-aware text folding for search: "duc" finds "Đức", "nguyen van" finds "Nguyễn Văn".

/** Lower-case, strip diacritics (including đ/Đ, which Unicode does not decompose), collapse spaces. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
