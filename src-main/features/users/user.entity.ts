// User accounts and the hospitals each may act in.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { CreatedAt, Instant, UpdatedAt } from '../../db/columns';
import { ROLES, type Role } from '@shared/domain/roles';

@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ type: 'varchar', length: 40 }) username!: string;
  @Column({ name: 'full_name', type: 'varchar', length: 120 }) fullName!: string;
  /** scrypt$N$r$p$salt$key, never leaves the main process. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, select: false }) passwordHash!: string;
  @Column({ type: 'set', enum: ROLES }) roles!: Role[];
  @Column({ name: 'all_hospitals', type: 'boolean', default: false }) allHospitals!: boolean;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'failed_logins', type: 'smallint', unsigned: true, default: 0 }) failedLogins!: number;
  @Instant({ name: 'locked_until', nullable: true }) lockedUntil!: Date | null;
  @Instant({ name: 'last_login_at', nullable: true }) lastLoginAt!: Date | null;
  @VersionColumn({ type: 'int', unsigned: true }) version!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

@Entity('user_hospitals')
@Index('ix_user_hospitals_hospital', ['hospitalId'])
export class UserHospitalEntity {
  @PrimaryColumn({ name: 'user_id', type: 'int', unsigned: true }) userId!: number;
  @PrimaryColumn({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_hospitals_user' })
  user?: UserEntity;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_user_hospitals_hospital' })
  hospital?: HospitalEntity;
}
