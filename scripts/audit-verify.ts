import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditRepository } from '@relay/audit';
import { loadConfig, resolveDatabase } from '@relay/platform';

/**
 * `npm run audit:verify`: recomputes the audit hash chain. Prints the first bad sequence
 * number and exits 1 when the trail was tampered with; exits 0 when it is intact.
 */
async function main(): Promise<number> {
  const database = await resolveDatabase(loadConfig());
  const dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
  try {
    const result = await new AuditRepository(dataSource).verify();
    if (result.ok) {
      console.log(`audit trail intact: ${result.checked} events checked`);
      return 0;
    }
    console.log(
      `audit trail TAMPERED: first bad sequence number ${result.firstBadSeq} (${result.checked} events checked)`,
    );
    return 1;
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
