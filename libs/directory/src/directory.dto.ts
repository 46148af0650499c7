import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Optional, PageQuery } from '@relay/platform';

export const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'] as const;
export const LEVELS = ['federal', 'provincial'] as const;

export class CreatePartyDto {
  @ApiProperty({ example: 'Liberal Party of Canada' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'LPC' })
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  shortName: string;
}

export class PartyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
}

export class OfficeQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROVINCES })
  @IsOptional()
  @IsIn(PROVINCES)
  province?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({ description: 'Matches the code or the English or French name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateOfficeDto {
  @ApiProperty({ example: '35067', description: 'Riding code (federal: the 5-digit FED number)' })
  @Matches(/^[A-Za-z0-9-]{1,16}$/)
  code: string;

  @ApiProperty({ example: 'Nepean' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Nepean' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameFr: string;

  @ApiProperty({ enum: PROVINCES })
  @IsIn(PROVINCES)
  province: string;

  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level: (typeof LEVELS)[number];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  partyId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  neighbourIds?: string[];
}

export class UpdateOfficeDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameFr?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null: no party (e.g. a vacant seat)',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID()
  partyId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  neighbourIds?: string[];
}

export class OfficeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() nameFr: string;
  @ApiProperty({ enum: PROVINCES }) province: string;
  @ApiProperty({ enum: LEVELS }) level: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partyId: string | null;
  @ApiProperty({ type: [String] }) neighbourIds: string[];
  @ApiProperty() version: number;
}

export class OfficePageDto {
  @ApiProperty({ type: [OfficeDto] }) items: OfficeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PartyPageDto {
  @ApiProperty({ type: [PartyDto] }) items: PartyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
