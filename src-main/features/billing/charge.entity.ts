// A billable charge of a patient (room-days now; consultations, treatments, tests and medicine with billing).
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CHARGE_CATEGORIES, type ChargeCategory } from '@shared/domain/billing';
import { CalendarDate, CreatedAt } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { PatientEntity } from '../patients/patient.entity';


@Entity('charges')
/** A patient's unbilled charges (invoice_id NULL) and those of an invoice. */
@Index('ix_charges_patient', ['patientId', 'invoiceId'])
@Index('ix_charges_hospital', ['hospitalId', 'serviceDate'])
@Index('ix_charges_source', ['sourceType', 'sourceId'])
@Index('ix_charges_report', ['sourceType', 'sourceId', 'category', 'currency', 'amount'])
@Index('ix_charges_unbilled', ['hospitalId', 'invoiceId'])
export class ChargeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_charges_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_charges_patient' })
  patient?: PatientEntity;
  @Column({ type: 'simple-enum', enum: CHARGE_CATEGORIES }) category!: ChargeCategory;
  @Column({ type: 'varchar', length: 200 }) description!: string;
  @Column({ type: 'int', unsigned: true }) quantity!: number;
  /** Minor units of `currency`. */
  @Column({ name: 'unit_price', type: 'bigint', unsigned: true }) unitPrice!: number;
  @Column({ type: 'bigint', unsigned: true }) amount!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'tax_rate_bp', type: 'int', unsigned: true, default: 0 }) taxRateBp!: number;
  @CalendarDate({ name: 'service_date' }) serviceDate!: string;
  /** What the charge comes from ('stay', 'appointment', …) and its id. */
  @Column({ name: 'source_type', type: 'varchar', length: 20, nullable: true }) sourceType!: string | null;
  @Column({ name: 'source_id', type: 'bigint', unsigned: true, nullable: true }) sourceId!: number | null;
  @Column({ name: 'invoice_id', type: 'bigint', unsigned: true, nullable: true }) invoiceId!: number | null;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @CreatedAt() createdAt!: Date;
}
