// A real served node for the HTTP benchmarks: `tandem init`, optional active risk profiles
// (created by an analyst, approved and activated by a supervisor, as on a real node), an API
// token for the feed, then the compiled `tandem serve` in a child process — the same command an
// operator runs, with its whole background pipeline (assessment, referrals, exchange loop).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Actor, type Role } from '../src/platform/index.js';
import { initNode } from '../src/app/init-node.js';
import { openNode } from '../src/app/node.js';
import { generateBenchmarkDefinitions } from '../src/profiles/index.js';

const root = new URL('..', import.meta.url).pathname;
export const cliPath = join(root, 'dist/cli/main.js');

export function ensureBuilt(): void {
  if (existsSync(cliPath)) return;
  console.log('building (dist/ is missing)…');
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

export interface ServedNode {
  base: string;
  dataDir: string;
  /** API token of a machine feed allowed to submit filings. */
  token: string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Active risk profiles to load before serving (generated, seed 1). */
  profiles?: number;
  /** Extra `node` flags for the server process, e.g. ['--cpu-prof']. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

async function user(node: Awaited<ReturnType<typeof openNode>>, username: string, roles: Role[]): Promise<Actor> {
  const { user: u } = await node.access.createUser(node.system, { username, roles });
  return { kind: 'user', id: u.id, username, roles, agency: node.info.agency };
}

export async function startServedNode(opts: ServeOptions = {}): Promise<ServedNode> {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-node-'));
  const config = loadConfig({ dataDir });
  const { node } = await initNode(config, { nodeId: 'FR-BENCH', agency: 'DGDDI' });
  if (opts.profiles) {
    const analyst = await user(node, 'bench-analyst', ['analyst']);
    const supervisor = await user(node, 'bench-supervisor', ['supervisor']);
    for (const definition of generateBenchmarkDefinitions(opts.profiles, 1)) {
      const draft = await node.profiles.createDraft(analyst, { definition });
      await node.profiles.approve(supervisor, draft.id);
      await node.profiles.activate(supervisor, draft.id);
    }
  }
  const { token } = await node.access.createApiToken(node.system, { name: 'bench-feed', roles: ['analyst'] });
  await node.close();

  const port = 18_000 + (process.pid % 1000);
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), cliPath, 'serve', '--port', String(port), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TANDEM_LOG_LEVEL: 'warn', ...opts.env },
  });
  // The server logs (pino, on stdout) at warn and above: pass them on, a benchmark must not hide errors.
  child.stdout?.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.startsWith('{')) process.stderr.write(`server: ${line.slice(0, 2000)}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => (d.toString().includes('listening') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    token,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
