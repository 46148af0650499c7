import type { INestApplication } from '@nestjs/common';
import { liveEventDataClasses } from '@relay/platform';
import { CASE_EVENT_DATA } from '@relay/cases';
import { CHANNEL_EVENT_DATA } from '@relay/channels';
import { HANDOFF_EVENT_DATA } from '@relay/handoffs';
import { CASEWORK_EVENT_DATA } from '@relay/casework';
import { DOCUMENT_EVENT_DATA } from '@relay/documents';
import { KNOWLEDGE_EVENT_DATA } from '@relay/knowledge';
import { asyncApiDocument, REALTIME_EVENT_DATA } from '@relay/realtime';

/**
 * Each live event type's `data` class, gathered from the libraries that send them: an event type
 * with no class, or a class that differs from its payload, fails to compile here.
 */
export const LIVE_EVENT_DATA = liveEventDataClasses({
  ...CHANNEL_EVENT_DATA,
  ...CASE_EVENT_DATA,
  ...HANDOFF_EVENT_DATA,
  ...CASEWORK_EVENT_DATA,
  ...DOCUMENT_EVENT_DATA,
  ...KNOWLEDGE_EVENT_DATA,
  ...REALTIME_EVENT_DATA,
});

/** The AsyncAPI document served at /api/docs-asyncapi.json; also built without a database (scripts/openapi-types.ts). */
export const liveEventsDocument = (app: INestApplication) => asyncApiDocument(app, LIVE_EVENT_DATA);
