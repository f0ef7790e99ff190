// The charge catalog, billing settings, invoices with their lines and stored PDF, payments with their receipts.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CHARGE_CATEGORIES, INVOICE_STATUSES, PAYMENT_METHODS, RECEIPT_LAYOUTS, type ChargeCategory, type InvoiceStatus, type PaymentMethod, type ReceiptLayout } from '@shared/domain/billing';
import { CalendarDate, CreatedAt, Instant, UpdatedAt } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { PatientEntity } from '../patients/patient.entity';

@Entity('catalog_items')
@Index('uq_catalog_items_code', ['hospitalId', 'code'], { unique: true })
export class CatalogItemEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_catalog_items_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'varchar', length: 20 }) code!: string;
  @Column({ type: 'varchar', length: 200 }) description!: string;
  @Column({ type: 'simple-enum', enum: CHARGE_CATEGORIES }) category!: ChargeCategory;
  @Column({ type: 'bigint', unsigned: true }) price!: number;
  @Column({ name: 'tax_rate_bp', type: 'int', unsigned: true, default: 0 }) taxRateBp!: number;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreatedAt() createdAt!: Date;
}

@Entity('billing_settings')
export class BillingSettingsEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_billing_settings_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'tax_number', type: 'varchar', length: 40, nullable: true }) taxNumber!: string | null;
  @Column({ name: 'require_billed_before_discharge', type: 'boolean', default: false }) requireBilledBeforeDischarge!: boolean;
  @Column({ name: 'archive_after_days', type: 'smallint', unsigned: true, default: 90 }) archiveAfterDays!: number;
  @Column({ type: 'simple-enum', enum: ['A4', 'Letter'], default: 'A4' }) paper!: 'A4' | 'Letter';
  /** Receipts on the hospital's paper, or on an 80 mm till roll. */
  @Column({ name: 'receipt_layout', type: 'simple-enum', enum: RECEIPT_LAYOUTS, default: 'a4' }) receiptLayout!: ReceiptLayout;
}

@Entity('invoices')
/** Numbers are unique per hospital (and gapless per year: see the counter). */
@Index('uq_invoices_number', ['hospitalId', 'number'], { unique: true })
/** The invoice list of a hospital by issue date, archived or not, in keyset order. */
@Index('ix_invoices_list', ['hospitalId', 'archivedAt', 'issueDate', 'id'])
@Index('ix_invoices_patient', ['patientId', 'id'])
@Index('ix_invoices_report_issue', ['hospitalId', 'issueDate', 'status', 'currency', 'total', 'insuranceShare'])
@Index('ix_invoices_report_open', ['hospitalId', 'status', 'issueDate', 'currency', 'total', 'paid'])
@Index('ix_invoices_currency', ['id', 'currency'])
export class InvoiceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_invoices_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'patient_id', type: 'bigint', unsigned: true }) patientId!: number;
  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_invoices_patient' })
  patient?: PatientEntity;
  @Column({ type: 'varchar', length: 30, nullable: true }) number!: string | null;
  @Column({ type: 'simple-enum', enum: INVOICE_STATUSES, default: 'draft' }) status!: InvoiceStatus;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ type: 'bigint', unsigned: true, default: 0 }) subtotal!: number;
  @Column({ type: 'bigint', unsigned: true, default: 0 }) tax!: number;
  @Column({ type: 'bigint', unsigned: true, default: 0 }) discount!: number;
  @Column({ name: 'discount_reason', type: 'varchar', length: 300, nullable: true }) discountReason!: string | null;
  @Column({ type: 'bigint', unsigned: true, default: 0 }) total!: number;
  @Column({ name: 'insurance_provider', type: 'varchar', length: 120, nullable: true }) insuranceProvider!: string | null;
  @Column({ name: 'insurance_policy_number', type: 'varchar', length: 60, nullable: true }) insurancePolicyNumber!: string | null;
  @Column({ name: 'insurance_percent', type: 'tinyint', unsigned: true, nullable: true }) insurancePercent!: number | null;
  @Column({ name: 'insurance_share', type: 'bigint', unsigned: true, default: 0 }) insuranceShare!: number;
  @Column({ type: 'bigint', unsigned: true, default: 0 }) paid!: number;
  @Instant({ name: 'issued_at', nullable: true }) issuedAt!: Date | null;
  @CalendarDate({ name: 'issue_date', nullable: true }) issueDate!: string | null;
  @Instant({ name: 'voided_at', nullable: true }) voidedAt!: Date | null;
  @Column({ name: 'void_reason', type: 'varchar', length: 300, nullable: true }) voidReason!: string | null;
  @Instant({ name: 'archived_at', nullable: true }) archivedAt!: Date | null;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @Column({ name: 'issued_by', type: 'int', unsigned: true, nullable: true }) issuedBy!: number | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

