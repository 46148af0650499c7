import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { OUTCOMES } from '@relay/cases';
import type { GroupBy, Language } from './labels.js';

export const GROUP_BYS = ['category', 'immigrationType', 'urgency', 'outcome', 'month'] as const;

export class ReportQuery {
  @ApiPropertyOptional({
    description: 'Inclusive; a date or a date-time (UTC). Default: the first day of the month 11 months before `to`',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'Exclusive date-time, or a date meaning to the end of that day (UTC). Default: now',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'category' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy: GroupBy = 'category';

  @ApiPropertyOptional({ enum: ['en', 'fr'], default: 'en', description: 'Language of the group labels' })
  @IsOptional()
  @IsIn(['en', 'fr'])
  lang: Language = 'en';
}

// By outcome: one key per outcome, always all six.
const outcomeCounts = (value: 'integer' | 'count', description: string) => ({
  type: 'object' as const,
  additionalProperties:
    value === 'integer' ? { type: 'integer' } : { oneOf: [{ type: 'integer' }, { type: 'string', enum: ['<5'] }] },
  description: `${description}; keys: ${OUTCOMES.join(', ')}`,
});

class CaseloadGroupDto {
  @ApiProperty({ nullable: true, type: String, description: 'The category, type, urgency, outcome or "2026-02"' })
  key: string | null;
  @ApiProperty({ example: 'Réunification familiale' }) label: string;
  @ApiProperty({ description: 'Files created in the range' }) opened: number;
  @ApiProperty({ description: 'Files resolved or closed in the range' }) closed: number;
  @ApiProperty({ description: 'Files of the group neither resolved nor closed now (by month: opened in that month)' })
  open: number;
  @ApiProperty({ description: 'Of the open files, those under transition review' }) underReview: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the files closed in the range' })
  medianDaysToClose: number | null;
  @ApiProperty(outcomeCounts('integer', 'Files closed in the range, by outcome'))
  outcomes: Record<string, number>;
}

export class CaseloadReportDto {
  @ApiProperty({ enum: GROUP_BYS }) groupBy: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
  @ApiProperty({ type: [CaseloadGroupDto] }) groups: CaseloadGroupDto[];
}

const count = {
  oneOf: [
    { type: 'integer', multipleOf: 5 },
    { type: 'string', enum: ['<5'] },
  ],
};

class ChannelGroupDto {
  @ApiProperty({ nullable: true, type: String }) key: string | null;
  @ApiProperty() label: string;
  @ApiProperty(count) opened: number | string;
  @ApiProperty(count) closed: number | string;
  @ApiProperty(count) open: number | string;
  @ApiProperty(count) underReview: number | string;
  @ApiProperty(outcomeCounts('count', 'Files closed in the range, by outcome')) outcomes: Record<
    string,
    number | string
  >;
}

export class ChannelReportDto {
  @ApiProperty({ enum: GROUP_BYS }) groupBy: string;
  @ApiProperty({ format: 'date-time', description: 'The range grown outward to whole calendar quarters' })
  from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
  @ApiProperty({
    type: [ChannelGroupDto],
    description:
      'Counts only. Fewer than 5 files: "<5". Other counts are sums of per-quarter counts each randomly rounded to a multiple of 5, so overlapping groups or ranges cannot be subtracted to reveal a small one',
  })
  groups: ChannelGroupDto[];
}
