export * from './realtime.module.js';
export * from './relay-io.adapter.js';
export * from './asyncapi.js';
export { REALTIME_EVENT_DATA } from './presence.views.js';
