// Test orders of an encounter and their results (a corrected value stays, marked superseded).
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RESULT_FLAGS, TEST_ORDER_STATUSES, TEST_PRIORITIES, type ResultFlag, type TestOrderStatus, type TestPriority } from '@shared/domain/clinical';
import { Instant, decimalNumber } from '../../db/columns';
import { TestDefinitionEntity } from './catalog.entity';
import { EncounterEntity } from './encounter.entity';

@Entity('test_orders')
@Index('ix_test_orders_encounter', ['encounterId'])
@Index('ix_test_orders_patient', ['patientId'])
/** The worklist of a hospital: waiting orders, urgent first, oldest first. */
@Index('ix_test_orders_pending', ['hospitalId', 'status', 'priority', 'orderedAt'])
/** A doctor's results not yet seen. */
@Index('ix_test_orders_doctor', ['orderedBy', 'seenAt', 'resultedAt'])
export class TestOrderEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'encounter_id', type: 'bigint', unsigned: true }) encounterId!: number;
  @ManyToOne(() => EncounterEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'encounter_id', foreignKeyConstraintName: 'fk_test_orders_encounter' })
  encounter?: EncounterEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @Column({ name: 'test_id', type: 'int', unsigned: true }) testId!: number;
  @ManyToOne(() => TestDefinitionEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'test_id', foreignKeyConstraintName: 'fk_test_orders_test' })
  test?: TestDefinitionEntity;
  @Column({ type: 'simple-enum', enum: TEST_PRIORITIES, default: 'routine' }) priority!: TestPriority;
  @Column({ type: 'simple-enum', enum: TEST_ORDER_STATUSES, default: 'ordered' }) status!: TestOrderStatus;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note!: string | null;
  /** The staff record of the ordering doctor (the doctor whose day view shows the result). */
  @Column({ name: 'ordered_by', type: 'int', unsigned: true }) orderedBy!: number;
  @Column({ name: 'ordered_by_name', type: 'varchar', length: 200 }) orderedByName!: string;
  @Instant({ name: 'ordered_at' }) orderedAt!: Date;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 300, nullable: true }) cancelReason!: string | null;
  @Instant({ name: 'resulted_at', nullable: true }) resultedAt!: Date | null;
  @Instant({ name: 'seen_at', nullable: true }) seenAt!: Date | null;
  @Column({ name: 'charge_id', type: 'bigint', unsigned: true, nullable: true }) chargeId!: number | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
}

@Entity('test_results')
/** An order's current result is the one not superseded. */
@Index('ix_test_results_order', ['orderId', 'supersededAt'])
export class TestResultEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'order_id', type: 'bigint', unsigned: true }) orderId!: number;
  @ManyToOne(() => TestOrderEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_test_results_order' })
  order?: TestOrderEntity;
  @Column({ name: 'value_numeric', type: 'decimal', precision: 16, scale: 4, nullable: true, transformer: decimalNumber }) valueNumeric!: number | null;
  @Column({ name: 'value_text', type: 'varchar', length: 200, nullable: true }) valueText!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) unit!: string | null;
  @Column({ name: 'ref_low', type: 'decimal', precision: 16, scale: 4, nullable: true, transformer: decimalNumber }) refLow!: number | null;
  @Column({ name: 'ref_high', type: 'decimal', precision: 16, scale: 4, nullable: true, transformer: decimalNumber }) refHigh!: number | null;
  @Column({ type: 'simple-enum', enum: RESULT_FLAGS, nullable: true }) flag!: ResultFlag | null;
  @Column({ type: 'text', nullable: true }) report!: string | null;
  /** The user who entered it. */
  @Column({ name: 'recorded_by', type: 'int', unsigned: true }) recordedBy!: number;
  @Column({ name: 'recorded_by_name', type: 'varchar', length: 200 }) recordedByName!: string;
  @Instant({ name: 'recorded_at' }) recordedAt!: Date;
  @Column({ name: 'correction_reason', type: 'varchar', length: 300, nullable: true }) correctionReason!: string | null;
  @Instant({ name: 'superseded_at', nullable: true }) supersededAt!: Date | null;
}
