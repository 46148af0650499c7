export * from './knowledge.module.js';
