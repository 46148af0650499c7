export * from './directory.module.js';
export * from './directory.service.js';
export * from './directory.repository.js';
export * from './directory.entities.js';
export * from './directory.dto.js';
export * from './directory-events.js';
export * from './directory.sql.js';
