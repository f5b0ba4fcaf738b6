/**
 * Folds text for accent-insensitive search: lowercase, Vietnamese diacritics removed
 * (NFD, combining marks stripped, đ/Đ → d), whitespace collapsed.
 * `foldSearchText('Đề án 06')` is `'de an 06'`; `'Chỉ thị'` becomes `'chi thi'`.
 */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
