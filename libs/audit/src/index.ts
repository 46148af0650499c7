export * from './audit.module.js';
export * from './audit.service.js';
export * from './audit.repository.js';
export * from './audit.types.js';
export * from './audit.dto.js';
