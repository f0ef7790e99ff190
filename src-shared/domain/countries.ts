// Countries a hospital can be in, with the defaults the set-up form proposes.
export interface CountryInfo {
  code: string;
  name: string;
  currency: string;
  timeZone: string;
  /** How dates are typed at the desk: day first or month first. */
  dateOrder: 'DMY' | 'MDY';
}

export const COUNTRIES: CountryInfo[] = [
  { code: 'UG', name: 'Uganda', currency: 'UGX', timeZone: 'Africa/Kampala', dateOrder: 'DMY' },
  { code: 'KE', name: 'Kenya', currency: 'KES', timeZone: 'Africa/Nairobi', dateOrder: 'DMY' },
  { code: 'IN', name: 'India', currency: 'INR', timeZone: 'Asia/Kolkata', dateOrder: 'DMY' },
  { code: 'US', name: 'United States', currency: 'USD', timeZone: 'America/New_York', dateOrder: 'MDY' },
  { code: 'GB', name: 'United Kingdom', currency: 'GBP', timeZone: 'Europe/London', dateOrder: 'DMY' },
];

export const COUNTRY_CODES = COUNTRIES.map((c) => c.code) as [string, ...string[]];

export function countryInfo(code: string): CountryInfo {
  const info = COUNTRIES.find((c) => c.code === code);
  if (!info) throw new Error(`Unknown country ${code}`);
  return info;
}

/** Minor units per currency (UGX has none). */
export const CURRENCY_DIGITS: Record<string, number> = { UGX: 0, KES: 2, INR: 2, USD: 2, GBP: 2 };
export const CURRENCIES = Object.keys(CURRENCY_DIGITS) as [string, ...string[]];
