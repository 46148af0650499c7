export * from './channels.module.js';
export * from './channels.service.js';
export * from './alerts.service.js';
export * from './channel.dto.js';
export { CHANNEL_EVENT_DATA } from './channel.views.js';
