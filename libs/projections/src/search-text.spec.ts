import { foldSearchText } from './search-text';

describe('foldSearchText', () => {
  it.each([
    ['Chỉ thị', 'chi thi'],
    ['Đề án 06', 'de an 06'],
    ['ĐẮK LẮK', 'dak lak'],
    ['  Nghị   quyết\tsố 15 ', 'nghi quyet so 15'],
    ['15-CT/TU', '15-ct/tu'],
    ['Chỉ thị'.normalize('NFD'), 'chi thi'],
  ])('%j folds to %j', (input, folded) => {
    expect(foldSearchText(input)).toBe(folded);
  });
});
