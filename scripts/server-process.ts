import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const MAIN = resolve('dist/apps/api/src/main.js');
// As `npm start` and the Dockerfile run it: a 64 MiB young generation, because the server
// allocates a page of JSON per request and the default made scavenges ~15% of its CPU.
const NODE_FLAGS = ['--max-semi-space-size=64'];

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * The built server (`npm test` builds first) in its own process, exactly as `npm start`
 * runs it: the tests see it only through HTTP and socket.io, as any client would.
 */
export class ServerProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly nodeFlags: string[] = [],
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `timeoutMs`: a server that loads the demo data (SEED_DEMO) on a busy machine needs longer. */
  async start(timeoutMs = 30_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, ['--enable-source-maps', ...NODE_FLAGS, ...this.nodeFlags, MAIN], {
      env: { PATH: process.env.PATH ?? '', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${this.output}`);
      const ready = await fetch(`${this.baseUrl}/api/v1/health`).then(
        (res) => res.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`the server did not start in ${timeoutMs / 1000} s:\n${this.output}`);
  }

  /** SIGTERM (a graceful stop) or SIGKILL; resolves with the exit code once it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill(signal);
    return exited;
  }

  /** The server's process id (for measuring its memory), while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get log(): string {
    return this.output;
  }
}
