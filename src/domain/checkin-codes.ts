// Self check-in codes: short codes from an unambiguous alphabet, shown in the room and typed by members. Pure.

/** Upper case letters and digits without the look-alikes 0/O, 1/I/L. */
export const checkinAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 6 characters from an unambiguous alphabet (no 0/O/1/I/L), upper case; `random` returns [0, 1). */
export function generateCheckinCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < 6; i++) {
    const index = Math.min(
      checkinAlphabet.length - 1,
      Math.max(0, Math.floor(random() * checkinAlphabet.length)),
    );
    code += checkinAlphabet[index];
  }
  return code;
}

/** Trims, upper-cases and strips spaces and dashes: ' ab3-k7 x ' → 'AB3K7X'. */
export function normalizeCheckinCode(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}
