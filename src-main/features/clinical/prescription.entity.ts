// Prescriptions of an encounter: a stocked medicine with dose, route, frequency and quantity; pharmacy dispenses
// against them (dispensed_quantity and status move with each dispensing).
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FREQUENCIES, PRESCRIPTION_STATUSES, ROUTES, type Frequency, type PrescriptionStatus, type Route } from '@shared/domain/clinical';
import { Instant, decimalNumber } from '../../db/columns';
import { MedicineItemEntity } from '../pharmacy/medicine.entity';
import { EncounterEntity } from './encounter.entity';

@Entity('prescriptions')
@Index('ix_prescriptions_encounter', ['encounterId'])
@Index('ix_prescriptions_patient', ['patientId'])
/** The pharmacy's queue of a hospital. */
@Index('ix_prescriptions_queue', ['hospitalId', 'status', 'prescribedAt'])
export class PrescriptionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'encounter_id', type: 'bigint', unsigned: true }) encounterId!: number;
  @ManyToOne(() => EncounterEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'encounter_id', foreignKeyConstraintName: 'fk_prescriptions_encounter' })
  encounter?: EncounterEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @Column({ name: 'item_id', type: 'int', unsigned: true }) itemId!: number;
  @ManyToOne(() => MedicineItemEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_prescriptions_item' })
  item?: MedicineItemEntity;
  /** Name, strength and form as prescribed: "Amoxicillin 500 mg capsule". */
  @Column({ type: 'varchar', length: 200 }) medicine!: string;
  @Column({ type: 'decimal', precision: 12, scale: 3, transformer: decimalNumber }) dose!: number;
  @Column({ name: 'dose_unit', type: 'varchar', length: 20 }) doseUnit!: string;
  @Column({ type: 'simple-enum', enum: ROUTES }) route!: Route;
  @Column({ type: 'simple-enum', enum: FREQUENCIES }) frequency!: Frequency;
  @Column({ name: 'duration_days', type: 'smallint', unsigned: true, nullable: true }) durationDays!: number | null;
  @Column({ type: 'int', unsigned: true }) quantity!: number;
  @Column({ type: 'varchar', length: 1000, nullable: true }) instructions!: string | null;
  @Column({ name: 'allergy_override_reason', type: 'varchar', length: 500, nullable: true }) allergyOverrideReason!: string | null;
  @Column({ type: 'simple-enum', enum: PRESCRIPTION_STATUSES, default: 'active' }) status!: PrescriptionStatus;
  @Column({ name: 'dispensed_quantity', type: 'int', unsigned: true, default: 0 }) dispensedQuantity!: number;
  /** The staff record of the prescribing doctor. */
  @Column({ name: 'prescribed_by', type: 'int', unsigned: true }) prescribedBy!: number;
  @Column({ name: 'prescriber_name', type: 'varchar', length: 200 }) prescriberName!: string;
  @Instant({ name: 'prescribed_at' }) prescribedAt!: Date;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 300, nullable: true }) cancelReason!: string | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
}
