export * from './realtime.module.js';
export * from './relay-io.adapter.js';
export * from './asyncapi.js';
