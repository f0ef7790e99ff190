// The patient record, with the derived columns search and the duplicate check use.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { CalendarDate, CreatedAt, UpdatedAt } from '../../db/columns';
import { BLOOD_GROUPS, SEXES } from '@shared/contract/patients';

@Entity('patients')
@Index('uq_patients_number', ['patientNumber'], { unique: true })
@Index('ix_patients_name', ['nameKey', 'id'])
@Index('ix_patients_name_rev', ['nameKeyRev', 'id', 'nameKey'])
/** Covering for the duplicate check (names per birth date) and for search by date of birth in name order. */
@Index('ix_patients_dob', ['dateOfBirth', 'nameKey', 'firstName', 'lastName'])
@Index('ix_patients_phone', ['phone'])
@Index('ix_patients_report', ['id', 'dateOfBirth', 'sex', 'region', 'city'])
export class PatientEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'patient_number', type: 'varchar', length: 40 }) patientNumber!: string;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_patients_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'first_name', type: 'varchar', length: 100 }) firstName!: string;
  @Column({ name: 'middle_name', type: 'varchar', length: 100, nullable: true }) middleName!: string | null;
  @Column({ name: 'last_name', type: 'varchar', length: 100 }) lastName!: string;
  /** "last first", for prefix search ordered by surname. */
  @Column({ name: 'name_key', type: 'varchar', length: 201 }) nameKey!: string;
  /** "first last", so a search typed first-name-first finds the patient too. */
  @Column({ name: 'name_key_rev', type: 'varchar', length: 201 }) nameKeyRev!: string;
  @CalendarDate({ name: 'date_of_birth' }) dateOfBirth!: string;
  @Column({ type: 'simple-enum', enum: SEXES }) sex!: (typeof SEXES)[number];
  /** E.164 */
  @Column({ type: 'varchar', length: 16 }) phone!: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ name: 'address_line', type: 'varchar', length: 250, nullable: true }) addressLine!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) city!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) region!: string | null;
  @Column({ name: 'postal_code', type: 'varchar', length: 20, nullable: true }) postalCode!: string | null;
  @Column({ name: 'national_id', type: 'varchar', length: 40, nullable: true, select: false }) nationalId!: string | null;
  @Column({ name: 'national_id_last4', type: 'varchar', length: 4, nullable: true }) nationalIdLast4!: string | null;
  @Column({ name: 'next_of_kin_name', type: 'varchar', length: 150, nullable: true }) nextOfKinName!: string | null;
  @Column({ name: 'next_of_kin_relationship', type: 'varchar', length: 50, nullable: true }) nextOfKinRelationship!: string | null;
  @Column({ name: 'next_of_kin_phone', type: 'varchar', length: 16, nullable: true }) nextOfKinPhone!: string | null;
  @Column({ name: 'blood_group', type: 'simple-enum', enum: BLOOD_GROUPS, default: 'unknown' }) bloodGroup!: (typeof BLOOD_GROUPS)[number];
  @Column({ type: 'text', nullable: true }) allergies!: string | null;
  @Column({ name: 'chronic_conditions', type: 'text', nullable: true }) chronicConditions!: string | null;
  @Column({ name: 'insurance_provider', type: 'varchar', length: 120, nullable: true }) insuranceProvider!: string | null;
  @Column({ name: 'insurance_policy_number', type: 'varchar', length: 60, nullable: true }) insurancePolicyNumber!: string | null;
  @Column({ name: 'insurance_coverage_percent', type: 'tinyint', unsigned: true, nullable: true }) insuranceCoveragePercent!: number | null;
  @CalendarDate({ name: 'insurance_valid_until', nullable: true }) insuranceValidUntil!: string | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

/** Counters behind generated numbers (patient numbers now; invoice numbers later). Locked FOR UPDATE while used. */
@Entity('number_sequences')
export class NumberSequenceEntity {
  @Column({ primary: true, name: 'scope_key', type: 'varchar', length: 80 }) scopeKey!: string;
  @Column({ name: 'next_value', type: 'bigint', unsigned: true }) nextValue!: number;
}
