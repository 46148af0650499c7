import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class SubscribeDto {
  @IsUUID()
  channelId: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
}

export class ChannelDto {
  @IsUUID()
  channelId: string;
}

export class SyncDto {
  /** `{ "<stream>": lastSeqSeen }`, checked entry by entry in the service. */
  @IsObject()
  streams: Record<string, unknown>;
}
