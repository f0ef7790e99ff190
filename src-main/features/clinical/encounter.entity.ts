// Encounters (a consultation of an appointment or a ward round of a stay) with SOAP notes and vitals, their addenda,
// diagnoses and procedures.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DIAGNOSIS_CERTAINTIES, DIAGNOSIS_RANKS, ENCOUNTER_KINDS, ENCOUNTER_STATUSES, type DiagnosisCertainty, type DiagnosisRank, type EncounterKind, type EncounterStatus } from '@shared/domain/clinical';
import { CalendarDate, Instant, decimalNumber } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { PatientEntity } from '../patients/patient.entity';
import { StaffEntity } from '../staff/staff.entity';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { StayEntity } from '../wards/stay.entity';
import { CatalogItemEntity } from '../billing/billing.entity';
import { Icd10CodeEntity } from './catalog.entity';

@Entity('encounters')
/** One encounter per appointment. */
@Index('uq_encounters_appointment', ['appointmentId'], { unique: true })
/** One ward round per stay and hospital-local day. */
@Index('uq_encounters_round', ['stayId', 'roundDate'], { unique: true })
@Index('ix_encounters_patient', ['patientId', 'startedAt'])
@Index('ix_encounters_doctor', ['doctorId', 'startedAt'])
@Index('ix_encounters_hospital', ['hospitalId', 'startedAt'])
export class EncounterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_encounters_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_encounters_patient' })
  patient?: PatientEntity;
  /** The staff record of the doctor who holds the encounter. */
  @Column({ name: 'doctor_id', type: 'int', unsigned: true }) doctorId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'doctor_id', foreignKeyConstraintName: 'fk_encounters_doctor' })
  doctor?: StaffEntity;
  @Column({ type: 'simple-enum', enum: ENCOUNTER_KINDS }) kind!: EncounterKind;
  @Column({ name: 'appointment_id', type: 'bigint', unsigned: true, nullable: true }) appointmentId!: number | null;
  @ManyToOne(() => AppointmentEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'appointment_id', foreignKeyConstraintName: 'fk_encounters_appointment' })
  appointment?: AppointmentEntity;
  @Column({ name: 'stay_id', type: 'bigint', unsigned: true, nullable: true }) stayId!: number | null;
  @ManyToOne(() => StayEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'fk_encounters_stay' })
  stay?: StayEntity;
  /** Ward rounds: the hospital's local day of the round. */
  @CalendarDate({ name: 'round_date', nullable: true }) roundDate!: string | null;
  @Column({ type: 'simple-enum', enum: ENCOUNTER_STATUSES, default: 'open' }) status!: EncounterStatus;
  @Instant({ name: 'started_at' }) startedAt!: Date;
  @Instant({ name: 'signed_at', nullable: true }) signedAt!: Date | null;
  /** The user who signed. */
  @Column({ name: 'signed_by', type: 'int', unsigned: true, nullable: true }) signedBy!: number | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) complaint!: string | null;
  @Column({ type: 'text', nullable: true }) subjective!: string | null;
  @Column({ type: 'text', nullable: true }) objective!: string | null;
  @Column({ type: 'text', nullable: true }) assessment!: string | null;
  @Column({ type: 'text', nullable: true }) plan!: string | null;
  @Column({ name: 'temperature_c', type: 'decimal', precision: 4, scale: 1, nullable: true, transformer: decimalNumber }) temperatureC!: number | null;
  @Column({ type: 'smallint', unsigned: true, nullable: true }) pulse!: number | null;
  @Column({ type: 'smallint', unsigned: true, nullable: true }) systolic!: number | null;
  @Column({ type: 'smallint', unsigned: true, nullable: true }) diastolic!: number | null;
  @Column({ name: 'respiratory_rate', type: 'smallint', unsigned: true, nullable: true }) respiratoryRate!: number | null;
  @Column({ type: 'smallint', unsigned: true, nullable: true }) spo2!: number | null;
  @Column({ name: 'weight_kg', type: 'decimal', precision: 5, scale: 1, nullable: true, transformer: decimalNumber }) weightKg!: number | null;
  @Column({ name: 'height_cm', type: 'decimal', precision: 4, scale: 1, nullable: true, transformer: decimalNumber }) heightCm!: number | null;
  /** The user who opened it. */
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  /** Guards the notes and vitals against two desks editing at once. */
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
}

