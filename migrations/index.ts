import { Foundation1763900000000 } from './1763900000000-foundation.js';
import { ChannelsAndEventLog1764000000000 } from './1764000000000-channels-and-event-log.js';
import { HandoffsAndTrades1764100000000 } from './1764100000000-handoffs-and-trades.js';
import { CommitTimeNumbering1764200000000 } from './1764200000000-commit-time-numbering.js';
import { SessionChangeNotices1764300000000 } from './1764300000000-session-change-notices.js';
import { TheAssistantsDay1764700000000 } from './1764700000000-the-assistants-day.js';

/** Every migration, in order. Listed explicitly: ESM has no reliable file globbing. */
export const MIGRATIONS = [
  Foundation1763900000000,
  ChannelsAndEventLog1764000000000,
  HandoffsAndTrades1764100000000,
  CommitTimeNumbering1764200000000,
  SessionChangeNotices1764300000000,
  TheAssistantsDay1764700000000,
];
