import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from '@relay/platform';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', array: true })
  languages: string[];

  @Column({ name: 'office_id', type: 'uuid', nullable: true })
  officeId: string | null;

  /** Null until the member accepts their invitation. */
  @Column({ name: 'password_hash', type: 'text', select: false, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A user as the API shows it: never the password hash. */
export function toUserView(user: UserEntity) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    languages: user.languages,
    officeId: user.officeId,
    active: user.active,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof toUserView>;
