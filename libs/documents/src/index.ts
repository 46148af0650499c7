export * from './documents.module.js';
export * from './documents.service.js';
export * from './letters.service.js';
export * from './documents-demo.js';
export * from './document.dto.js';
export * from './letter-render.js';
export * from './sniff.js';
export { DOCUMENT_EVENT_DATA } from './document.views.js';
