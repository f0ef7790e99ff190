// The one handler table both transports serve: every declared channel, nothing more.
import type { HandlerTable } from '../platform/handlers';
import { registerExportPages, registerHandlerTable } from '../platform/channel-handlers';
import { appointmentHandlers } from '../features/appointments/appointments.handlers';
import { billingHandlers } from '../features/billing/billing.handlers';
import { clinicalHandlers } from '../features/clinical/clinical.handlers';
import { journalHandlers } from '../features/journal/journal.handlers';
import { pharmacyHandlers } from '../features/pharmacy/pharmacy.handlers';
import { payrollHandlers } from '../features/payroll/payroll.handlers';
import { reportHandlers } from '../features/reports/reports.handlers';
import { exportHandlers } from '../features/reports/exports.handlers';
import { dashboardHandlers } from '../features/dashboard/dashboard.handlers';
import { importHandlers } from '../features/imports/imports.handlers';
import { auditHandlers } from '../features/audit/audit.handlers';
import { hospitalHandlers } from '../features/hospitals/hospitals.handlers';
import { patientExportPages, patientHandlers } from '../features/patients/patients.handlers';
import { permissionHandlers } from '../features/permissions/permissions.handlers';
import { settingsHandlers } from '../features/settings/settings.handlers';
import { setupHandlers } from '../features/setup/setup.handlers';
import { shiftHandlers } from '../features/shifts/shifts.handlers';
import { staffHandlers } from '../features/staff/staff.handlers';
import { userHandlers } from '../features/users/users.handlers';
import { wardHandlers } from '../features/wards/wards.handlers';

export const handlerTable: HandlerTable = {
  ...setupHandlers,
  ...userHandlers,
  ...hospitalHandlers,
  ...patientHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...permissionHandlers,
  ...staffHandlers,
  ...appointmentHandlers,
  ...wardHandlers,
  ...shiftHandlers,
  ...billingHandlers,
  ...clinicalHandlers,
  ...pharmacyHandlers,
  ...journalHandlers,
  ...payrollHandlers,
  ...reportHandlers,
  ...exportHandlers,
  ...dashboardHandlers,
  ...importHandlers,
};

// The CSV export runs list channels' handlers (or their export page readers) under its own call.
registerHandlerTable(handlerTable);
registerExportPages({ ...patientExportPages });
