// A department of one hospital (Surgery, Nursing, Radiology, …).
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HospitalEntity } from '../hospitals/hospital.entity';
import { CreatedAt } from '../../db/columns';

@Entity('departments')
@Index('uq_departments_name', ['hospitalId', 'name'], { unique: true })
export class DepartmentEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_departments_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'varchar', length: 80 }) name!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreatedAt() createdAt!: Date;
}
