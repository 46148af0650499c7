import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CaseStatus, Category, Complexity, ConsentScope, ImmigrationType, Urgency } from './case.enums.js';

/** Constituent details: shown only to the handling office, never logged, audited or broadcast. */
export interface Constituent {
  fullName: string;
  dateOfBirth?: string;
  email?: string;
  phone?: string;
  uci?: string;
  applicationNumber?: string;
}

@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'handling_office_id', type: 'uuid' })
  handlingOfficeId: string;

  @Column({ name: 'home_office_id', type: 'uuid' })
  homeOfficeId: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'text' })
  category: Category;

  @Column({ name: 'immigration_type', type: 'text', nullable: true })
  immigrationType: ImmigrationType | null;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  urgency: Urgency;

  @Column({ type: 'text' })
  complexity: Complexity;

  @Column({ type: 'timestamptz', nullable: true })
  deadline: Date | null;

  @Column({ type: 'text', array: true })
  languages: string[];

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ type: 'jsonb' })
  constituent: Constituent;

  /** When the intake window ends; null once the file has been acted on (see the triage queue). */
  @Column({ name: 'intake_due_at', type: 'timestamptz', nullable: true })
  intakeDueAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'case_notes' })
export class CaseNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'case_consents' })
export class CaseConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  scope: ConsentScope;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'text' })
  evidence: string;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;
}
