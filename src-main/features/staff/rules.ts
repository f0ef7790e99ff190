// Staff rules that the HR desk and the demo data share: employee numbers.

/** Employee numbers a hospital does not give by hand: KLA-00042, from a counter per hospital. */
export const employeeNumber = (hospitalCode: string, seq: number): string => `${hospitalCode}-${String(seq).padStart(5, '0')}`;

/**
 * Name search over staff, typed plainly ("lukasz" finds Łukasz) in either order. Staff keep one key, "last first" with
 * ł, ø, ß … written plainly (nameKey); the raw first_name cannot match "lukasz", so a given name is found as a word
 * of that key, and "first last" as the key with the typed last word moved to the front (a surname still being typed too). Staff lists are small: the
 * word match needs no index. `extra` are further columns a prefix of what was typed may match (employee number…).
 */
export function staffNameMatch(typed: string, plain: (s: string) => string, extra: string[] = []): { sql: string; args: string[] } {
  const like = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const key = plain(typed.trim()).replace(/\s+/g, ' ');
  const words = key.split(' ');
  // "lukasz w": the last word typed begins the surname, the words before it are the given names.
  const rotated = words.length > 1 ? `${like(words[words.length - 1])} ${like(words.slice(0, -1).join(' '))}` : null;
  const clauses = ['s.name_key LIKE ?', 's.name_key LIKE ?', ...(rotated ? ['s.name_key LIKE ?'] : []), ...extra.map((c) => `${c} LIKE ?`)];
  const args = [like(key), `% ${like(key)}`, ...(rotated ? [rotated] : []), ...extra.map(() => like(typed.trim()))];
  return { sql: `(${clauses.join(' OR ')})`, args };
}
