export * from './handoffs.module.js';
export { HANDOFF_EVENT_DATA } from './handoff.views.js';
