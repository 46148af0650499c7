import { createHash, createHmac } from 'node:crypto';

/**
 * HMAC-SHA-256 is sha256(okey || sha256(ikey || message)) with the key padded to the
 * hash's 64-byte block and xored with 0x36 (inner) and 0x5c (outer). The database hashes
 * the audit chain from these pads (see the keyed-audit-chain migration), so PostgreSQL
 * needs no extension and the key itself is never sent.
 */
export interface AuditKeyPads {
  ikey: string; // hex
  okey: string; // hex
}

export function auditKeyPads(key: string): AuditKeyPads {
  let bytes = Buffer.from(key, 'utf8');
  if (bytes.length > 64) bytes = createHash('sha256').update(bytes).digest();
  const block = Buffer.alloc(64);
  bytes.copy(block);
  const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte)).toString('hex');
  return { ikey: pad(0x36), okey: pad(0x5c) };
}

/** Names the key without revealing it: stored once per trail, compared at every start. */
export function auditKeyFingerprint(key: string): string {
  return createHmac('sha256', key).update('riding-relay audit key check').digest('hex');
}
