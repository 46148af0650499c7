import { Module } from '@nestjs/common';
import { IdentityModule } from '@relay/identity';
import { ChannelsModule } from '@relay/channels';
import { LiveGateway } from './live.gateway.js';
import { LiveService } from './live.service.js';

@Module({
  imports: [IdentityModule, ChannelsModule],
  providers: [LiveGateway, LiveService],
})
export class RealtimeModule {}
