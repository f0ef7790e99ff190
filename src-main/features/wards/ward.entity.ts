// Floors, rooms and beds of a hospital.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ROOM_TYPES, UNIT_STATES, type RoomType, type UnitState } from '@shared/domain/wards';
import { CreatedAt, UpdatedAt } from '../../db/columns';
import { HospitalEntity } from '../hospitals/hospital.entity';

@Entity('floors')
@Index('uq_floors_name', ['hospitalId', 'name'], { unique: true })
export class FloorEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_floors_hospital' })
  hospital?: HospitalEntity;
  @Column({ type: 'varchar', length: 60 }) name!: string;
  @Column({ type: 'smallint' }) level!: number;
  @CreatedAt() createdAt!: Date;
}

@Entity('rooms')
@Index('uq_rooms_number', ['hospitalId', 'number'], { unique: true })
@Index('ix_rooms_floor', ['floorId'])
export class RoomEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_rooms_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'floor_id', type: 'int', unsigned: true }) floorId!: number;
  @ManyToOne(() => FloorEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'floor_id', foreignKeyConstraintName: 'fk_rooms_floor' })
  floor?: FloorEntity;
  @Column({ type: 'varchar', length: 20 }) number!: string;
  @Column({ name: 'room_type', type: 'simple-enum', enum: ROOM_TYPES }) roomType!: RoomType;
  /** Minor units of the hospital currency per night. */
  @Column({ name: 'daily_rate', type: 'bigint', unsigned: true }) dailyRate!: number;
  @Column({ type: 'simple-enum', enum: UNIT_STATES, default: 'available' }) state!: UnitState;
  @Column({ name: 'state_note', type: 'varchar', length: 200, nullable: true }) stateNote!: string | null;
  @Column({ type: 'int', unsigned: true, default: 1 }) version!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}

@Entity('beds')
@Index('uq_beds_label', ['roomId', 'label'], { unique: true })
@Index('ix_beds_hospital', ['hospitalId'])
export class BedEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true }) id!: number;
  @Column({ name: 'hospital_id', type: 'int', unsigned: true }) hospitalId!: number;
  @ManyToOne(() => HospitalEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'hospital_id', foreignKeyConstraintName: 'fk_beds_hospital' })
  hospital?: HospitalEntity;
  @Column({ name: 'room_id', type: 'int', unsigned: true }) roomId!: number;
  @ManyToOne(() => RoomEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'fk_beds_room' })
  room?: RoomEntity;
  @Column({ type: 'varchar', length: 10 }) label!: string;
  @Column({ type: 'simple-enum', enum: UNIT_STATES, default: 'available' }) state!: UnitState;
  @Column({ name: 'state_note', type: 'varchar', length: 200, nullable: true }) stateNote!: string | null;
  @CreatedAt() createdAt!: Date;
}
