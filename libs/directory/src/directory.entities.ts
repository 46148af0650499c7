import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'parties' })
export class PartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text' })
  shortName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type OfficeLevel = 'federal' | 'provincial';

@Entity({ name: 'offices' })
export class OfficeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The riding's code, e.g. the 5-digit federal electoral district number. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_fr', type: 'text' })
  nameFr: string;

  @Column({ type: 'char', length: 2 })
  province: string;

  @Column({ type: 'text' })
  level: OfficeLevel;

  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
