// Hash routes: #/patients, #/patients/new, #/patients/12, #/users, #/permissions?hospitalId=2, #/audit?entity=patient&entityId=12, #/settings, #/wards?tab=timeline, #/rota?departmentId=3&week=2026-03-09, #/billing/invoices/7, #/reports/revenue?period=last-month&hospitals=1,3.
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'patients' }
  | { name: 'patient-new' }
  | { name: 'patient'; id: number }
  | { name: 'users' }
  | { name: 'permissions'; hospitalId?: number }
  | { name: 'audit'; entity?: string; entityId?: string }
  | { name: 'settings' }
  | { name: 'appointments'; date?: string; status?: string }
  | { name: 'appointment-book'; patientId?: number }
  | { name: 'my-day'; doctorId?: number; date?: string }
  | { name: 'staff' }
  | { name: 'staff-member'; id: number }
  | { name: 'departments' }
  | { name: 'wards'; tab?: string; floorId?: number; status?: string }
  | { name: 'ward-setup' }
  | { name: 'rota'; departmentId?: number; week?: string }
  | { name: 'rota-setup' }
  | { name: 'rota-leave' }
  | { name: 'my-shifts' }
  | { name: 'billing'; status?: string; from?: string; to?: string }
  | { name: 'billing-patient'; id: number }
  | { name: 'billing-invoice'; id: number }
  | { name: 'billing-catalog' }
  | { name: 'billing-settings' }
  | { name: 'pharmacy'; tab?: string }
  | { name: 'pharmacy-item'; id: number }
  | { name: 'clinical-setup'; tab?: string }
  | { name: 'encounter'; id: number }
  | { name: 'results' }
  | { name: 'payroll' }
  | { name: 'payroll-run'; id: number }
  | { name: 'payroll-slip'; id: number }
  | { name: 'payroll-one-offs' }
  | { name: 'payroll-settings' }
  | { name: 'my-slips' }
  | { name: 'reports' }
  | { name: 'report'; report: string; from?: string; to?: string; period?: string; hospitalIds?: number[] }
  | { name: 'import' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'patients') {
    if (parts.length === 1) return { name: 'patients' };
    if (parts[1] === 'new' && parts.length === 2) return { name: 'patient-new' };
    const id = Number(parts[1]);
    if (parts.length === 2 && Number.isSafeInteger(id) && id > 0) return { name: 'patient', id };
  }
  if (parts[0] === 'appointments') {
    if (parts.length === 1) return { name: 'appointments', date: params.get('date') ?? undefined, status: params.get('status') ?? undefined };
    if (parts.length === 2 && parts[1] === 'book') return { name: 'appointment-book', patientId: positiveId(params.get('patientId')) };
  }
  if (parts.length === 1 && parts[0] === 'my-day') return { name: 'my-day', doctorId: positiveId(params.get('doctorId')), date: params.get('date') ?? undefined };
  if (parts[0] === 'staff') {
    if (parts.length === 1) return { name: 'staff' };
    const id = positiveId(parts[1]);
    if (parts.length === 2 && id) return { name: 'staff-member', id };
  }
  if (parts.length === 1 && parts[0] === 'departments') return { name: 'departments' };
  if (parts[0] === 'wards') {
    if (parts.length === 1) return { name: 'wards', tab: params.get('tab') ?? undefined, floorId: positiveId(params.get('floorId')), status: params.get('status') ?? undefined };
    if (parts.length === 2 && parts[1] === 'setup') return { name: 'ward-setup' };
  }
  if (parts[0] === 'rota') {
    if (parts.length === 1) return { name: 'rota', departmentId: positiveId(params.get('departmentId')), week: params.get('week') ?? undefined };
    if (parts.length === 2 && parts[1] === 'setup') return { name: 'rota-setup' };
    if (parts.length === 2 && parts[1] === 'leave') return { name: 'rota-leave' };
  }
  if (parts.length === 1 && parts[0] === 'my-shifts') return { name: 'my-shifts' };
  if (parts[0] === 'billing') {
    if (parts.length === 1) return { name: 'billing', status: params.get('status') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
    if (parts.length === 2 && parts[1] === 'catalog') return { name: 'billing-catalog' };
    if (parts.length === 2 && parts[1] === 'settings') return { name: 'billing-settings' };
    const id = positiveId(parts[2] ?? null);
    if (parts.length === 3 && parts[1] === 'patient' && id) return { name: 'billing-patient', id };
    if (parts.length === 3 && parts[1] === 'invoices' && id) return { name: 'billing-invoice', id };
  }
  if (parts[0] === 'pharmacy') {
    if (parts.length === 1) return { name: 'pharmacy', tab: params.get('tab') ?? undefined };
    const id = positiveId(parts[2] ?? null);
    if (parts.length === 3 && parts[1] === 'items' && id) return { name: 'pharmacy-item', id };
  }
  if (parts.length === 2 && parts[0] === 'encounters' && positiveId(parts[1])) return { name: 'encounter', id: positiveId(parts[1])! };
  if (parts.length === 1 && parts[0] === 'results') return { name: 'results' };
  if (parts[0] === 'payroll') {
    if (parts.length === 1) return { name: 'payroll' };
    if (parts.length === 2 && parts[1] === 'one-offs') return { name: 'payroll-one-offs' };
    if (parts.length === 2 && parts[1] === 'settings') return { name: 'payroll-settings' };
    const id = positiveId(parts[2] ?? null);
    if (parts.length === 3 && parts[1] === 'runs' && id) return { name: 'payroll-run', id };
    if (parts.length === 3 && parts[1] === 'slips' && id) return { name: 'payroll-slip', id };
  }
  if (parts.length === 1 && parts[0] === 'my-slips') return { name: 'my-slips' };
  if (parts[0] === 'reports') {
    if (parts.length === 1) return { name: 'reports' };
    if (parts.length === 2) {
      const hospitalIds = (params.get('hospitals') ?? '').split(',').map(positiveId).filter((id): id is number => id !== undefined);
      return { name: 'report', report: parts[1]!, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, period: params.get('period') ?? undefined, hospitalIds: hospitalIds.length ? hospitalIds : undefined };
    }
  }
  if (parts.length === 1 && parts[0] === 'import') return { name: 'import' };
  if (parts.length === 1 && parts[0] === 'clinical-setup') return { name: 'clinical-setup', tab: params.get('tab') ?? undefined };
  if (parts.length === 1 && parts[0] === 'users') return { name: 'users' };
  if (parts.length === 1 && parts[0] === 'permissions') return { name: 'permissions', hospitalId: positiveId(params.get('hospitalId')) };
  if (parts.length === 1 && parts[0] === 'settings') return { name: 'settings' };
  if (parts.length === 1 && parts[0] === 'audit') {
    return { name: 'audit', entity: params.get('entity') ?? undefined, entityId: params.get('entityId') ?? undefined };
  }
  return { name: 'not-found', path };
}

function positiveId(text: string | null): number | undefined {
  const id = Number(text);
  return text && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export const href = (path: string) => `#${path}`;
