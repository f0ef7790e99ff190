// An appointment: a patient with a doctor at a hospital for a time range, and where it stands in its status flow.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '@shared/domain/scheduling';
import { CalendarDate, CreatedAt, Instant, UpdatedAt } from '../../db/columns';
import { DepartmentEntity } from '../staff/department.entity';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { PatientEntity } from '../patients/patient.entity';
import { DoctorEntity } from '../staff/staff.entity';

@Entity('appointments')
/** Overlap checks and a doctor's day: bounded ranges of starts_at per doctor. */
@Index('ix_appointments_doctor', ['doctorId', 'startsAt'])
@Index('ix_appointments_patient', ['patientId', 'startsAt'])
/** The hospital's day schedule. */
@Index('ix_appointments_day', ['hospitalId', 'localDate', 'startsAt'])
@Index('ix_appointments_department', ['departmentId'])
@Index('ix_appointments_report', ['hospitalId', 'localDate', 'status', 'departmentId', 'doctorId', 'patientId', 'startsAt', 'createdAt', 'checkedInAt'])
@Index('ix_appointments_patient_day', ['patientId', 'localDate', 'hospitalId', 'status'])
export class AppointmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_appointments_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'department_id', type: 'int', unsigned: true, nullable: true }) departmentId!: number | null;
  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_appointments_department' })
  department?: DepartmentEntity;
  @Column({ name: 'doctor_id', type: 'int', unsigned: true }) doctorId!: number;
  @ManyToOne(() => DoctorEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'doctor_id', referencedColumnName: 'staffId', foreignKeyConstraintName: 'fk_appointments_doctor' })
  doctor?: DoctorEntity;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_appointments_patient' })
  patient?: PatientEntity;
  @Instant({ name: 'starts_at' }) startsAt!: Date;
  @Instant({ name: 'ends_at' }) endsAt!: Date;
  /** The calendar date of starts_at at the hospital. */
  @CalendarDate({ name: 'local_date' }) localDate!: string;
  /** A past visit imported with its day only (no time): it starts at local midnight, lasts no time and holds no slot. */
  @Column({ name: 'day_only', type: 'boolean', default: false }) dayOnly!: boolean;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'simple-enum', enum: APPOINTMENT_STATUSES, default: 'booked' }) status!: AppointmentStatus;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'queue_number', type: 'smallint', unsigned: true, nullable: true }) queueNumber!: number | null;
  @Instant({ name: 'checked_in_at', nullable: true }) checkedInAt!: Date | null;
  @Instant({ name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Instant({ name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column({ name: 'booked_by', type: 'int', unsigned: true, nullable: true }) bookedBy!: number | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
