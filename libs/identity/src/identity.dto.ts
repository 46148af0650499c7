import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Optional, type Role } from '@relay/platform';

const LANGUAGE = /^[a-z]{2,3}$/;

export class LoginDto {
  @ApiProperty({ example: 'lead@demo.riding-relay.ca' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'Optional when the refresh cookie is sent instead' })
  @Optional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  refreshToken?: string;
}

export class CreateMemberDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName: string;

  @ApiProperty({ enum: ['assistant', 'office_lead'] })
  @IsIn(['assistant', 'office_lead'])
  role: Exclude<Role, 'admin'>;

  // No password: the member sets it with the invitation (a `password` field is refused).

  @ApiPropertyOptional({ example: ['en', 'fr'], description: 'ISO 639 codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639 code like "en"' })
  languages: string[] = [];
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The one-time token from POST /offices/:id/members' })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  token: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ enum: ['assistant', 'office_lead'] })
  @Optional()
  @IsIn(['assistant', 'office_lead'])
  role?: Exclude<Role, 'admin'>;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: ['en', 'fr'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639 code like "en"' })
  languages?: string[];
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['assistant', 'office_lead', 'admin'] }) role: Role;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) officeId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InvitationDto {
  @ApiProperty({ description: 'Shown once: pass it to the new member, who sets a password with it' })
  token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class InvitedMemberDto extends UserDto {
  @ApiProperty({ type: InvitationDto }) invitation: InvitationDto;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SessionDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ type: UserDto }) user: UserDto;
}
