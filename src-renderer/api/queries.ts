// The one query layer: a QueryClient tuned for a desk app, and the keys every screen shares.
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors the server gave on purpose do not heal by asking again; a lost database is retried by the banner.
      retry: (count, error) => !isApiError(error) && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

export const keys = {
  hospitals: ['hospitals.list'] as const,
  settings: ['settings.get'] as const,
  patientSearch: (query: string) => ['patients.search', query] as const,
  patient: (id: number) => ['patients.get', id] as const,
  patientPicker: (query: string) => ['patients.search', 'picker', query] as const,
  users: (query: string, includeInactive: boolean) => ['users.list', query, includeInactive] as const,
  allUsers: ['users.list', 'all'] as const,
  audit: (filters: object) => ['audit.list', filters] as const,
  connection: ['connection.status'] as const,
  departments: (hospitalId: number | null, includeInactive: boolean) => ['departments.list', hospitalId, includeInactive] as const,
  staffList: (filters: object) => ['staff.list', filters] as const,
  staffMember: (id: number) => ['staff.get', id] as const,
  doctorSchedule: (doctorId: number) => ['doctors.getSchedule', doctorId] as const,
  // Scheduling: every appointments key starts with its channel, so a push event can refresh the days it names.
  appointmentDoctors: (hospitalId: number | null) => ['doctors.list', 'appointments', hospitalId] as const,
  freeSlots: (doctorId: number, date: string) => ['appointments.freeSlots', doctorId, date] as const,
  departmentSlots: (hospitalId: number, date: string, by: { departmentId?: number; specialization?: string }) => ['appointments.departmentSlots', hospitalId, date, by] as const,
  nextFree: (input: { doctorId?: number; departmentId?: number; after?: string; limit?: number }) => ['appointments.nextFree', input] as const,
  daySchedule: (hospitalId: number, date: string, filters: { departmentId?: number; doctorId?: number }) => ['appointments.daySchedule', hospitalId, date, filters] as const,
  doctorAppointments: (doctorId: number, from: string, days: number) => ['appointments.forDoctor', doctorId, from, days] as const,
  patientAppointments: (patientId: number) => ['appointments.forPatient', patientId] as const,
  // Wards: every key starts with its channel and (where it has one) the hospital, so an occupancy event refreshes that hospital's views.
  wardLayout: (hospitalId: number) => ['rooms.list', hospitalId] as const,
  occupancyBoard: (hospitalId: number) => ['occupancy.board', hospitalId] as const,
  occupancyTimeline: (hospitalId: number, from: string, floorId: number | null) => ['occupancy.timeline', hospitalId, from, floorId] as const,
  census: (hospitalId: number) => ['occupancy.census', hospitalId] as const,
  bedBookings: (hospitalId: number) => ['beds.bookings', hospitalId] as const,
  theatreSchedule: (hospitalId: number, date: string) => ['theatres.schedule', hospitalId, date] as const,
  stay: (id: number) => ['admissions.get', id] as const,
  // Shifts and leave: every key starts with its channel, so a shift or staff change refreshes them by channel.
  shiftTypes: (hospitalId: number, includeInactive = false) => ['shifts.listTypes', hospitalId, includeInactive] as const,
  rotaRules: (hospitalId: number) => ['shifts.getRules', hospitalId] as const,
  rota: (departmentId: number, weekStart: string) => ['shifts.rota', departmentId, weekStart] as const,
  myShifts: ['shifts.mine'] as const,
  leave: (hospitalId: number, from: string, to: string) => ['leave.list', hospitalId, from, to] as const,
  // Billing: every key starts with its channel, so a change to an invoice or charge refreshes them by channel.
  invoices: (hospitalId: number, filters: object) => ['invoices.list', hospitalId, filters] as const,
  patientInvoices: (patientId: number) => ['invoices.list', 'patient', patientId] as const,
  invoice: (id: number) => ['invoices.get', id] as const,
  unbilled: (patientId: number, hospitalId: number | null) => ['charges.unbilled', patientId, hospitalId] as const,
  catalog: (hospitalId: number, query: string, includeInactive: boolean) => ['catalog.list', hospitalId, query, includeInactive] as const,
  billingSettings: (hospitalId: number) => ['billing.getSettings', hospitalId] as const,
};
