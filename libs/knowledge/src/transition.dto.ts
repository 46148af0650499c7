import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, ValidateIf } from 'class-validator';

export class CreateTransitionDto {
  @ApiProperty({
    format: 'date-time',
    description: 'When the seat changes hands (e.g. the day the new MP is sworn in)',
  })
  @IsISO8601({ strict: true })
  effectiveAt: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "The new MP's party (the office joins its channel); null: no party; absent: the party stays",
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID()
  partyId?: string | null;
}

export class TransitionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty({ format: 'date-time' }) effectiveAt: string;
  @ApiProperty({ description: 'Whether the office moves to partyId' }) changesParty: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The party it left, once applied' })
  fromPartyId: string | null;
  @ApiProperty({ enum: ['scheduled', 'applied'] }) status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) appliedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) deactivatedAccounts: number | null;
  @ApiProperty({ nullable: true, type: Number }) filesUnderReview: number | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TransitionPageDto {
  @ApiProperty({ type: [TransitionDto] }) items: TransitionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
