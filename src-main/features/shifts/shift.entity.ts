// Shift types, a hospital's working-time rules, coverage rules, shift assignments and staff leave.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { LEAVE_KINDS, type LeaveKind } from '@shared/domain/shifts';
import { STAFF_ROLES, type StaffRole } from '@shared/domain/scheduling';
import { CalendarDate, CreatedAt, Instant } from '../../db/columns';
import { DepartmentEntity } from '../staff/department.entity';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { StaffEntity } from '../staff/staff.entity';

@Entity('shift_types')
@Index('uq_shift_types_name', ['hospitalId', 'name'], { unique: true })
@Index('uq_shift_types_code', ['hospitalId', 'code'], { unique: true })
export class ShiftTypeEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_shift_types_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'varchar', length: 4 }) code!: string;
  /** Minutes after local midnight; an end not after the start is on the next day. */
  @Column({ name: 'start_minute', type: 'smallint', unsigned: true }) startMinute!: number;
  @Column({ name: 'end_minute', type: 'smallint', unsigned: true }) endMinute!: number;
  @Column({ name: 'pay_multiplier_bp', type: 'int', unsigned: true, default: 10000 }) payMultiplierBp!: number;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreatedAt() createdAt!: Date;
}

@Entity('rota_rules')
export class RotaRulesEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_rota_rules_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'min_rest_minutes', type: 'smallint', unsigned: true }) minRestMinutes!: number;
  @Column({ name: 'max_week_minutes', type: 'smallint', unsigned: true }) maxWeekMinutes!: number;
}

@Entity('coverage_rules')
@Index('uq_coverage_rules', ['departmentId', 'shiftTypeId', 'staffRole'], { unique: true })
@Index('ix_coverage_rules_type', ['shiftTypeId'])
export class CoverageRuleEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'department_id', type: 'int', unsigned: true }) departmentId!: number;
  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_coverage_rules_department' })
  department?: DepartmentEntity;
  @Column({ name: 'shift_type_id', type: 'int', unsigned: true }) shiftTypeId!: number;
  @ManyToOne(() => ShiftTypeEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'shift_type_id', foreignKeyConstraintName: 'fk_coverage_rules_type' })
  shiftType?: ShiftTypeEntity;
  @Column({ name: 'staff_role', type: 'simple-enum', enum: STAFF_ROLES }) staffRole!: StaffRole;
  @Column({ name: 'min_headcount', type: 'smallint', unsigned: true }) minHeadcount!: number;
}

@Entity('shift_assignments')
/** One shift type per person per day; overlaps across days are checked under the person's row lock. */
@Index('uq_shift_assignments', ['staffId', 'shiftDate', 'shiftTypeId'], { unique: true })
@Index('ix_shift_assignments_staff', ['staffId', 'startsAt'])
@Index('ix_shift_assignments_department', ['departmentId', 'shiftDate'])
@Index('ix_shift_assignments_hospital', ['hospitalId', 'shiftDate'])
@Index('ix_shift_assignments_type', ['shiftTypeId'])
@Index('ix_shift_assignments_report', ['hospitalId', 'shiftDate', 'departmentId', 'minutes', 'nightMinutes', 'weekendMinutes'])
@Index('ix_shift_assignments_cover', ['departmentId', 'shiftTypeId', 'shiftDate', 'staffId'])
export class ShiftAssignmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_shift_assignments_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'staff_id', type: 'int', unsigned: true }) staffId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_shift_assignments_staff' })
  staff?: StaffEntity;
  @Column({ name: 'department_id', type: 'int', unsigned: true }) departmentId!: number;
  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_shift_assignments_department' })
  department?: DepartmentEntity;
  @Column({ name: 'shift_type_id', type: 'int', unsigned: true }) shiftTypeId!: number;
  @ManyToOne(() => ShiftTypeEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'shift_type_id', foreignKeyConstraintName: 'fk_shift_assignments_type' })
  shiftType?: ShiftTypeEntity;
  /** The local day the shift starts. */
  @CalendarDate({ name: 'shift_date' }) shiftDate!: string;
  @Instant({ name: 'starts_at' }) startsAt!: Date;
  @Instant({ name: 'ends_at' }) endsAt!: Date;
  /** What payroll needs, fixed when planned: real minutes, night minutes (22–06), weekend minutes, the multiplier. */
  @Column({ type: 'smallint', unsigned: true }) minutes!: number;
  @Column({ name: 'night_minutes', type: 'smallint', unsigned: true }) nightMinutes!: number;
  @Column({ name: 'weekend_minutes', type: 'smallint', unsigned: true }) weekendMinutes!: number;
  @Column({ name: 'pay_multiplier_bp', type: 'int', unsigned: true }) payMultiplierBp!: number;
  @Column({ name: 'assigned_by', type: 'int', unsigned: true, nullable: true }) assignedBy!: number | null;
  @CreatedAt() createdAt!: Date;
}

@Entity('staff_leave')
@Index('ix_staff_leave_staff', ['staffId', 'endDate'])
@Index('ix_staff_leave_hospital', ['hospitalId', 'endDate'])
export class StaffLeaveEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'staff_id', type: 'int', unsigned: true }) staffId!: number;
  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_leave_staff' })
  staff?: StaffEntity;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_staff_leave_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'simple-enum', enum: LEAVE_KINDS }) kind!: LeaveKind;
  @CalendarDate({ name: 'start_date' }) startDate!: string;
  @CalendarDate({ name: 'end_date' }) endDate!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @Column({ type: 'simple-enum', enum: ['recorded', 'cancelled'], default: 'recorded' }) status!: 'recorded' | 'cancelled';
  @Column({ name: 'cancel_reason', type: 'varchar', length: 300, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true }) createdBy!: number | null;
  @CreatedAt() createdAt!: Date;
}
