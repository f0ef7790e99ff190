// Patient-ID formats such as `HMS/{seq:6}`: parsing, validation and rendering of the next number.

const TOKEN = /\{(seq(?::(\d{1,2}))?|yyyy|yy)\}/g;

export interface PatientNumberFormat {
  pattern: string;
}

/** Returns a message when the format cannot produce unique numbers, otherwise null. */
export function checkPatientNumberFormat(pattern: string): string | null {
  if (pattern.length > 40) return 'At most 40 characters.';
  const seqs = [...pattern.matchAll(TOKEN)].filter((m) => m[1].startsWith('seq'));
  if (seqs.length !== 1) return 'Must contain exactly one {seq} or {seq:N} placeholder, e.g. HMS/{seq:6}.';
  const width = seqs[0][2] ? Number(seqs[0][2]) : 1;
  if (width < 1 || width > 12) return 'The sequence width must be between 1 and 12.';
  const literal = pattern.replace(TOKEN, '');
  if (/[{}]/.test(literal)) return 'Unknown placeholder; use {seq:N}, {yyyy} or {yy}.';
  if (!/^[A-Za-z0-9/_.-]*$/.test(literal)) return 'Only letters, digits and / _ . - around the placeholders.';
  return null;
}

/** The sequence restarts each year only when the format shows the year. */
export function sequenceScope(pattern: string, year: number): string {
  return /\{yy(yy)?\}/.test(pattern) ? String(year) : 'all';
}

export function renderPatientNumber(pattern: string, seq: number, year: number): string {
  return pattern.replace(TOKEN, (_all, token: string, width?: string) => {
    if (token === 'yyyy') return String(year);
    if (token === 'yy') return String(year % 100).padStart(2, '0');
    return String(seq).padStart(width ? Number(width) : 1, '0');
  });
}
