// Name comparison for the duplicate warning: case, accents and small typos do not hide a duplicate.

export function foldName(name: string): string {
  return name
    .normalize('NFKD')
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
