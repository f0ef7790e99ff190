// The TypeORM data source: entity and migration lists (explicit: the main process is bundled) and connection options.
import { DataSource } from 'typeorm';
import { HospitalEntity } from '../features/hospitals/hospital.entity';
import { DepartmentEntity } from '../features/hospitals/department.entity';
import { UserEntity, UserHospitalEntity } from '../features/users/user.entity';
import { NumberSequenceEntity, PatientEntity } from '../features/patients/patient.entity';
import { AuditEntryEntity, AuditHeadEntity } from '../features/audit/audit.entity';
import { SettingEntity } from '../features/settings/setting.entity';
import { DoctorEntity, DoctorExceptionEntity, DoctorScheduleEntity, StaffEntity } from '../features/staff/staff.entity';
import { AppointmentEntity } from '../features/appointments/appointment.entity';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { Scheduling1764100000000 } from './migrations/1764100000000-Scheduling';
import { Wards1764200000000 } from './migrations/1764200000000-Wards';
import { Shifts1764300000000 } from './migrations/1764300000000-Shifts';
import { Billing1764400000000 } from './migrations/1764400000000-Billing';
import { BillingSettingsEntity, CatalogItemEntity, InvoiceDocumentEntity, InvoiceEntity, InvoiceLineEntity, PaymentDocumentEntity, PaymentEntity } from '../features/billing/billing.entity';
import { CoverageRuleEntity, RotaRulesEntity, ShiftAssignmentEntity, ShiftTypeEntity, StaffLeaveEntity } from '../features/shifts/shift.entity';
import { BedEntity, FloorEntity, RoomEntity } from '../features/wards/ward.entity';
import { BedBookingEntity, BedStayEntity, StayEntity, TheatreBookingEntity } from '../features/wards/stay.entity';
import { ChargeEntity } from '../features/billing/charge.entity';

export const ENTITIES = [
  HospitalEntity,
  DepartmentEntity,
  UserEntity,
  UserHospitalEntity,
  PatientEntity,
  NumberSequenceEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  SettingEntity,
  StaffEntity,
  DoctorEntity,
  DoctorScheduleEntity,
  DoctorExceptionEntity,
  AppointmentEntity,
  FloorEntity,
  RoomEntity,
  BedEntity,
  StayEntity,
  BedStayEntity,
  BedBookingEntity,
  TheatreBookingEntity,
  ChargeEntity,
  ShiftTypeEntity,
  RotaRulesEntity,
  CoverageRuleEntity,
  ShiftAssignmentEntity,
  StaffLeaveEntity,
  CatalogItemEntity,
  BillingSettingsEntity,
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceDocumentEntity,
  PaymentEntity,
  PaymentDocumentEntity,
];
export const MIGRATIONS = [Foundation1764000000000, Scheduling1764100000000, Wards1764200000000, Shifts1764300000000, Billing1764400000000];

export interface DbTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** `mysql://user:pass@host:port/db` (mariadb:// too). */
export function parseDatabaseUrl(url: string): DbTarget {
  const u = new URL(url);
  if (!/^(mysql|mariadb):$/.test(u.protocol)) throw new Error('HMS_DATABASE_URL must start with mysql:// or mariadb://');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('HMS_DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/hospital');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
  };
}

export function databaseUrl(t: DbTarget): string {
  const auth = t.password ? `${encodeURIComponent(t.user)}:${encodeURIComponent(t.password)}` : encodeURIComponent(t.user);
  return `mysql://${auth}@${t.host}:${t.port}/${encodeURIComponent(t.database)}`;
}

/** How long a call may wait for the server before it answers DB_UNAVAILABLE. */
export const CONNECT_TIMEOUT_MS = 3000;

/** MariaDB and MySQL differ in how they report column defaults; TypeORM needs to know which it talks to. */
export type ServerFlavor = 'mariadb' | 'mysql';

export function createDataSource(t: DbTarget, poolSize = 10, flavor: ServerFlavor = 'mariadb'): DataSource {
  return new DataSource({
    type: flavor,
    host: t.host,
    port: t.port,
    username: t.user,
    password: t.password,
    database: t.database,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    poolSize,
    extra: { enableKeepAlive: true, maxIdle: poolSize, idleTimeout: 60_000 },
  });
}
