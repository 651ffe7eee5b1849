// `tandem demo`: a working node with realistic traffic in one command. Initialises the data
// directory, creates one user per role, loads the generated France–US traffic through the same
// ingest path as production feeds, lets the pipeline assess it, and returns the credentials.
import { loadConfig, systemActor, type Role } from '../../platform/index.js';
import { initNode } from '../init-node.js';
import { startWorkers, type Workers } from '../workers.js';
import type { TandemNode } from '../node.js';
import { generateTraffic, type GeneratedFiling } from './traffic-generator.js';
import { demoActor, prepareDemo, workDemoQueue } from './demo-stages.js';
import { trainChampionFromResults } from '../model-wiring.js';

export interface DemoOptions {
  dataDir?: string;
  seed: number;
  days: number;
  perDay: number;
  baseDate?: string;
  nodeId?: string;
  agency?: string;
  log?: (line: string) => void;
}

export interface DemoNode {
  node: TandemNode;
  workers: Workers;
  credentials: { username: string; role: Role; password: string }[];
  traffic: GeneratedFiling[];
}

export const DEMO_USERS: readonly { username: string; role: Role; name: string }[] = [
  { username: 'targeter', role: 'targeter', name: 'Camille Targeter (SARC)' },
  { username: 'analyst', role: 'analyst', name: 'Alex Analyst (DNRED)' },
  { username: 'inspector', role: 'inspector', name: 'Inès Inspector (Le Havre)' },
  { username: 'supervisor', role: 'supervisor', name: 'Sam Supervisor' },
  { username: 'liaison', role: 'liaison', name: 'Léa Liaison' },
  { username: 'dpo', role: 'dpo', name: 'Dominique DPO' },
];

export async function startDemoNode(opts: DemoOptions): Promise<DemoNode> {
  const log = opts.log ?? (() => {});
  const config = loadConfig(opts.dataDir ? { dataDir: opts.dataDir } : {});
  const { node, admin } = await initNode(config, { nodeId: opts.nodeId ?? 'FR-DGDDI', agency: opts.agency ?? 'DGDDI' });
  const credentials: DemoNode['credentials'] = [];
  if (admin) credentials.push({ username: admin.username, role: 'admin', password: admin.password });
  for (const u of DEMO_USERS) {
    const existing = await node.access.findUser(u.username);
    const password = existing
      ? await node.access.resetPassword(node.system, u.username)
      : (await node.access.createUser(node.system, { username: u.username, displayName: u.name, roles: [u.role] })).password;
    credentials.push({ username: u.username, role: u.role, password });
  }
  await prepareDemo(node, log);
  const workers = await startWorkers(node);
  const baseDate = opts.baseDate ?? node.clock.now().toISOString().slice(0, 10);
  const traffic = generateTraffic({ seed: opts.seed, baseDate, days: opts.days, perDay: opts.perDay });
  const feed = systemActor(node.info.agency, 'demo-feed');
  // History first (worked by targeters and inspectors), then the last two days, which stay open.
  const cut = new Date(Date.parse(`${baseDate}T00:00:00Z`) - 86_400_000).toISOString();
  const history = traffic.filter((t) => (t.filing.lodgedAt ?? '') < cut);
  const recent = traffic.filter((t) => (t.filing.lodgedAt ?? '') >= cut);
  const load = async (part: GeneratedFiling[]) => {
    let accepted = 0;
    for (let i = 0; i < part.length; i += 1000) {
      const batch = part.slice(i, i + 1000).map((t, j) => ({ index: i + j, value: t.filing }));
      const res = await node.ingest.ingest(feed, batch);
      accepted += res.accepted;
      if (res.rejected > 0) log(`demo: ${res.rejected} generated filings were rejected: ${JSON.stringify(res.errors[0])}`);
    }
    await node.bus.drain();
    return accepted;
  };
  // A higher random-control rate on the history gives the demo's model unbiased labels to learn from.
  const supervisor = await demoActor(node, 'supervisor');
  await node.targeting.setRandomControlRate(supervisor, 0.08);
  log(`demo: ${await load(history)} filings of history loaded and assessed`);
  await workDemoQueue(node, traffic, Math.max(60, Math.round(history.length / 8)), log);
  try {
    const trained = await trainChampionFromResults(await demoActor(node, 'analyst'), {
      registry: node.modelRegistry,
      holder: node.model,
      filings: node.filings,
      outcomes: (since) => node.targeting.listLabelledOutcomes(since),
    });
    log(`demo: risk model ${trained.modelId} trained on ${trained.rows} inspection results (${trained.positives} findings) and made champion`);
  } catch (err) {
    log(`demo: no model trained (${err instanceof Error ? err.message : String(err)})`);
  }
  await node.targeting.setRandomControlRate(supervisor, 0.01);
  log(`demo: ${await load(recent)} recent filings loaded and assessed (${traffic.filter((t) => t.planted).length} planted cases in all)`);
  return { node, workers, credentials, traffic };
}
