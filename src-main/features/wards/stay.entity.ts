// Stays (admissions) with their bed history, bed reservations and operating-theatre bookings.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BOOKING_STATUSES, STAY_STATUSES, type BookingStatus, type StayStatus } from '@shared/domain/wards';
import { CalendarDate, CreatedAt, Instant, UpdatedAt } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { PatientEntity } from '../patients/patient.entity';
import { DoctorEntity } from '../staff/staff.entity';
import { BedEntity, RoomEntity } from './ward.entity';

@Entity('stays')
/** A patient lies in one bed at a time: the patient's id sits here only while admitted. */
@Index('uq_stays_active_patient', ['activePatientId'], { unique: true })
@Index('ix_stays_patient', ['patientId', 'admittedAt'])
@Index('ix_stays_hospital', ['hospitalId', 'status'])
@Index('ix_stays_doctor', ['attendingDoctorId'])
@Index('ix_stays_bed', ['currentBedId'])
@Index('ix_stays_report', ['hospitalId', 'dischargedAt', 'admittedAt'])
export class StayEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_stays_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_stays_patient' })
  patient?: PatientEntity;
  @Column({ name: 'attending_doctor_id', type: 'int', unsigned: true }) attendingDoctorId!: number;
  @ManyToOne(() => DoctorEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'attending_doctor_id', referencedColumnName: 'staffId', foreignKeyConstraintName: 'fk_stays_doctor' })
  attendingDoctor?: DoctorEntity;
  @Column({ type: 'varchar', length: 500 }) reason!: string;
  @Instant({ name: 'admitted_at' }) admittedAt!: Date;
  @CalendarDate({ name: 'expected_discharge', nullable: true }) expectedDischarge!: string | null;
  @Instant({ name: 'discharged_at', nullable: true }) dischargedAt!: Date | null;
  @Column({ type: 'simple-enum', enum: STAY_STATUSES, default: 'admitted' }) status!: StayStatus;
  @Column({ name: 'current_bed_id', type: 'int', unsigned: true }) currentBedId!: number;
  @ManyToOne(() => BedEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'current_bed_id', foreignKeyConstraintName: 'fk_stays_bed' })
  currentBed?: BedEntity;
  @Column({ name: 'active_patient_id', type: 'bigint', unsigned: true, nullable: true }) activePatientId!: number | null;
  @Column({ name: 'booking_id', type: 'bigint', unsigned: true, nullable: true }) bookingId!: number | null;
  @Column({ name: 'discharge_note', type: 'varchar', length: 500, nullable: true }) dischargeNote!: string | null;
  @Column({ name: 'admitted_by', type: 'int', unsigned: true, nullable: true }) admittedBy!: number | null;
  @Column({ name: 'discharged_by', type: 'int', unsigned: true, nullable: true }) dischargedBy!: number | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

/** One bed of a stay, from admission or transfer to transfer or discharge. */
@Entity('bed_stays')
/** A bed holds one patient at a time: the bed's id sits here only while the patient is in it. */
@Index('uq_bed_stays_occupied', ['occupiedBedId'], { unique: true })
@Index('ix_bed_stays_stay', ['stayId', 'fromAt'])
@Index('ix_bed_stays_bed', ['bedId', 'fromAt'])
@Index('ix_bed_stays_report', ['stayId', 'fromAt', 'toAt', 'bedId'])
export class BedStayEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'stay_id', type: 'bigint', unsigned: true }) stayId!: number;
  @ManyToOne(() => StayEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'fk_bed_stays_stay' })
  stay?: StayEntity;
  @Column({ name: 'bed_id', type: 'int', unsigned: true }) bedId!: number;
  @ManyToOne(() => BedEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'bed_id', foreignKeyConstraintName: 'fk_bed_stays_bed' })
  bed?: BedEntity;
  @Instant({ name: 'from_at' }) fromAt!: Date;
  @Instant({ name: 'to_at', nullable: true }) toAt!: Date | null;
  @Column({ name: 'occupied_bed_id', type: 'int', unsigned: true, nullable: true }) occupiedBedId!: number | null;
}

@Entity('bed_bookings')
@Index('ix_bed_bookings_bed', ['bedId', 'fromDate'])
@Index('ix_bed_bookings_patient', ['patientId'])
/** Reservations of a hospital that still run on a day: the board, the timeline and the bookings list. */
@Index('ix_bed_bookings_hospital', ['hospitalId', 'status', 'toDate', 'fromDate'])
export class BedBookingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_bed_bookings_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'bed_id', type: 'int', unsigned: true }) bedId!: number;
  @ManyToOne(() => BedEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'bed_id', foreignKeyConstraintName: 'fk_bed_bookings_bed' })
  bed?: BedEntity;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_bed_bookings_patient' })
  patient?: PatientEntity;
  /** First night (local date). */
  @CalendarDate({ name: 'from_date' }) fromDate!: string;
  /** The day the bed is free again (local date). */
  @CalendarDate({ name: 'to_date' }) toDate!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ type: 'simple-enum', enum: BOOKING_STATUSES, default: 'reserved' }) status!: BookingStatus;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'stay_id', type: 'bigint', unsigned: true, nullable: true }) stayId!: number | null;
  @Column({ name: 'booked_by', type: 'int', unsigned: true, nullable: true }) bookedBy!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

@Entity('theatre_bookings')
@Index('ix_theatre_bookings_room', ['roomId', 'startsAt'])
@Index('ix_theatre_bookings_day', ['hospitalId', 'localDate'])
@Index('ix_theatre_bookings_patient', ['patientId'])
@Index('ix_theatre_bookings_surgeon', ['surgeonId'])
export class TheatreBookingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_theatre_bookings_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'room_id', type: 'int', unsigned: true }) roomId!: number;
  @ManyToOne(() => RoomEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'fk_theatre_bookings_room' })
  room?: RoomEntity;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_theatre_bookings_patient' })
  patient?: PatientEntity;
  @Column({ name: 'surgeon_id', type: 'int', unsigned: true, nullable: true }) surgeonId!: number | null;
  @ManyToOne(() => DoctorEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'surgeon_id', referencedColumnName: 'staffId', foreignKeyConstraintName: 'fk_theatre_bookings_surgeon' })
  surgeon?: DoctorEntity;
  @Instant({ name: 'starts_at' }) startsAt!: Date;
  @Instant({ name: 'ends_at' }) endsAt!: Date;
  @CalendarDate({ name: 'local_date' }) localDate!: string;
  @Column({ name: 'procedure_name', type: 'varchar', length: 200 }) procedureName!: string;
  @Column({ type: 'simple-enum', enum: ['booked', 'cancelled'], default: 'booked' }) status!: 'booked' | 'cancelled';
  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'booked_by', type: 'int', unsigned: true, nullable: true }) bookedBy!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
