export * from './cases.module.js';
export * from './cases.service.js';
export * from './case.entities.js';
export * from './case.enums.js';
export * from './case.dto.js';
export * from './case-transfers.js';
export * from './consent-evidence.js';
