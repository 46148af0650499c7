export * from './handoffs.module.js';
