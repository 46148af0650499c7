import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Metrics } from '@relay/platform';
import type { UserEntity } from './user.entity.js';

export interface SessionState {
  role: UserEntity['role'];
  officeId: string | null;
}

interface Entry {
  userId: string;
  state: SessionState;
  expiresAt: number;
}

const CHANNEL = 'relay_session_changed';
const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;
const RELISTEN_AFTER_MS = 1_000;
// A connection can die without a word (a partition, a NAT timeout): it is asked to answer
// this often, and counts as lost when it does not answer in time.
const HEARTBEAT_MS = 5_000;

/**
 * What each live session may do, remembered for a few seconds so that an authenticated
 * request need not ask the database first. An entry is dropped the moment its session ends
 * or its user changes: on this node by the service making the change, on every node by the
 * notice the database sends on commit (see the session-change-notices migration). While
 * this node is not listening for those notices it remembers nothing, so the listening
 * connection must reach PostgreSQL itself (or a session-mode pooler): behind a transaction-mode
 * pooler LISTEN hears nothing.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('session-cache');
  private readonly entries = new Map<string, Entry>();
  // Bumped by every forget: a lookup that started before it must not store what it read.
  private generation = 0;
  private listener?: pg.Client;
  private listening = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  async lookup(
    userId: string,
    sessionId: string,
    load: () => Promise<SessionState | null>,
  ): Promise<SessionState | null> {
    const hit = this.entries.get(sessionId);
    if (hit && hit.userId === userId && hit.expiresAt > Date.now()) {
      this.metrics.sessionLookups.inc({ source: 'cache' });
      return hit.state;
    }
    this.metrics.sessionLookups.inc({ source: 'database' });
    const generation = this.generation;
    const state = await load();
    if (state && this.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(sessionId, { userId, state, expiresAt: Date.now() + TTL_MS });
    }
    return state;
  }

  /** Drops every session of the user. */
  forget(userId: string): void {
    this.generation++;
    for (const [sessionId, entry] of this.entries) if (entry.userId === userId) this.entries.delete(sessionId);
  }

  forgetSession(sessionId: string): void {
    this.generation++;
    this.entries.delete(sessionId);
  }

  onApplicationBootstrap(): void {
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopListening();
    await this.listener?.end().catch(() => undefined);
  }

  /** Listens for change notices on a connection of its own, reconnecting while the node runs. */
  private async listen(): Promise<void> {
    const { url } = this.dataSource.options as { url?: string };
    let failures = 0;
    while (!this.stopped) {
      const client = new pg.Client({
        connectionString: url,
        keepAlive: true,
        query_timeout: HEARTBEAT_MS,
        application_name: 'relay-session-notices', // named, so operators (and tests) can find it
      });
      this.listener = client;
      let heartbeat: NodeJS.Timeout | undefined;
      try {
        const lost = new Promise<void>((resolve) => {
          client.on('error', (error) => {
            this.logger.warn(`change notices lost: ${error.message}`);
            resolve();
          });
          client.on('end', () => resolve());
          heartbeat = setInterval(() => {
            client.query('SELECT 1').catch((error: Error) => {
              this.logger.warn(`change notices lost: ${error.message}`);
              resolve();
            });
          }, HEARTBEAT_MS).unref();
        });
        client.on('notification', (notice) => this.forget(notice.payload ?? ''));
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        // A lookup that began before LISTEN may have read what a change missed meanwhile.
        this.generation++;
        this.listening = true;
        failures = 0;
        await lost;
      } catch (error) {
        // Said once per outage: the node retries every second until the database is back.
        if (!this.stopped && failures++ === 0) {
          this.logger.warn(`cannot listen for change notices: ${(error as Error).message}`);
        }
      } finally {
        clearInterval(heartbeat);
        this.stopListening();
        await client.end().catch(() => undefined);
      }
      if (!this.stopped) await new Promise((resume) => setTimeout(resume, RELISTEN_AFTER_MS).unref());
    }
  }

  private stopListening(): void {
    this.listening = false;
    this.generation++;
    this.entries.clear();
  }
}
