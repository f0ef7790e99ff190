// Pay structures with their history, bank details, a hospital's deduction rules and public holidays, one-off
// deductions, monthly payroll runs with their salary slips, and each finalized slip's stored PDF.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ONE_OFF_KINDS, PAY_BASES, RUN_STATUSES, type OneOffKind, type PayBasis, type RunStatus } from '@shared/contract/payroll';
import { CalendarDate, CreatedAt, Instant, UpdatedAt, decimalNumber } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { StaffEntity } from '../staff/staff.entity';

@Entity('pay_structures')
/** One structure per person and start date; the one in force on a day is the latest starting on or before it. */
@Index('uq_pay_structures_from', ['staffId', 'validFrom'], { unique: true })
@Index('ix_pay_structures_hospital', ['hospitalId', 'validFrom'])
export class PayStructureEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_pay_structures_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'staff_id', type: 'int', unsigned: true }) staffId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_pay_structures_staff' })
  staff?: StaffEntity;
  @CalendarDate({ name: 'valid_from' }) validFrom!: string;
  @Column({ type: 'simple-enum', enum: PAY_BASES }) basis!: PayBasis;
  @Column({ name: 'monthly_base', type: 'bigint', unsigned: true, nullable: true }) monthlyBase!: number | null;
  @Column({ name: 'hourly_rate', type: 'bigint', unsigned: true, nullable: true }) hourlyRate!: number | null;
  @Column({ name: 'employment_percent', type: 'tinyint', unsigned: true, default: 100 }) employmentPercent!: number;
  /** JSON: [{ name, monthly }]. */
  @Column({ type: 'mediumtext' }) allowances!: string;
  /** JSON: { night, weekend, holiday, overtime } (Differential each). */
  @Column({ type: 'mediumtext' }) differentials!: string;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @CreatedAt() createdAt!: Date;
}

@Entity('staff_bank_details')
export class StaffBankDetailsEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'int', unsigned: true }) staffId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_bank_details_staff' })
  staff?: StaffEntity;
  @Column({ name: 'bank_name', type: 'varchar', length: 80, nullable: true }) bankName!: string | null;
  @Column({ name: 'bank_account', type: 'varchar', length: 40, nullable: true }) bankAccount!: string | null;
  @UpdatedAt() updatedAt!: Date;
}

@Entity('payroll_settings')
export class PayrollSettingsEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_payroll_settings_hospital' })
  hospital?: HospitalEntity;
  /** JSON of DeductionRulesFields (parsed). */
  @Column({ type: 'mediumtext' }) rules!: string;
  @UpdatedAt() updatedAt!: Date;
}

@Entity('payroll_holidays')
export class PayrollHolidayEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_payroll_holidays_hospital' })
  hospital?: HospitalEntity;
  @PrimaryColumn({ name: 'holiday_date', type: 'date' }) holidayDate!: string;
  @Column({ type: 'varchar', length: 80 }) name!: string;
}

@Entity('pay_one_offs')
@Index('ix_pay_one_offs_month', ['hospitalId', 'month'])
@Index('ix_pay_one_offs_staff', ['staffId', 'month'])
export class PayOneOffEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_pay_one_offs_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'staff_id', type: 'int', unsigned: true }) staffId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_pay_one_offs_staff' })
  staff?: StaffEntity;
  @Column({ type: 'char', length: 7 }) month!: string;
  @Column({ type: 'varchar', length: 60 }) label!: string;
  /** A deduction, or an earning adjustment (pays something back). */
  @Column({ type: 'simple-enum', enum: ONE_OFF_KINDS, default: 'deduction' }) kind!: OneOffKind;
  @Column({ type: 'bigint', unsigned: true }) amount!: number;
  /** The finalized month this line corrects, when it is a correction. */
  @Column({ name: 'corrects_month', type: 'char', length: 7, nullable: true }) correctsMonth!: string | null;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @CreatedAt() createdAt!: Date;
}

@Entity('payroll_runs')
/** One run per hospital and month. */
@Index('uq_payroll_runs_month', ['hospitalId', 'month'], { unique: true })
export class PayrollRunEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_payroll_runs_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'char', length: 7 }) month!: string;
  @Column({ type: 'simple-enum', enum: RUN_STATUSES, default: 'draft' }) status!: RunStatus;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Instant({ name: 'computed_at' }) computedAt!: Date;
  @Instant({ name: 'finalized_at', nullable: true }) finalizedAt!: Date | null;
  @Column({ name: 'finalized_by', type: 'int', unsigned: true, nullable: true }) finalizedBy!: number | null;
  @CalendarDate({ name: 'paid_on', nullable: true }) paidOn!: string | null;
  @Column({ name: 'started_by', type: 'int', unsigned: true, nullable: true }) startedBy!: number | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
  @CreatedAt() createdAt!: Date;
}

@Entity('salary_slips')
@Index('uq_salary_slips_staff', ['runId', 'staffId'], { unique: true })
@Index('ix_salary_slips_staff', ['staffId', 'month'])
@Index('ix_salary_slips_hospital', ['hospitalId', 'month'])
export class SalarySlipEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'run_id', type: 'int', unsigned: true }) runId!: number;
  @ManyToOne(() => PayrollRunEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_salary_slips_run' })
  run?: PayrollRunEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_salary_slips_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'staff_id', type: 'int', unsigned: true }) staffId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_salary_slips_staff' })
  staff?: StaffEntity;
  @Column({ type: 'char', length: 7 }) month!: string;
  @Column({ name: 'employee_number', type: 'varchar', length: 20 }) employeeNumber!: string;
  @Column({ type: 'varchar', length: 201 }) name!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) department!: string | null;
  @Column({ type: 'varchar', length: 40 }) designation!: string;
  @CalendarDate({ name: 'period_start' }) periodStart!: string;
  @CalendarDate({ name: 'period_end' }) periodEnd!: string;
  @Column({ name: 'working_days', type: 'smallint', unsigned: true }) workingDays!: number;
  @Column({ name: 'paid_days', type: 'decimal', precision: 6, scale: 2, transformer: decimalNumber }) paidDays!: number;
  /** JSON SlipLine[] each. */
  @Column({ type: 'mediumtext' }) earnings!: string;
  @Column({ type: 'mediumtext' }) deductions!: string;
  @Column({ type: 'mediumtext' }) employer!: string;
  @Column({ type: 'bigint', unsigned: true }) gross!: number;
  @Column({ name: 'total_deductions', type: 'bigint', unsigned: true }) totalDeductions!: number;
  @Column({ type: 'bigint' }) net!: number;
  @Column({ name: 'employer_cost', type: 'bigint', unsigned: true }) employerCost!: number;
  @Column({ name: 'ytd_gross', type: 'bigint', unsigned: true }) ytdGross!: number;
  @Column({ name: 'ytd_net', type: 'bigint' }) ytdNet!: number;
  @Column({ name: 'bank_account_masked', type: 'varchar', length: 50, nullable: true }) bankAccountMasked!: string | null;
}

@Entity('salary_slip_documents')
export class SalarySlipDocumentEntity {
  @PrimaryColumn({ name: 'slip_id', type: 'bigint', unsigned: true }) slipId!: number;
  @ManyToOne(() => SalarySlipEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'slip_id', foreignKeyConstraintName: 'fk_salary_slip_documents_slip' })
  slip?: SalarySlipEntity;
  @Column({ type: 'mediumblob' }) pdf!: Buffer;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ type: 'int', unsigned: true }) pages!: number;
  @CreatedAt() createdAt!: Date;
}
