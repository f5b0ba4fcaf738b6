import { InvalidArgument } from '@mandate/domain';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Passwords found at the top of every leaked-password list: refused whatever their length. */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  'password123',
  'password1234',
  'qwertyuiop',
  'qwerty12345',
  'iloveyou123',
  'abc1234567',
  'administrator',
  'matkhau123',
  'matkhau1234',
]);

/**
 * The minimum password policy (NIST SP 800-63B's: length over composition rules): 10 to 256
 * characters, not a well-known password, not the username, not one character repeated.
 * Throws an InvalidArgument naming the `field` (400).
 */
export function checkPasswordPolicy(password: string, username: string, field = 'password'): void {
  const reason = passwordProblem(password, username);
  if (reason) throw new InvalidArgument(`${field} ${reason}`, 'weak_password', field);
}

export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (lower === username.trim().toLowerCase()) return 'must not be the username';
  if (new Set(lower).size === 1) return 'must not be one character repeated';
  if (COMMON.has(lower)) return 'is a well-known password: choose another';
  return null;
}
