// The merged map of every channel and the record kinds they change and show: handler table, pipeline, change feed
// and renderer are typed from it.
//
// Area files and the channel prefixes each holds (record kinds in brackets):
//   setup.ts        setup.*, connection.*                           (none: the first hospital and admin are hospital/user)
//   users.ts        auth.*, users.*                                 [user]
//   hospitals.ts    hospitals.*                                     [hospital]
//   settings.ts     settings.*                                      [settings]
//   permissions.ts  permissions.*                                   [role_permission]
//   audit.ts        audit.*                                         [audit_signing_key, audit_checkpoint] (the trail itself is not refreshed live)
//   patients.ts     patients.*                                      [patient]
//   staff.ts        departments.*, staff.*, doctors.*               [department, staff, doctor] — departments live here
//   appointments.ts appointments.*                                  [appointment]
//   wards.ts        rooms.*, beds.*, theatres.*, admissions.*, occupancy.*  [floor, room, bed, stay, bed_booking, theatre_booking]
//   shifts.ts       shifts.*, leave.*                               [shift_type, rota_rules, coverage_rule, shift, leave]
//   billing.ts      catalog.*, charges.*, invoices.*, payments.*, billing.*  [catalog_item, charge, invoice, billing_settings]
//   clinical.ts     encounters.*, diagnoses.*, procedures.*, tests.*, prescriptions.*  [encounter, test_order, prescription, test_definition, icd10_code]
//   pharmacy.ts     pharmacy.*                                      [medicine_item, stock_batch, dispensing]
//   journal.ts      patients.journal, patients.journalPdf, patients.fhirExport  (none: the patient's record across areas)
//   payroll.ts      payroll.*                                       [pay_structure, payroll_settings, pay_adjustment, payroll_run]
//   reports.ts      reports.* (but exportCsv)                       (none: reads)
//   exports.ts      reports.exportCsv                               (none: reads)
//   dashboard.ts    dashboard.*                                     (none: reads)
//   imports.ts      import.*                                        (see the file)
import { appointmentKinds, appointments } from './appointments';
import { audit, auditKinds, type AuditTamperAlarm } from './audit';
import { billing, billingKinds } from './billing';
import { clinical, clinicalKinds } from './clinical';
import { journal, journalKinds } from './journal';
import { pharmacy, pharmacyKinds } from './pharmacy';
import { payroll, payrollKinds } from './payroll';
import { reportKinds, reports } from './reports';
import { exportKinds, exportsArea } from './exports';
import { dashboard, dashboardKinds } from './dashboard';
import { importKinds, imports } from './imports';
import { hospitalKinds, hospitals } from './hospitals';
import { patientKinds, patients } from './patients';
import { permissionKinds, permissions } from './permissions';
import { settings, settingsKinds } from './settings';
import { shiftKinds, shifts } from './shifts';
import { staff, staffKinds } from './staff';
import { setup, setupKinds } from './setup';
import { userKinds, users } from './users';
import { wardKinds, wards } from './wards';
import type { InputOf, OutputOf } from './channel';

/** Every kind of record a write can change: audit entries, `records.changed` and live refresh speak these words only. */
export const RECORD_KINDS = [
  ...setupKinds,
  ...userKinds,
  ...hospitalKinds,
  ...settingsKinds,
  ...permissionKinds,
  ...auditKinds,
  ...patientKinds,
  ...staffKinds,
  ...appointmentKinds,
  ...wardKinds,
  ...shiftKinds,
  ...billingKinds,
  ...clinicalKinds,
  ...pharmacyKinds,
  ...journalKinds,
  ...payrollKinds,
  ...reportKinds,
  ...exportKinds,
  ...dashboardKinds,
  ...importKinds,
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const contract = { ...setup, ...users, ...hospitals, ...patients, ...audit, ...settings, ...permissions, ...staff, ...appointments, ...wards, ...shifts, ...billing, ...clinical, ...pharmacy, ...journal, ...payroll, ...reports, ...exportsArea, ...dashboard, ...imports } as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Input<K extends ChannelName> = InputOf<Contract[K]>;
export type Output<K extends ChannelName> = OutputOf<Contract[K]>;

/** Events main pushes to every window. */
export interface Events {
  'connection.changed': { connected: boolean; message: string | null };
  /** This workstation's witness found the audit trail rewritten, cut or emptied (administrators' screens raise an alarm). */
  'audit.tampered': AuditTamperAlarm;
  /** A long print job's progress (batch of invoices). */
  'billing.progress': { jobId: string; done: number; total: number };
  /** An ICD-10 code list import's progress (rows read of the file). */
  'diagnoses.importProgress': { jobId: string; done: number; total: number };
  /** A CSV import's progress: rows read and checked (preview and commit), then rows written (commit). */
  'import.progress': { jobId: string; phase: 'checking' | 'writing'; done: number; total: number };
  /** A payroll batch PDF's progress (slips rendered). */
  'payroll.progress': { jobId: string; done: number; total: number };
  /** A CSV export's progress (rows written; total when known, null for a list read page by page). */
  'reports.exportProgress': { jobId: string; done: number; total: number | null };
  /**
   * Records of one kind changed, at this workstation (sent after the commit) or at another sharing the database
   * (read from the audit trail every few seconds): ids when known, and the hospitals they belong to.
   */
  'records.changed': { entity: RecordKind; ids: string[]; hospitalIds: number[] };
}
export type EventName = keyof Events;
