// A committed import and the external ids of the records it created.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { IMPORT_KINDS, type ImportKind } from '@shared/domain/csv-import';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { UserEntity } from '../users/user.entity';
import { Instant } from '../../db/columns';

@Entity('import_batches')
@Index('ix_import_batches_hospital', ['hospitalId', 'id'])
/** The mapping remembered for a file shape: the newest import of that kind and signature. */
@Index('ix_import_batches_shape', ['kind', 'signature', 'id'])
export class ImportBatchEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_import_batches_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'simple-enum', enum: IMPORT_KINDS }) kind!: ImportKind;
  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true }) fileName!: string | null;
  /** SHA-256 of the normalised headers. */
  @Column({ type: 'char', length: 64 }) signature!: string;
  /** JSON: field → header. */
  @Column({ type: 'mediumtext' }) mapping!: string;
  /** JSON: field → file value → app value. */
  @Column({ name: 'value_map', type: 'mediumtext' }) valueMap!: string;
  @Column({ name: 'date_format', type: 'varchar', length: 10, nullable: true }) dateFormat!: string | null;
  @Column({ name: 'row_count', type: 'int', unsigned: true }) rowCount!: number;
  @Column({ name: 'created_count', type: 'int', unsigned: true }) createdCount!: number;
  @Column({ name: 'skipped_count', type: 'int', unsigned: true }) skippedCount!: number;
  @Column({ name: 'warning_count', type: 'int', unsigned: true }) warningCount!: number;
  @Column({ name: 'imported_by', type: 'int', unsigned: true, nullable: true }) importedBy!: number | null;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'imported_by', foreignKeyConstraintName: 'fk_import_batches_user' })
  importer?: UserEntity;
  @Instant({ name: 'imported_at' }) importedAt!: Date;
}

export const REF_KINDS = ['patient', 'staff', 'doctor', 'room', 'appointment'] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** A source system's id of a record this hospital imported ("HMS/001" → patient 12345). */
@Entity('import_refs')
@Index('ix_import_refs_batch', ['batchId'])
export class ImportRefEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_import_refs_hospital' })
  hospital?: HospitalEntity;
  @PrimaryColumn({ name: 'record_kind', type: 'simple-enum', enum: REF_KINDS }) recordKind!: RefKind;
  @PrimaryColumn({ name: 'external_id', type: 'varchar', length: 100 }) externalId!: string;
  @Column({ name: 'record_id', type: 'bigint', unsigned: true }) recordId!: number;
  @Column({ name: 'batch_id', type: 'int', unsigned: true }) batchId!: number;
  @ManyToOne(() => ImportBatchEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_import_refs_batch' })
  batch?: ImportBatchEntity;
}
