// Stages of the demo around the traffic load. Before: the watchlist sample and the starter
// risk profiles (imported by an analyst, approved and activated by the supervisor: the real
// separation of duties). After the history is loaded: targeters order inspections on the top
// referrals and inspectors record what they found, so profile hit rates and model labels exist.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../platform/index.js';
import { demoWatchlistSample } from '../../screening/index.js';
import type { TandemNode } from '../node.js';
import type { GeneratedFiling, PlantedCase } from './traffic-generator.js';

export function starterProfilesPath(): string {
  // dist/app/demo → dist/profiles (copied by the build) and src/app/demo → src/profiles
  return fileURLToPath(new URL('../../profiles/starter-profiles.yaml', import.meta.url));
}

export async function demoActor(node: TandemNode, username: string): Promise<Actor> {
  const u = await node.access.findUser(username);
  if (!u) throw new Error(`demo user ${username} is missing`);
  return { kind: 'user', id: u.id, username: u.username, roles: u.roles, agency: u.agency };
}

export async function prepareDemo(node: TandemNode, log: (line: string) => void): Promise<void> {
  const sample = demoWatchlistSample();
  if (node.screening.status().entries === 0) {
    await node.screening.importList(node.system, sample, 'demo sample of the OFAC SDN list');
    log(`demo: watchlist loaded (${sample.entries.length} OFAC entries, demo sample)`);
  }
  const analyst = await demoActor(node, 'analyst');
  const supervisor = await demoActor(node, 'supervisor');
  const imported = await node.profiles.importYaml(analyst, readFileSync(starterProfilesPath(), 'utf8'));
  let activated = 0;
  for (const id of imported.created) {
    await node.profiles.approve(supervisor, id);
    await node.profiles.activate(supervisor, id);
    activated++;
  }
  log(`demo: ${activated} starter risk profiles approved and activated`);
}

const FINDINGS: Record<PlantedCase, { category: string; description: string }> = {
  precursor: { category: 'narcotics_precursor', description: 'fentanyl precursor (4-AP family) found; field test positive' },
  arms_parts: { category: 'firearm_parts', description: 'unfinished receivers and slides declared as machine parts' },
  undervalued_apparel: { category: 'undervaluation', description: 'invoice value one twentieth of the market price' },
  forced_labour_cotton: { category: 'forced_labour', description: 'yarn traced to a Xinjiang mill; detention under the forced-labour rules' },
  sanctioned_consignee: { category: 'sanctions', description: 'consignee confirmed as the listed entity; goods detained' },
};

/** Works the queue as targeters and inspectors would, with ground truth from the generator. */
export async function workDemoQueue(node: TandemNode, traffic: GeneratedFiling[], maxInspections: number, log: (line: string) => void): Promise<void> {
  const targeter = await demoActor(node, 'targeter');
  const inspector = await demoActor(node, 'inspector');
  const truth = new Map<string, PlantedCase | null>();
  for (const t of traffic) truth.set(`${t.filing.filer.id}\u0000${t.filing.reference}`, t.planted);
  const queue = await node.targeting.listQueue(targeter, { limit: 1000 });
  let ordered = 0;
  let found = 0;
  for (const r of queue) {
    if (ordered >= maxInspections) break;
    if (r.status !== 'open' && r.status !== 'inspection_ordered') continue;
    try {
      if (r.status === 'open') await node.targeting.act(targeter, r.id, { action: 'order_inspection', inspectionType: 'physical', reason: 'demo: top of the queue' });
      ordered++;
    } catch {
      continue; // capacity of that office and day used up
    }
  }
  const inspections = await node.targeting.listInspections(inspector, { status: 'ordered', limit: 5000 });
  for (const insp of inspections) {
    const filing = await node.filings.get(inspector, insp.filingId);
    const planted = truth.get(`${filing.filerId}\u0000${filing.reference}`) ?? null;
    if (planted) {
      found++;
      await node.targeting.recordResult(inspector, insp.id, { result: 'finding', findings: [{ ...FINDINGS[planted], seizureReference: `SZ-${insp.id.slice(-6)}` }] });
    } else {
      await node.targeting.recordResult(inspector, insp.id, { result: 'no_finding', notes: 'demo: nothing found' });
    }
  }
  await node.bus.drain();
  log(`demo: ${inspections.length} past inspections recorded, ${found} with findings`);
}
