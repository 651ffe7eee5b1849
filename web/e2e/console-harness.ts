// What the console's end-to-end tests and benchmark share: a real demo node serving the built
// console on a free loopback port, and Debian's chromium driven by playwright-core (never a
// downloaded browser). Missing pieces are reported as failures with the fix, never skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApi } from '../../src/app/api.js';
import { startDemoNode, type DemoNode } from '../../src/app/demo/run-demo.js';
import type { ApiServer } from '../../src/platform/index.js';

export const CHROMIUM = process.env.TANDEM_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the console's browser tests drive Debian's chromium. Install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this).`);
  }
}

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time of the console's sources (what the build reads). */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'index.html', 'vite.config.ts', 'tsconfig.json']) visit(join(WEB_ROOT, p));
  return newest;
}

/**
 * The tests run against the built console. `npm ci` builds it (prepare runs the root build), but
 * a checkout edited since would test stale code: build it here when it is missing or older than
 * its sources (about half a minute with Vite).
 */
export function ensureBuiltConsole(): void {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:web'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(index)) throw new Error(`building the console failed (npm run build:web exited ${String(r.status)})`);
}

export interface ConsoleNode {
  demo: DemoNode;
  api: ApiServer;
  url: string;
  password(username: string): string;
  close(): Promise<void>;
}

export async function startConsoleNode(opts: { days: number; perDay: number; seed?: number }): Promise<ConsoleNode> {
  ensureBuiltConsole();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-console-'));
  const previous = process.env.TANDEM_LOG_LEVEL;
  process.env.TANDEM_LOG_LEVEL = 'silent';
  const demo = await startDemoNode({ dataDir, seed: opts.seed ?? 2028, days: opts.days, perDay: opts.perDay });
  if (previous === undefined) delete process.env.TANDEM_LOG_LEVEL;
  else process.env.TANDEM_LOG_LEVEL = previous;
  const api = await buildApi(demo.node, { logLevel: 'silent', webRoot: WEB_DIST });
  const url = await api.listen({ port: 0, host: '127.0.0.1' });
  return {
    demo,
    api,
    url,
    password(username) {
      const c = demo.credentials.find((x) => x.username === username);
      if (!c) throw new Error(`the demo has no user ${username}`);
      return c.password;
    },
    async close() {
      await api.close();
      await demo.workers.stop();
      await demo.node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browsing {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh profile directory of its own (playwright's persistent context). */
export async function openBrowser(viewport = { width: 1440, height: 900 }): Promise<Browsing> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'tandem-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, viewport, locale: 'en-GB' });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export async function login(page: Page, node: ConsoleNode, username: string): Promise<void> {
  await page.goto(node.url + '/');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', node.password(username));
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
}

export async function logout(page: Page): Promise<void> {
  await page.click('[data-testid=logout]');
  await page.waitForSelector('input[name=username]');
}

/** The node's own OpenAPI document: which console screens have their back end on this node. */
export async function servedPaths(node: ConsoleNode): Promise<Set<string>> {
  const doc: unknown = await (await fetch(node.url + '/api/openapi.json')).json();
  if (typeof doc !== 'object' || doc === null || !('paths' in doc) || typeof doc.paths !== 'object' || doc.paths === null) return new Set();
  return new Set(Object.keys(doc.paths));
}
