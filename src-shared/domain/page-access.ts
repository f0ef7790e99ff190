// Who may open which page of the desk: the channel each page calls to show itself. The renderer's shell guards its pages
// with it, and every link, row and button that opens a page asks the same question, so a role is never shown a link to
// "Not available to your role". A page without a channel (home, my shifts, my slips, reports) decides what it shows.
import type { ChannelName } from '../contract/index';
import type { Role } from './roles';

export interface PageAccess {
  /** Whoever may call it (at the desk's hospital, by the hospital's role table) may open the page. */
  channel: ChannelName;
  /** Roles that may open the page besides (they see it read-only). */
  alsoRoles?: readonly Role[];
}

/** Every page of the desk by its route's name (src-renderer/app/router.ts). */
export const PAGE_ACCESS = {
  home: null,
  patients: { channel: 'patients.search' },
  'patient-new': { channel: 'patients.register' },
  patient: { channel: 'patients.get' },
  users: { channel: 'users.list' },
  permissions: { channel: 'permissions.matrix' },
  audit: { channel: 'audit.list' },
  settings: { channel: 'settings.update' },
  appointments: { channel: 'appointments.daySchedule' },
  'appointment-book': { channel: 'appointments.book' },
  'my-day': { channel: 'appointments.forDoctor' },
  staff: { channel: 'staff.list' },
  'staff-member': { channel: 'staff.get' },
  departments: { channel: 'departments.create', alsoRoles: ['manager'] },
  wards: { channel: 'occupancy.board' },
  'ward-setup': { channel: 'rooms.createFloor' },
  rota: { channel: 'shifts.rota' },
  'rota-setup': { channel: 'shifts.createType' },
  'rota-leave': { channel: 'leave.list' },
  'my-shifts': null,
  billing: { channel: 'invoices.list' },
  'billing-patient': { channel: 'charges.unbilled' },
  'billing-invoice': { channel: 'invoices.get' },
  'billing-catalog': { channel: 'catalog.list' },
  'billing-settings': { channel: 'billing.getSettings' },
  pharmacy: { channel: 'pharmacy.items' },
  'pharmacy-item': { channel: 'pharmacy.item' },
  'clinical-setup': { channel: 'tests.define' },
  encounter: { channel: 'encounters.get' },
  results: { channel: 'tests.pending' },
  payroll: { channel: 'payroll.runs' },
  'payroll-run': { channel: 'payroll.getRun' },
  'payroll-slip': { channel: 'payroll.slip' },
  'payroll-one-offs': { channel: 'payroll.oneOffs' },
  'payroll-settings': { channel: 'payroll.setDeductionRules' },
  'my-slips': null,
  reports: null,
  report: null,
  import: { channel: 'import.preview' },
  'not-found': null,
} as const satisfies Record<string, PageAccess | null>;

export type PageName = keyof typeof PAGE_ACCESS;

/** The questions a desk answers from the session: may it call this channel here, does the user hold one of these roles. */
export interface Permissions {
  can(channel: ChannelName, hospitalId?: number | null): boolean;
  hasRole(...roles: readonly Role[]): boolean;
}

/** May the user open this page (at the desk's hospital, or at `hospitalId` when the record belongs to another)? */
export function mayOpenPage(page: PageName, who: Permissions, hospitalId?: number | null): boolean {
  const access: PageAccess | null = PAGE_ACCESS[page] ?? null;
  if (!access) return true;
  return who.can(access.channel, hospitalId) || (access.alsoRoles !== undefined && who.hasRole(...access.alsoRoles));
}