/** A later note on a signed encounter, kept with its author and time. */
@Entity('encounter_addenda')
@Index('ix_encounter_addenda_encounter', ['encounterId'])
export class EncounterAddendumEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'encounter_id', type: 'bigint', unsigned: true }) encounterId!: number;
  @ManyToOne(() => EncounterEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'encounter_id', foreignKeyConstraintName: 'fk_encounter_addenda_encounter' })
  encounter?: EncounterEntity;
  @Column({ type: 'text' }) text!: string;
  /** The user who wrote it. */
  @Column({ name: 'author_id', type: 'int', unsigned: true }) authorId!: number;
  @Column({ name: 'author_name', type: 'varchar', length: 200 }) authorName!: string;
  @Instant({ name: 'created_at' }) createdAt!: Date;
}

@Entity('diagnoses')
@Index('uq_diagnoses_code', ['encounterId', 'code'], { unique: true })
@Index('ix_diagnoses_patient', ['patientId'])
@Index('ix_diagnoses_code', ['code'])
export class DiagnosisEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'encounter_id', type: 'bigint', unsigned: true }) encounterId!: number;
  @ManyToOne(() => EncounterEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'encounter_id', foreignKeyConstraintName: 'fk_diagnoses_encounter' })
  encounter?: EncounterEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_diagnoses_patient' })
  patient?: PatientEntity;
  @Column({ type: 'varchar', length: 8 }) code!: string;
  @ManyToOne(() => Icd10CodeEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_diagnoses_code' })
  icd10?: Icd10CodeEntity;
  /** The code's title when it was recorded. */
  @Column({ type: 'varchar', length: 255 }) title!: string;
  @Column({ type: 'simple-enum', enum: DIAGNOSIS_RANKS, default: 'secondary' }) rank!: DiagnosisRank;
  @Column({ type: 'simple-enum', enum: DIAGNOSIS_CERTAINTIES, default: 'provisional' }) certainty!: DiagnosisCertainty;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note!: string | null;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @Instant({ name: 'created_at' }) createdAt!: Date;
}

/** A treatment or procedure from the hospital's priced catalog (charged when recorded). */
@Entity('procedures')
@Index('ix_procedures_encounter', ['encounterId'])
@Index('ix_procedures_patient', ['patientId'])
export class ProcedureEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'encounter_id', type: 'bigint', unsigned: true }) encounterId!: number;
  @ManyToOne(() => EncounterEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'encounter_id', foreignKeyConstraintName: 'fk_procedures_encounter' })
  encounter?: EncounterEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @Column({ name: 'catalog_item_id', type: 'int', unsigned: true }) catalogItemId!: number;
  @ManyToOne(() => CatalogItemEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'catalog_item_id', foreignKeyConstraintName: 'fk_procedures_catalog' })
  catalogItem?: CatalogItemEntity;
  @Column({ type: 'varchar', length: 20 }) code!: string;
  @Column({ type: 'varchar', length: 200 }) description!: string;
  @Column({ type: 'int', unsigned: true, default: 1 }) quantity!: number;
  @Column({ type: 'varchar', length: 2000, nullable: true }) notes!: string | null;
  /** The staff record of the doctor who recorded it. */
  @Column({ name: 'performed_by', type: 'int', unsigned: true }) performedBy!: number;
  @Column({ name: 'performed_by_name', type: 'varchar', length: 200 }) performedByName!: string;
  @Instant({ name: 'performed_at' }) performedAt!: Date;
  @Column({ name: 'charge_id', type: 'bigint', unsigned: true, nullable: true }) chargeId!: number | null;
}
