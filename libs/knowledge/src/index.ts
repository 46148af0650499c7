export * from './knowledge.module.js';
export { KNOWLEDGE_EVENT_DATA } from './precedent.dto.js';
