// Medicine handed out against a prescription: one row per dispensing, its units taken from batches (stock movements
// of kind 'dispense' name it) and charged once.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Instant } from '../../db/columns';
import { PrescriptionEntity } from '../clinical/prescription.entity';
import { MedicineItemEntity } from './medicine.entity';

@Entity('dispensings')
@Index('ix_dispensings_prescription', ['prescriptionId'])
@Index('ix_dispensings_patient', ['patientId'])
@Index('uq_dispensings_idempotency_key', ['idempotencyKey'], { unique: true })
export class DispensingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'prescription_id', type: 'bigint', unsigned: true }) prescriptionId!: number;
  @ManyToOne(() => PrescriptionEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'prescription_id', foreignKeyConstraintName: 'fk_dispensings_prescription' })
  prescription?: PrescriptionEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @Column({ name: 'item_id', type: 'int', unsigned: true }) itemId!: number;
  @ManyToOne(() => MedicineItemEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_dispensings_item' })
  item?: MedicineItemEntity;
  @Column({ type: 'int', unsigned: true }) quantity!: number;
  @Column({ name: 'dispensed_by', type: 'int', unsigned: true }) dispensedBy!: number;
  @Column({ name: 'dispensed_by_name', type: 'varchar', length: 200 }) dispensedByName!: string;
  @Instant({ name: 'dispensed_at' }) dispensedAt!: Date;
  @Column({ name: 'charge_id', type: 'bigint', unsigned: true, nullable: true }) chargeId!: number | null;
  /** The desk's key of the submit that recorded it (pharmacy.dispense's idempotencyKey); null for older dispensings. */
  @Column({ name: 'idempotency_key', type: 'char', length: 36, nullable: true }) idempotencyKey!: string | null;
}
