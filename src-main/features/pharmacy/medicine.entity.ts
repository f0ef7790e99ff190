// Medicine items of a hospital, the batches of stock on its shelves and every movement of stock in or out.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ADJUSTMENT_REASONS, MEDICINE_FORMS, type AdjustmentReason, type MedicineForm } from '@shared/domain/clinical';
import { STOCK_MOVEMENT_KINDS, type StockMovementKind } from '@shared/contract/pharmacy';
import { CalendarDate, CreatedAt, Instant } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';

@Entity('medicine_items')
/** One medicine per hospital, name, strength ('' when none) and form. */
@Index('uq_medicine_items_name', ['hospitalId', 'name', 'strength', 'form'], { unique: true })
@Index('ix_medicine_items_low', ['hospitalId', 'active', 'onHand'])
export class MedicineItemEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_medicine_items_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 40, default: '' }) strength!: string;
  @Column({ type: 'simple-enum', enum: MEDICINE_FORMS }) form!: MedicineForm;
  @Column({ name: 'active_ingredient', type: 'varchar', length: 120, nullable: true }) activeIngredient!: string | null;
  /** Minor units of the hospital's currency, per unit (tablet, bottle, vial …). */
  @Column({ name: 'unit_price', type: 'bigint', unsigned: true }) unitPrice!: number;
  @Column({ name: 'tax_rate_bp', type: 'int', unsigned: true, default: 0 }) taxRateBp!: number;
  @Column({ name: 'reorder_level', type: 'int', unsigned: true, default: 0 }) reorderLevel!: number;
  /** Every unit on the shelf, expired batches included (the sum of its batches' quantities). */
  @Column({ name: 'on_hand', type: 'int', unsigned: true, default: 0 }) onHand!: number;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreatedAt() createdAt!: Date;
  /** Guards edits of the item's own fields; stock changes leave it alone. */
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
}

@Entity('stock_batches')
@Index('uq_stock_batches_number', ['itemId', 'batchNumber'], { unique: true })
/** First expiry first out: an item's batches by expiry date. */
@Index('ix_stock_batches_fefo', ['itemId', 'expiryDate', 'id'])
/** A hospital's batches expiring soon. */
@Index('ix_stock_batches_expiry', ['hospitalId', 'expiryDate'])
export class StockBatchEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'item_id', type: 'int', unsigned: true }) itemId!: number;
  @ManyToOne(() => MedicineItemEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_stock_batches_item' })
  item?: MedicineItemEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @Column({ name: 'batch_number', type: 'varchar', length: 40 }) batchNumber!: string;
  @CalendarDate({ name: 'expiry_date' }) expiryDate!: string;
  @Column({ type: 'varchar', length: 120, nullable: true }) supplier!: string | null;
  @Column({ name: 'received_quantity', type: 'int', unsigned: true }) receivedQuantity!: number;
  @Column({ type: 'int', unsigned: true }) quantity!: number;
  @Instant({ name: 'received_at' }) receivedAt!: Date;
  @Column({ name: 'received_by', type: 'int', unsigned: true, nullable: true }) receivedBy!: number | null;
}

@Entity('stock_movements')
@Index('ix_stock_movements_item', ['itemId', 'id'])
@Index('ix_stock_movements_batch', ['batchId'])
export class StockMovementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @Column({ name: 'item_id', type: 'int', unsigned: true }) itemId!: number;
  @Column({ name: 'batch_id', type: 'bigint', unsigned: true }) batchId!: number;
  @ManyToOne(() => StockBatchEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_stock_movements_batch' })
  batch?: StockBatchEntity;
  @Column({ type: 'simple-enum', enum: STOCK_MOVEMENT_KINDS }) kind!: StockMovementKind;
  /** Signed: receipts and count corrections up positive, dispensing and write-offs negative. */
  @Column({ type: 'int' }) quantity!: number;
  @Column({ type: 'simple-enum', enum: ADJUSTMENT_REASONS, nullable: true }) reason!: AdjustmentReason | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) note!: string | null;
  @Column({ name: 'prescription_id', type: 'bigint', unsigned: true, nullable: true }) prescriptionId!: number | null;
  @Column({ name: 'dispensing_id', type: 'bigint', unsigned: true, nullable: true }) dispensingId!: number | null;
  @Column({ name: 'by_user', type: 'int', unsigned: true, nullable: true }) byUser!: number | null;
  @Column({ name: 'by_name', type: 'varchar', length: 200 }) byName!: string;
  @Instant() at!: Date;
}
