// A hospital (site) of the chain.
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../db/columns';

@Entity('hospitals')
@Index('uq_hospitals_code', ['code'], { unique: true })
export class HospitalEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ type: 'varchar', length: 12 }) code!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'varchar', length: 80, nullable: true }) region!: string | null;
  @Column({ type: 'varchar', length: 250, nullable: true }) address!: string | null;
  @Column({ name: 'time_zone', type: 'varchar', length: 64 }) timeZone!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'default_tax_rate_bp', type: 'int', unsigned: true, default: 0 }) defaultTaxRateBp!: number;
  @Column({ name: 'patient_number_format', type: 'varchar', length: 40 }) patientNumberFormat!: string;
  @VersionColumn({ type: 'int', unsigned: true }) version!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
