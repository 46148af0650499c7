import { fork, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type RunningDatabase } from '@relay/platform';
import { freePort, ServerProcess } from '../scripts/server-process.js';

export const ADMIN = { email: 'admin@bench.riding-relay.ca', password: 'bench-admin-password' };
export const AUDIT_KEY = 'bench-audit-key-that-is-long-enough-0123456789';
const API = '/api/v1';

/**
 * A fresh database for one benchmark run, on DATABASE_URL's server or an embedded one;
 * `another(name)` gives a scenario a fresh database of its own on the same server.
 */
export async function benchDatabase(): Promise<{
  url: string;
  another(name: string): Promise<string>;
  close(): Promise<void>;
}> {
  let embedded: RunningDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    await rm('.relay-bench-data', { recursive: true, force: true });
    embedded = await startEmbeddedPostgres('.relay-bench-data', 54349);
    serverUrl = embedded.url;
  }
  const names: string[] = [];
  const fresh = async (name: string) => {
    names.push(name);
    await dropDatabase(serverUrl, name);
    return ensureDatabase(serverUrl, name);
  };
  const base = `relay_bench_${process.pid}`;
  return {
    url: await fresh(base),
    another: (name) => fresh(`${base}_${name}`),
    async close() {
      for (const name of names) await dropDatabase(serverUrl, name);
      await embedded?.stop();
    },
  };
}

// BENCH_CPU_PROF=<dir> writes a CPU profile of each server process there when it stops.
const profiling = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

export async function startRelay(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  // As in production: migrations as the owner, the server as a restricted role (made if missing).
  const appUrl = new URL(databaseUrl);
  appUrl.username = 'relay_bench_app';
  appUrl.password = 'relay-bench-app-password';
  const server = new ServerProcess(
    await freePort(),
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: appUrl.toString(),
      MIGRATION_DATABASE_URL: databaseUrl,
      AUDIT_KEY,
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '1000000',
      LOGIN_ADDRESS_RATE_LIMIT: '1000000',
      LOGIN_ACCOUNT_RATE_LIMIT: '1000000',
      PASSWORD_HASH_QUEUE: '1000000',
      USER_RATE_LIMIT: '100000000',
      SOCKET_RATE_LIMIT: '1000',
      // The fan-out bench opens up to 50 sockets per assistant; the catch-up bench pages through 100,000 events.
      SOCKETS_PER_USER: '1000',
      SOCKET_CATCH_UP_PER_MINUTE: '10000',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      ...env,
    },
    profiling,
  );
  try {
    await server.start();
  } catch (error) {
    await server.stop('SIGKILL'); // a start that timed out leaves no server behind
    throw error;
  }
  return server;
}

/** A small JSON client for the Relay API. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${API}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** Sets an invited member's password (members are invited, never given one). */
  async acceptInvitation(token: string, password: string): Promise<void> {
    await this.call('POST', '/auth/invitations/accept', { token, password });
  }

  async login(email: string, password: string): Promise<Api> {
    const session = await this.call<{ accessToken: string }>('POST', '/auth/login', { email, password });
    return new Api(this.baseUrl, session.accessToken);
  }
}

/** One party of `offices` offices with `perOffice` assistants each, all signed in. */
export async function buildParty(baseUrl: string, offices: number, perOffice: number) {
  const admin = await new Api(baseUrl).login(ADMIN.email, ADMIN.password);
  const tag = Math.random().toString(36).slice(2, 8); // several scenarios share one database
  const party = await admin.call<{ id: string }>('POST', '/parties', { name: `Bench Party ${tag}`, shortName: tag });
  const members: Api[] = [];
  for (let o = 0; o < offices; o++) {
    const office = await admin.call<{ id: string }>('POST', '/offices', {
      code: `B${tag}${o}`,
      name: `Bench riding ${o}`,
      nameFr: `Circonscription ${o}`,
      province: 'ON',
      level: 'federal',
      partyId: party.id,
    });
    for (let m = 0; m < perOffice; m++) {
      const email = `m${m}.o${o}.${tag}@bench.riding-relay.ca`;
      const password = 'bench-member-password';
      const invited = await admin.call<{ invitation: { token: string } }>('POST', `/offices/${office.id}/members`, {
        email,
        displayName: `Member ${m} of ${o}`,
        role: 'assistant',
      });
      await new Api(baseUrl).acceptInvitation(invited.invitation.token, password);
      members.push(await new Api(baseUrl).login(email, password));
    }
  }
  const channels = await members[0].call<{ items: { id: string; kind: string }[] }>('GET', '/channels');
  const channelId = channels.items.find((channel) => channel.kind === 'party')!.id;
  return { admin, members, channelId };
}

export interface Receipt {
  marker: string;
  at: number;
  socket: number;
  seq: number;
}

/** Client processes, each holding a share of the sockets, so the clients' work is not the orchestrator's. */
export class ClientFleet {
  private readonly children: ChildProcess[] = [];

  constructor(processes: number) {
    for (let i = 0; i < processes; i++) this.children.push(fork(resolve('dist/bench/fanout-client.js')));
  }

  async connect(order: { url: string; tokens: string[]; channelId?: string; bare?: boolean }): Promise<void> {
    const share = Math.ceil(order.tokens.length / this.children.length);
    await Promise.all(
      this.children.map(
        (child, i) =>
          new Promise<void>((done, fail) => {
            child.once('message', (message: { kind: string; message?: string }) =>
              message.kind === 'ready' ? done() : fail(new Error(message.message)),
            );
            child.send({ kind: 'connect', ...order, tokens: order.tokens.slice(i * share, (i + 1) * share) });
          }),
      ),
    );
  }

  async collect(): Promise<Receipt[]> {
    const parts = await Promise.all(
      this.children.map(
        (child) =>
          new Promise<Receipt[]>((done) => {
            child.once('message', (message: { receipts: Receipt[] }) => done(message.receipts));
            child.send({ kind: 'collect' });
          }),
      ),
    );
    // Socket numbers are per process: make them unique across the fleet.
    return parts.flatMap((part, child) =>
      part.map((receipt) => ({ ...receipt, socket: child * 1_000_000 + receipt.socket })),
    );
  }

  close(): void {
    for (const child of this.children) child.send({ kind: 'close' });
  }
}

export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}
