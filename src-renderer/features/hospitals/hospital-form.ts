// The hospital form's values and their HospitalFields input (tax rate typed in percent, stored in basis points).
import type { Hospital, HospitalFields } from '@shared/contract/hospitals';
import { COUNTRIES } from '@shared/domain/countries';

export interface HospitalFormValues {
  code: string;
  name: string;
  country: string;
  region: string;
  address: string;
  timeZone: string;
  currency: string;
  taxPercent: number | '';
  patientNumberFormat: string;
}

export const HOSPITAL_ALIASES = { defaultTaxRateBp: 'taxPercent' } as const;

export function emptyHospital(): HospitalFormValues {
  const c = COUNTRIES[0];
  return { code: '', name: '', country: c.code, region: '', address: '', timeZone: c.timeZone, currency: c.currency, taxPercent: 0, patientNumberFormat: 'HMS/{seq:6}' };
}

export function fromHospital(h: Hospital): HospitalFormValues {
  return {
    code: h.code,
    name: h.name,
    country: h.country,
    region: h.region ?? '',
    address: h.address ?? '',
    timeZone: h.timeZone,
    currency: h.currency,
    taxPercent: h.defaultTaxRateBp / 100,
    patientNumberFormat: h.patientNumberFormat,
  };
}

export function toHospitalFields(v: HospitalFormValues): HospitalFields {
  return {
    code: v.code.trim().toUpperCase(),
    name: v.name,
    country: v.country,
    region: v.region || null,
    address: v.address || null,
    timeZone: v.timeZone,
    currency: v.currency,
    defaultTaxRateBp: v.taxPercent === '' ? 0 : Math.round(v.taxPercent * 100),
    patientNumberFormat: v.patientNumberFormat,
  };
}