@Entity('invoice_lines')
@Index('ix_invoice_lines_invoice', ['invoiceId', 'position'])
@Index('ix_invoice_lines_charge', ['chargeId'])
export class InvoiceLineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'invoice_id', type: 'bigint', unsigned: true }) invoiceId!: number;
  @ManyToOne(() => InvoiceEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id', foreignKeyConstraintName: 'fk_invoice_lines_invoice' })
  invoice?: InvoiceEntity;
  @Column({ name: 'charge_id', type: 'bigint', unsigned: true, nullable: true }) chargeId!: number | null;
  @Column({ type: 'smallint', unsigned: true }) position!: number;
  @Column({ type: 'varchar', length: 200 }) description!: string;
  @Column({ type: 'simple-enum', enum: CHARGE_CATEGORIES }) category!: ChargeCategory;
  @Column({ type: 'int', unsigned: true }) quantity!: number;
  @Column({ name: 'unit_price', type: 'bigint', unsigned: true }) unitPrice!: number;
  @Column({ name: 'tax_rate_bp', type: 'int', unsigned: true }) taxRateBp!: number;
  @Column({ type: 'bigint', unsigned: true }) net!: number;
  @Column({ type: 'bigint', unsigned: true }) tax!: number;
  @Column({ type: 'bigint', unsigned: true }) total!: number;
}

@Entity('invoice_documents')
export class InvoiceDocumentEntity {
  @PrimaryColumn({ name: 'invoice_id', type: 'bigint', unsigned: true }) invoiceId!: number;
  @ManyToOne(() => InvoiceEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id', foreignKeyConstraintName: 'fk_invoice_documents_invoice' })
  invoice?: InvoiceEntity;
  @Column({ type: 'longblob' }) pdf!: Buffer;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ type: 'smallint', unsigned: true }) pages!: number;
  @CreatedAt() createdAt!: Date;
}

@Entity('payments')
@Index('uq_payments_receipt', ['hospitalId', 'receiptNumber'], { unique: true })
@Index('uq_payments_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_payments_invoice', ['invoiceId', 'id'])
@Index('ix_payments_report', ['hospitalId', 'paidAt', 'method', 'amount', 'invoiceId'])
export class PaymentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'invoice_id', type: 'bigint', unsigned: true }) invoiceId!: number;
  @ManyToOne(() => InvoiceEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id', foreignKeyConstraintName: 'fk_payments_invoice' })
  invoice?: InvoiceEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_payments_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'bigint', unsigned: true }) amount!: number;
  @Column({ type: 'simple-enum', enum: PAYMENT_METHODS }) method!: PaymentMethod;
  @Column({ type: 'varchar', length: 80, nullable: true }) reference!: string | null;
  @Instant({ name: 'paid_at' }) paidAt!: Date;
  @Column({ name: 'cashier_id', type: 'int', unsigned: true, nullable: true }) cashierId!: number | null;
  @Column({ name: 'receipt_number', type: 'varchar', length: 30 }) receiptNumber!: string;
  /** The desk's key of the submit that recorded it (payments.record's idempotencyKey); null for older payments. */
  @Column({ name: 'idempotency_key', type: 'char', length: 36, nullable: true }) idempotencyKey!: string | null;
}

@Entity('payment_documents')
export class PaymentDocumentEntity {
  @PrimaryColumn({ name: 'payment_id', type: 'bigint', unsigned: true }) paymentId!: number;
  @ManyToOne(() => PaymentEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id', foreignKeyConstraintName: 'fk_payment_documents_payment' })
  payment?: PaymentEntity;
  @Column({ type: 'longblob' }) pdf!: Buffer;
  @Column({ type: 'char', length: 64 }) sha256!: string;
}
