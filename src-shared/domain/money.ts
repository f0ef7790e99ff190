// Money: an integer count of minor units plus the currency, never a float; one way to show it and one to read it.
import { CURRENCY_DIGITS } from './countries';

/** Minor units per major unit of a currency: 0 for UGX, 2 for USD, INR, KES, GBP. */
export const currencyDigits = (currency: string): number => CURRENCY_DIGITS[currency] ?? 2;

/** Minor units as an exact decimal string ("12550" USD → "125.50", "50000" UGX → "50000"); no grouping. */
export function moneyDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount in minor units as the desk reads it: "$125.00", "₹1,250.50", "USh 50,000" (or "UGX 50,000", as the runtime's ICU data has it). */
export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined || !Number.isFinite(minor)) return '';
  let f = moneyFormats.get(currency);
  if (!f) {
    const digits = currencyDigits(currency);
    f = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(currency, f);
  }
  // A decimal string is formatted exactly (no binary fraction on the way).
  return f.format(moneyDecimal(minor, currency) as `${number}`);
}

export type MoneyParse = { ok: true; minor: number } | { ok: false; message: string };

/**
 * What was typed ("125.50", "1,250", "USh 50,000", "$ 12.5") as minor units, by string arithmetic only.
 * Commas and spaces group thousands; a point starts the fraction, with at most the currency's digits.
 */
export function parseMoney(text: string, currency: string): MoneyParse {
  const digits = currencyDigits(currency);
  const example = digits === 0 ? '50000' : '125.50';
  const cleaned = text
    .trim()
    .replace(/^[^\d.,-]+/, '')
    .replace(new RegExp(`\\s*${currency}$`, 'i'), '')
    .replace(/[\s,\u00a0\u202f']/g, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || !/\d/.test(cleaned)) return { ok: false, message: `Type an amount in ${currency}, e.g. ${example}.` };
  const whole = m[1] || '0';
  // Zeros past the currency's digits change nothing ("50000.00" UGX is 50000).
  const fraction = (m[2] ?? '').replace(new RegExp(`(?<=^\\d{${digits}}\\d*?)0+$`), '');
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? `${currency} has no smaller unit: type whole ${currency}, e.g. ${example}.` : `At most ${digits} digits after the point.` };
  }
  const minorText = (whole + fraction.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  const minor = Number(minorText);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: 'The amount is too large.' };
  return { ok: true, minor };
}
