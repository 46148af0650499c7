import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each library owns its tables: only its code names them in SQL; other libraries ask it
 * through its exported functions. The README's architecture section lists the same owners.
 */
const OWNERS: Record<string, string[]> = {
  audit: ['audit_events', 'audit_chain_head', 'audit_key_check'],
  cases: ['cases', 'case_notes', 'case_consents', 'case_transfers', 'case_deadline_notices'],
  casework: ['follow_ups', 'interactions', 'checklist_templates', 'case_checklist_items'],
  channels: ['channels', 'channel_members', 'channel_posts', 'alert_acks', 'alert_reminders'],
  directory: ['offices', 'parties', 'office_neighbours'],
  documents: ['documents', 'document_chunks', 'letter_templates'],
  handoffs: ['handoffs', 'trades', 'trade_cases'],
  identity: ['users', 'refresh_families', 'refresh_tokens', 'invitations'],
  knowledge: ['precedents', 'office_transitions', 'report_secrets'],
  platform: ['events', 'event_streams', 'idempotency_keys'],
};

/**
 * The read models that still join another library's tables in one query, each for a
 * measured or atomic reason: `library → table: why`. The list may only shrink; a new
 * cross-library read fails this test until it goes through the owner's functions (or is
 * argued for here).
 */
const READ_MODELS = [
  'cases → offices: a file view names its offices (one join on every case read, the hot path)',
  'casework → cases: the office-wide follow-up and contact-log lists carry each file reference, paged in one query',
  'casework → channel_members: checklist templates shared with an office through its channels',
  'channels → cases: "N of your open files" per alert, and a #reference in a message, one query per feed page',
  "channels → handoffs: a feed item shows the offer's current state, one query per page",
  'handoffs → cases: an offer or trade locks and checks its files in the transfer transaction',
  'handoffs → channel_members: who may see a channel offer (in the visibility predicate)',
  'knowledge → cases: reports and precedents are computed from files in SQL (a year of an office in one query)',
  'knowledge → channel_members: channel reports and precedents are scoped to the channel members',
  'platform → audit_key_check: the database role set-up grants the restricted role its rights',
];

const owner = new Map(Object.entries(OWNERS).flatMap(([lib, tables]) => tables.map((table) => [table, lib])));
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+([a-z_]+)\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function crossLibraryReads(): Set<string> {
  const found = new Set<string>();
  for (const lib of readdirSync('libs')) {
    for (const file of sources(join('libs', lib, 'src'))) {
      for (const [, table] of readFileSync(file, 'utf8').matchAll(SQL_TABLE)) {
        const tableOwner = owner.get(table!);
        if (tableOwner && tableOwner !== lib) found.add(`${lib} → ${table}`);
      }
    }
  }
  return found;
}

describe('architecture: who owns which table', () => {
  it('gives every table the migrations create an owner', () => {
    const created = new Set<string>();
    for (const file of readdirSync('migrations').filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(join('migrations', file), 'utf8');
      for (const [, table] of text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)) created.add(table!);
    }
    expect([...created].filter((table) => !owner.has(table))).toEqual([]);
  });

  it("lets no library name another library's table except the read models listed", () => {
    const listed = READ_MODELS.map((entry) => entry.slice(0, entry.indexOf(':')));
    expect([...crossLibraryReads()].sort()).toEqual([...listed].sort());
  });
});
