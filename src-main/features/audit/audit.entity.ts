// Append-only audit entries chained by SHA-256; the database refuses UPDATE and DELETE on them.
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Instant } from '../../db/columns';

@Entity('audit_log')
@Index('ix_audit_user', ['userId', 'id'])
@Index('ix_audit_entity', ['entity', 'entityId', 'id'])
@Index('ix_audit_at', ['at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id!: number;
  @Instant() at!: Date;
  @Column({ name: 'user_id', type: 'int', unsigned: true, nullable: true }) userId!: number | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) username!: string | null;
  @Column({ type: 'varchar', length: 60 }) channel!: string;
  @Column({ type: 'varchar', length: 60 }) action!: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) entity!: string | null;
  @Column({ name: 'entity_id', type: 'varchar', length: 40, nullable: true }) entityId!: string | null;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true, nullable: true }) hospitalId!: number | null;
  /** Canonical JSON, hashed exactly as stored. */
  @Column({ type: 'mediumtext', nullable: true }) changes!: string | null;
  @Column({ name: 'prev_hash', type: 'char', length: 64 }) prevHash!: string;
  @Column({ type: 'char', length: 64 }) hash!: string;
}

/** One row: the newest entry of the chain. Locked while appending so the chain stays a line. */
@Entity('audit_head')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'tinyint', unsigned: true }) id!: number;
  @Column({ name: 'last_id', type: 'bigint', unsigned: true }) lastId!: number;
  @Column({ name: 'last_hash', type: 'char', length: 64 }) lastHash!: string;
}
