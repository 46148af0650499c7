export * from './identity.module.js';
export * from './auth.service.js';
export * from './users.service.js';
export * from './user.entity.js';
export * from './identity.dto.js';
export { JwtAuthGuard, UserThrottleGuard } from './auth.guards.js';
export * from './users.sql.js';
