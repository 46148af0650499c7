import { ApiProperty } from '@nestjs/swagger';
import type { LiveEventDataClasses, PresencePayload } from '@relay/platform';

/** The `data` of `presence.changed`: a staff member's first socket opened or last one closed. */
export class PresenceDto implements PresencePayload {
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() online: boolean;
}

/** Which class describes the `data` of each event this library sends (see liveEventDataClasses). */
export const REALTIME_EVENT_DATA = { 'presence.changed': PresenceDto } satisfies Partial<LiveEventDataClasses>;
