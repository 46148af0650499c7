import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { type AuditHead, AuditRepository } from '@relay/audit';
import { ConfigError, loadConfig, readOrCreateSecret, resolveDatabase } from '@relay/platform';

const USAGE = 'usage: npm run audit:verify [-- --since-head <seq>:<hash>]';

/** `--since-head 1234:ab12…`: a head printed by an earlier run (or GET /audit/verify), kept outside the database. */
function parseArgs(args: string[]): AuditHead | undefined {
  if (args.length === 0) return undefined;
  const value = args[0] === '--since-head' ? args[1] : args[0].startsWith('--since-head=') ? args[0].slice(13) : '';
  const match = /^(\d+):([0-9a-f]{64}|genesis)$/.exec(value ?? '');
  if (!match || args.length > (args[0] === '--since-head' ? 2 : 1)) throw new ConfigError(USAGE);
  return { seq: Number(match[1]), hash: match[2] };
}

/**
 * `npm run audit:verify`: recomputes the audit hash chain with AUDIT_KEY and prints its
 * head to keep. Exits 1 and names the first bad sequence number when the trail was
 * tampered with (or, given a saved head, no longer holds it); exits 0 when it is intact.
 */
async function main(): Promise<number> {
  const since = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  config.AUDIT_KEY ??= readOrCreateSecret(config.DATA_DIR, 'audit-key');
  const database = await resolveDatabase(config);
  const dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
  try {
    const result = await new AuditRepository(dataSource, config).verify(since);
    const head = `${result.head.seq}:${result.head.hash}`;
    const keyed = result.unkeyed > 0 ? `, ${result.unkeyed} of them chained before AUDIT_KEY` : '';
    if (result.ok) {
      const saved = since ? `, and it still holds the saved head ${since.seq}` : '';
      console.log(`audit trail intact: ${result.checked} events checked${keyed}${saved}`);
      console.log(`head (keep it to check later with --since-head): ${head}`);
      return 0;
    }
    const rewound =
      since && result.head.seq < since.seq ? `; it ends at ${result.head.seq}, before the saved head ${since.seq}` : '';
    console.log(
      `audit trail TAMPERED: first bad sequence number ${result.firstBadSeq} (${result.checked} events checked${keyed})${rewound}`,
    );
    console.log(`head now: ${head}`);
    return 1;
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
