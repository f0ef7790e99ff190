// ICD-10 codes (chain-wide) and the test catalog of a hospital with its reference ranges.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TEST_KINDS, type TestKind } from '@shared/domain/clinical';
import { CreatedAt, decimalNumber } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { CatalogItemEntity } from '../billing/billing.entity';

@Entity('icd10_codes')
/** Words are searched through this index; codes through the primary key. */
@Index('ft_icd10_title', ['title'], { fulltext: true })
export class Icd10CodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 }) code!: string;
  @Column({ type: 'varchar', length: 255 }) title!: string;
  /** In the starter list of common diagnoses: ranked first in search. */
  @Column({ type: 'boolean', default: false }) common!: boolean;
}

@Entity('test_definitions')
@Index('uq_test_definitions_code', ['hospitalId', 'code'], { unique: true })
export class TestDefinitionEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_test_definitions_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'varchar', length: 20 }) code!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'simple-enum', enum: TEST_KINDS }) kind!: TestKind;
  @Column({ type: 'varchar', length: 30, nullable: true }) unit!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) ucum!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) loinc!: string | null;
  /** The priced catalog item a resulted order is charged at; none: not charged. */
  @Column({ name: 'catalog_item_id', type: 'int', unsigned: true, nullable: true }) catalogItemId!: number | null;
  @ManyToOne(() => CatalogItemEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'catalog_item_id', foreignKeyConstraintName: 'fk_test_definitions_catalog' })
  catalogItem?: CatalogItemEntity;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreatedAt() createdAt!: Date;
}

/** A reference range of a test for one sex (null: any) and an age band [from, to) in years. */
@Entity('test_ranges')
@Index('ix_test_ranges_test', ['testId'])
export class TestRangeEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'test_id', type: 'int', unsigned: true }) testId!: number;
  @ManyToOne(() => TestDefinitionEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'test_id', foreignKeyConstraintName: 'fk_test_ranges_test' })
  test?: TestDefinitionEntity;
  @Column({ type: 'simple-enum', enum: ['female', 'male'], nullable: true }) sex!: 'female' | 'male' | null;
  @Column({ name: 'age_from_years', type: 'smallint', unsigned: true, default: 0 }) ageFromYears!: number;
  @Column({ name: 'age_to_years', type: 'smallint', unsigned: true, nullable: true }) ageToYears!: number | null;
  @Column({ type: 'decimal', precision: 16, scale: 4, nullable: true, transformer: decimalNumber }) low!: number | null;
  @Column({ type: 'decimal', precision: 16, scale: 4, nullable: true, transformer: decimalNumber }) high!: number | null;
  @Column({ name: 'critical_low', type: 'decimal', precision: 16, scale: 4, nullable: true, transformer: decimalNumber }) criticalLow!: number | null;
  @Column({ name: 'critical_high', type: 'decimal', precision: 16, scale: 4, nullable: true, transformer: decimalNumber }) criticalHigh!: number | null;
}
