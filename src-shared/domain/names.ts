// Name comparison for the duplicate warning and the keys name search runs on: case, accents and small typos do not
// hide a duplicate, and a name is found however the desk types its letters.

/**
 * Letters that carry no separable accent (Unicode gives them no decomposition, and the database's collation keeps them
 * apart from their plain letter): "Łukasz" is looked for as "lukasz", "Đorđe" as "dorde", "Ɔdɔm" as "odom".
 */
const PLAIN_LETTERS: Record<string, string> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', ø: 'o', Ø: 'O', ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE',
  þ: 'th', Þ: 'Th', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ĸ: 'k', ŋ: 'n', Ŋ: 'N', ƒ: 'f', ɓ: 'b', Ɓ: 'B', ɗ: 'd',
  Ɗ: 'D', ƙ: 'k', Ƙ: 'K', ƴ: 'y', Ƴ: 'Y', ɛ: 'e', Ɛ: 'E', ɔ: 'o', Ɔ: 'O', ʋ: 'v', Ʋ: 'V', ɣ: 'g', Ɣ: 'G', ǝ: 'e',
  Ǝ: 'E', ə: 'e', Ə: 'E',
};
const PLAIN_LETTER = new RegExp(`[${Object.keys(PLAIN_LETTERS).join('')}]`, 'gu');

/** A name with those letters written plainly, case and the rest kept (the collation folds case and accents). */
export function plainLetters(name: string): string {
  return name.replace(PLAIN_LETTER, (c) => PLAIN_LETTERS[c]);
}

export function foldName(name: string): string {
  return plainLetters(name.normalize('NFKD'))
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

function similarWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  return editDistance(a, b) <= (Math.max(a.length, b.length) >= 6 ? 2 : 1);
}

/** Similar when both the first and last names are similar, in either order (names get swapped at desks). */
export function similarNames(first1: string, last1: string, first2: string, last2: string): boolean {
  return similarFoldedNames(foldName(first1), foldName(last1), foldName(first2), foldName(last2));
}

/** similarNames of names already folded (foldName): for comparing many names, each folded once. */
export function similarFoldedNames(f1: string, l1: string, f2: string, l2: string): boolean {
  return (similarWord(f1, f2) && similarWord(l1, l2)) || (similarWord(f1, l2) && similarWord(l1, f2));
}
