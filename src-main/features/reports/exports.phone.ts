// A phone as the screens show it (formatPhone: "+256 772 123456"), for files of a million rows.
//
// formatPhone parses with the full metadata: 15–40 µs a number, most of a million-row export. Its grouping depends only
// on the numbering plan's format the national number picks (libphonenumber's own choice: the format's last leading-digits
// pattern at the start, then its pattern over the whole number) and on the lengths of that pattern's groups. So the
// first number of each (calling code, format, group lengths) is formatted by formatPhone itself and its grouping is
// reused for the others: their digits, that number's spaces. Anything off that path (not E.164, a calling code whose
// countries format differently, a national number starting with a trunk prefix, an unformattable number) goes through
// formatPhone. test/unit/csv-cells.test.ts checks the two agree over many countries.
import { Metadata } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { formatPhone } from '@shared/domain/phone';

interface PlanFormat {
  leading: RegExp | null;
  pattern: RegExp;
}

interface Plan {
  formats: PlanFormat[];
  /** A national number starting with the trunk prefix may be read differently: such a number goes the slow way. */
  trunk: RegExp | null;
}

/** Where the spaces go: the digits' positions in the E.164 text and what comes before each. */
interface Template {
  /** [separator text, digits] pairs: "+", 3, " ", 3, " ", 6. */
  parts: (string | number)[];
}

/** The parts of libphonenumber's Metadata class used here (its typings declare fewer than it has). */
interface PlanMetadata {
  selectNumberingPlan(country: string): unknown;
  countryCallingCodes(): Record<string, string[]>;
  numberingPlan: {
    formats(): { pattern(): string; leadingDigitsPatterns(): string[]; internationalFormat(): string }[];
    nationalPrefixForParsing(): string | undefined;
  };
}
// The full metadata formatPhone parses with (the /max entry's own Metadata wrapper is not a constructor once bundled).
const newMetadata = () => new Metadata(maxMetadata) as unknown as PlanMetadata;

const metadata = newMetadata();
const plans = new Map<string, Plan | null>();
const templates = new Map<string, Template | null>();
const E164 = /^\+\d{3,17}$/;

function formatsOf(country: string): { pattern: string; leading: string | null; intl: string }[] {
  const m = newMetadata();
  m.selectNumberingPlan(country);
  return m.numberingPlan.formats().map((f) => {
    const leading = f.leadingDigitsPatterns();
    return { pattern: f.pattern(), leading: leading.length > 0 ? leading[leading.length - 1] : null, intl: f.internationalFormat() };
  });
}

/** The formats a calling code's numbers are written with, or null when its countries do not all share them. */
function planOf(callingCode: string): Plan | null {
  if (plans.has(callingCode)) return plans.get(callingCode)!;
  let plan: Plan | null = null;
  const countries = Object.hasOwn(metadata.countryCallingCodes(), callingCode) ? metadata.countryCallingCodes()[callingCode] : undefined;
  if (countries && countries.length > 0) {
    const all = countries.map(formatsOf);
    const same = all.every((f) => JSON.stringify(f) === JSON.stringify(all[0]));
    if (same) {
      const m = newMetadata();
      m.selectNumberingPlan(countries[0]);
      const trunk = m.numberingPlan.nationalPrefixForParsing();
      plan = {
        formats: all[0].map((f) => ({ leading: f.leading === null ? null : new RegExp(`^(?:${f.leading})`), pattern: new RegExp(`^(?:${f.pattern})$`) })),
        trunk: trunk ? new RegExp(`^(?:${trunk})`) : null,
      };
    }
  }
  plans.set(callingCode, plan);
  return plan;
}

/** The calling code an E.164 number starts with (they are prefix-free: 1, 2 or 3 digits). */
function callingCodeOf(digits: string): string | null {
  const codes = metadata.countryCallingCodes();
  for (let n = 1; n <= 3; n++) if (Object.hasOwn(codes, digits.slice(0, n))) return digits.slice(0, n);
  return null;
}

/** The grouping key of a number, or null for a number that must be formatted by formatPhone. */
function groupingKey(e164: string): string | null {
  if (!E164.test(e164)) return null;
  const digits = e164.slice(1);
  const code = callingCodeOf(digits);
  if (!code) return null;
  const plan = planOf(code);
  if (!plan) return null;
  const national = digits.slice(code.length);
  if (plan.trunk && plan.trunk.test(national)) return null;
  for (let i = 0; i < plan.formats.length; i++) {
    const f = plan.formats[i];
    if (f.leading && !f.leading.test(national)) continue;
    const m = f.pattern.exec(national);
    if (!m) continue;
    let key = `${code}/${i}/${national.length}`;
    for (let g = 1; g < m.length; g++) key += `/${m[g]?.length ?? -1}`;
    return key;
  }
  return `${code}/-/${national.length}`;
}

/** The grouping of `formatted` when it is the same digits as `e164` with separators between them. */
function templateOf(e164: string, formatted: string): Template | null {
  if (formatted === e164 || formatted.replace(/\D/g, '') !== e164.slice(1)) return null;
  const parts: (string | number)[] = [];
  let sep = '';
  let run = 0;
  for (const ch of formatted) {
    if (ch >= '0' && ch <= '9') {
      if (sep || parts.length === 0) {
        if (run) parts.push(run);
        parts.push(sep);
        sep = '';
        run = 0;
      }
      run++;
    } else {
      sep += ch;
    }
  }
  if (run) parts.push(run);
  if (sep) parts.push(sep);
  return { parts };
}

function applyTemplate(e164: string, t: Template): string {
  let out = '';
  let at = 1;
  for (const p of t.parts) {
    if (typeof p === 'string') out += p;
    else {
      out += e164.slice(at, at + p);
      at += p;
    }
  }
  return out;
}

/** formatPhone(e164), the same text, at a fraction of the cost for numbers of a grouping already seen. */
export function exportPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const key = groupingKey(e164);
  if (key === null) return formatPhone(e164);
  let template = templates.get(key);
  if (template === undefined) {
    const formatted = formatPhone(e164);
    template = templateOf(e164, formatted);
    if (templates.size > 10_000) templates.clear();
    templates.set(key, template);
    return formatted;
  }
  return template === null ? formatPhone(e164) : applyTemplate(e164, template);
}
