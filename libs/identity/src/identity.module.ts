import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '@relay/platform';
import { AuditModule } from '@relay/audit';
import { DirectoryModule } from '@relay/directory';
import { AuthController, UsersController } from './identity.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy, LocalStrategy } from './auth.guards.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionEnds } from './session-ends.js';
import { SessionCache } from './session-cache.js';
import { TokenService } from './token.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { InvitationsRepository } from './invitations.repository.js';

@Module({
  imports: [
    AuditModule,
    DirectoryModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    InvitationsRepository,
    PasswordHasher,
    TokenService,
    SessionCache,
    SessionEnds,
    JwtStrategy,
    LocalStrategy,
  ],
  exports: [AuthService, UsersService],
})
export class IdentityModule {}
