// Staff records, doctors (staff with a licence and a fee), their weekly hours and the exceptions that remove them.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EXCEPTION_KINDS, STAFF_ROLES, STAFF_STATUSES, type ExceptionKind, type StaffRole, type StaffStatus } from '@shared/domain/scheduling';
import { CalendarDate, CreatedAt, UpdatedAt } from '../../db/columns';
import { DepartmentEntity } from './department.entity';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { UserEntity } from '../users/user.entity';

@Entity('staff')
@Index('uq_staff_employee_number', ['hospitalId', 'employeeNumber'], { unique: true })
@Index('uq_staff_user', ['userId'], { unique: true })
/** The staff list: one hospital, one status, in name order (keyset paging). */
@Index('ix_staff_list', ['hospitalId', 'status', 'nameKey', 'id'])
@Index('ix_staff_department', ['departmentId', 'staffRole'])
export class StaffEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_staff_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'employee_number', type: 'varchar', length: 20 }) employeeNumber!: string;
  @Column({ name: 'first_name', type: 'varchar', length: 100 }) firstName!: string;
  @Column({ name: 'last_name', type: 'varchar', length: 100 }) lastName!: string;
  /** "last first", for the list's order and prefix search. */
  @Column({ name: 'name_key', type: 'varchar', length: 201 }) nameKey!: string;
  @Column({ name: 'staff_role', type: 'simple-enum', enum: STAFF_ROLES }) staffRole!: StaffRole;
  @Column({ name: 'department_id', type: 'int', unsigned: true, nullable: true }) departmentId!: number | null;
  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_staff_department' })
  department?: DepartmentEntity;
  /** E.164 */
  @Column({ type: 'varchar', length: 16, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @CalendarDate({ name: 'hire_date' }) hireDate!: string;
  @Column({ name: 'contracted_hours', type: 'tinyint', unsigned: true }) contractedHours!: number;
  @Column({ type: 'simple-enum', enum: STAFF_STATUSES, default: 'active' }) status!: StaffStatus;
  @CalendarDate({ name: 'terminated_on', nullable: true }) terminatedOn!: string | null;
  @Column({ name: 'termination_reason', type: 'varchar', length: 500, nullable: true }) terminationReason!: string | null;
  @Column({ name: 'user_id', type: 'int', unsigned: true, nullable: true }) userId!: number | null;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_staff_user' })
  user?: UserEntity;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

/** The doctor part of a staff record; its key is the staff id, which is also the doctor's id everywhere. */
@Entity('doctors')
@Index('uq_doctors_licence', ['licenceNumber'], { unique: true })
@Index('ix_doctors_specialization', ['specialization'])
export class DoctorEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'int', unsigned: true }) staffId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_doctors_staff' })
  staff?: StaffEntity;
  @Column({ type: 'varchar', length: 80 }) specialization!: string;
  @Column({ name: 'licence_number', type: 'varchar', length: 40 }) licenceNumber!: string;
  /** Minor units of the hospital's currency. */
  @Column({ name: 'consultation_fee', type: 'bigint', unsigned: true }) consultationFee!: number;
  @Column({ name: 'default_slot_minutes', type: 'smallint', unsigned: true, default: 15 }) defaultSlotMinutes!: number;
}

/** One block of weekly hours: a weekday at one hospital, in that hospital's local time, for a range of dates. */
@Entity('doctor_schedules')
@Index('ix_doctor_schedules_doctor', ['doctorId', 'weekday'])
@Index('ix_doctor_schedules_hospital', ['hospitalId', 'weekday'])
export class DoctorScheduleEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'doctor_id', type: 'int', unsigned: true }) doctorId!: number;
  @ManyToOne(() => DoctorEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'doctor_id', referencedColumnName: 'staffId', foreignKeyConstraintName: 'fk_doctor_schedules_doctor' })
  doctor?: DoctorEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_doctor_schedules_hospital' })
  hospital?: HospitalEntity;
  /** ISO weekday, 1 = Monday. */
  @Column({ type: 'tinyint', unsigned: true }) weekday!: number;
  /** Minutes after local midnight. */
  @Column({ name: 'start_minute', type: 'smallint', unsigned: true }) startMinute!: number;
  @Column({ name: 'end_minute', type: 'smallint', unsigned: true }) endMinute!: number;
  @Column({ name: 'slot_minutes', type: 'smallint', unsigned: true }) slotMinutes!: number;
  @CalendarDate({ name: 'valid_from' }) validFrom!: string;
  @CalendarDate({ name: 'valid_to', nullable: true }) validTo!: string | null;
  @CreatedAt() createdAt!: Date;
}

/** Time a doctor is away, in local dates (and optionally times) of wherever they would have worked. */
@Entity('doctor_exceptions')
@Index('ix_doctor_exceptions_doctor', ['doctorId', 'endDate'])
export class DoctorExceptionEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'doctor_id', type: 'int', unsigned: true }) doctorId!: number;
  @ManyToOne(() => DoctorEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'doctor_id', referencedColumnName: 'staffId', foreignKeyConstraintName: 'fk_doctor_exceptions_doctor' })
  doctor?: DoctorEntity;
  @Column({ type: 'simple-enum', enum: EXCEPTION_KINDS }) kind!: ExceptionKind;
  @CalendarDate({ name: 'start_date' }) startDate!: string;
  @CalendarDate({ name: 'end_date' }) endDate!: string;
  /** Null: from the start of the first day. */
  @Column({ name: 'start_minute', type: 'smallint', unsigned: true, nullable: true }) startMinute!: number | null;
  /** Null: to the end of the last day. */
  @Column({ name: 'end_minute', type: 'smallint', unsigned: true, nullable: true }) endMinute!: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @CreatedAt() createdAt!: Date;
}
