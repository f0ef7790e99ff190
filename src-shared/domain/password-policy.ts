// The password policy of every account: long enough, not the username, not a common password. Checked by the
// contract's schemas (so the forms say it before sending) and again by the services where only they know the username.
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;
/** Fewer different characters than this (`aaaaaaaaaaaa`, `121212121212`) is a pattern, not a password. */
const MIN_DISTINCT_CHARACTERS = 5;

/** What is wrong with a new password on its own, or null when it passes. */
export function weakPasswordReason(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `At least ${MIN_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < MIN_DISTINCT_CHARACTERS) return 'Too repetitive: use a few words or a mix of characters.';
  if (COMMON_PASSWORDS.has(lower)) return 'This is one of the most common passwords; choose another.';
  return null;
}

/** What is wrong with a new password for this account (also: it may not be or contain the username), or null. */
export function passwordProblem(password: string, username: string | null): string | null {
  const own = weakPasswordReason(password);
  if (own) return own;
  const name = username?.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return 'The password may not contain the username.';
  return null;
}
