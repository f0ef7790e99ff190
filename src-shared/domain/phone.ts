// Phone numbers: validated for the hospital's country, stored in E.164 so search and duplicate checks compare like with like.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; message: string };

const EXAMPLES: Record<string, string> = {
  UG: '0772123456 or +256772123456',
  IN: '9876543210 or +919876543210',
  US: '(202) 555-0123 or +12025550123',
  KE: '0712345678 or +254712345678',
  GB: '07400123456 or +447400123456',
};

export function phoneExample(country: string): string {
  return EXAMPLES[country] ?? 'a number in international format, e.g. +256772123456';
}

/** A number written locally is read in the hospital's country; one starting with + may be of any country. */
export function checkPhone(raw: string, country: string): PhoneCheck {
  const text = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(text) || !/\d/.test(text)) return { ok: false, message: `Not a phone number; expected ${phoneExample(country)}.` };
  const parsed = parsePhoneNumberFromString(text, country as CountryCode);
  if (!parsed || !parsed.isValid()) return { ok: false, message: `Not a valid number for ${country}; expected ${phoneExample(country)}.` };
  return { ok: true, e164: parsed.number };
}

/** Normalises what somebody typed into a search box to an E.164 prefix, or null when it is not phone-like. */
export function phoneSearchPrefix(raw: string, country: string): string | null {
  const text = raw.replace(/[\s().-]/g, '');
  if (!/^\+?\d{6,15}$/.test(text)) return null;
  if (text.startsWith('+')) return text;
  const parsed = parsePhoneNumberFromString(text, country as CountryCode);
  if (parsed && parsed.isPossible()) return parsed.number;
  // A partial local number: drop the trunk 0 and put the country code in front.
  const code = parsePhoneNumberFromString(phoneExampleNumber(country), country as CountryCode)?.countryCallingCode;
  return code ? `+${code}${text.replace(/^0/, '')}` : null;
}

function phoneExampleNumber(country: string): string {
  return (EXAMPLES[country] ?? '+256772123456').split(' or ')[1] ?? '+256772123456';
}

export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}
