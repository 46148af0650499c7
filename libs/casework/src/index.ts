export * from './casework.module.js';
export * from './casework.dto.js';
export * from './follow-ups.service.js';
export * from './interactions.service.js';
export * from './checklists.service.js';
export * from './casework-jobs.js';
export { CASEWORK_EVENT_DATA } from './casework.views.js';
