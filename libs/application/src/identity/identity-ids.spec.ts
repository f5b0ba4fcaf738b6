import { v5 as uuidv5 } from 'uuid';
import { directiveIdForCode, unitIdForCode, userIdForUsername } from './identity-ids';

describe('name-based ids', () => {
  it('are the same for a name however it is spaced or cased', () => {
    expect(userIdForUsername('  Police.Officer ')).toBe(userIdForUsername('police.officer'));
    expect(unitIdForCode('ca')).toBe(unitIdForCode('CA'));
    expect(directiveIdForCode(' 06-ct/tu')).toBe(directiveIdForCode('06-CT/TU'));
  });

  it('take a lone surrogate (which UTF-8 cannot hold) as U+FFFD instead of throwing', () => {
    expect(() => userIdForUsername('a\uD800b')).not.toThrow();
    expect(userIdForUsername('a\uD800b')).toBe(userIdForUsername('a\uFFFDb'));
    expect(unitIdForCode('\uDC00')).toBe(unitIdForCode('\uFFFD'));
  });

  it('leave a well-formed pair (an emoji) as it is', () => {
    expect(userIdForUsername('😀')).toBe(uuidv5('😀', 'a4c2d8e1-7b3f-4c6a-8e19-5d0b2f4a6c37'));
  });
});
