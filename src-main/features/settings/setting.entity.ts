// Installation-wide settings as key/value rows.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('settings')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 }) key!: string;
  @Column({ type: 'varchar', length: 500 }) value!: string;
}
