// `tandem exchange …`: the node's signing keys, agreements, outbox, inbox, releases, a
// delivery pass, the retention job and the STIX 2.1 export.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { isAppError, systemActor, type Actor } from '../platform/index.js';
import {
  agreementFileSchema,
  initNodeIdentity,
  loadNodeIdentity,
  rotateNodeKey,
  toStixBundle,
  ITEM_KINDS,
  type AgreementInput,
  type ExchangeNode,
  type ItemKind,
} from '../exchange/index.js';
import type { TandemNode } from '../app/node.js';
import { action, withDataDir, withNode, configFrom, parsePort } from './cli-support.js';
import { buildApi } from '../app/api.js';
import { startDemoNode, type DemoNode } from '../app/demo/run-demo.js';
import { readNodeInfo } from '../app/node-info.js';

export interface ExchangeCli {
  node: TandemNode;
  exchange: ExchangeNode;
  actor: Actor;
}

/** Runs a command against the node's exchange context, as the node's operator (the audit names the CLI). */
export async function withExchange<T>(opts: { dataDir?: string }, fn: (ctx: ExchangeCli) => Promise<T>): Promise<T> {
  return withNode(opts, async (node) => fn({ node, exchange: node.exchange, actor: systemActor(node.info.agency, 'cli') }));
}

const OUTBOX_STATUSES = ['awaiting_release', 'queued', 'delivered', 'rejected', 'refused'] as const;
const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));

export function registerExchangeCommand(program: Command): void {
  const exchange = program.command('exchange').description('bilateral exchange: keys, agreements, outbox, inbox, releases, STIX export');

  // region keys
  const keys = exchange.command('keys').description("this node's Ed25519 signing keys");
  withDataDir(keys.command('init'))
    .description('create the signing key (done by `tandem init`; safe to run again)')
    .action(
      action(async (opts: { dataDir?: string }) => {
        const config = configFrom(opts);
        const info = readNodeInfo(config.dataDir);
        if (!info) throw new Error(`no Tandem node in ${config.dataDir}; run \`tandem init\` first`);
        const { identity, created } = initNodeIdentity({ dataDir: config.dataDir, nodeId: info.nodeId });
        console.log(`${created ? 'created' : 'found'} signing key ${identity.currentKid}`);
      }),
    );
  withDataDir(keys.command('rotate'))
    .description('make a new key current; old public keys stay published for verifying old items')
    .action(
      action(async (opts: { dataDir?: string }) => {
        const identity = rotateNodeKey(configFrom(opts).dataDir);
        console.log(`current key is now ${identity.currentKid}; give partners the new JWKS (tandem exchange keys show)`);
      }),
    );
  withDataDir(keys.command('show'))
    .description('print the public JWKS to hand to partners (no private material)')
    .action(
      action(async (opts: { dataDir?: string }) => {
        const identity = loadNodeIdentity(configFrom(opts).dataDir);
        print({ nodeId: identity.nodeId, ...identity.publicJwks() });
      }),
    );
  // endregion

  // region agreements
  const agreement = exchange.command('agreement').description('data-sharing agreements, per partner and direction');
  withDataDir(agreement.command('set'))
    .description('set agreements from a JSON file (one agreement or an array, e.g. both directions)')
    .argument('<file>')
    .action(
      action(async (file: string, opts: { dataDir?: string }) => {
        const parsed = agreementFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
        await withExchange(opts, async ({ exchange: x, actor }) => {
          for (const a of Array.isArray(parsed) ? parsed : [parsed]) {
            await x.service.setAgreement(actor, a);
            console.log(`agreement ${a.partner}/${a.direction} set: kinds ${Object.keys(a.kinds).join(', ')}`);
          }
        });
      }),
    );
  withDataDir(agreement.command('show'))
    .description('print the agreements')
    .option('--partner <id>')
    .action(
      action(async (opts: { dataDir?: string; partner?: string }) => {
        await withExchange(opts, async ({ exchange: x, actor }) => print(await x.service.listAgreements(actor, opts.partner)));
      }),
    );
  // endregion

  // region outbox, inbox, release
  withDataDir(exchange.command('outbox'))
    .description('items bound for partners and their status (awaiting_release, queued, delivered, rejected with the reason)')
    .option('--partner <id>')
    .option('--status <status>')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { dataDir?: string; partner?: string; status?: string; json?: boolean }) => {
        await withExchange(opts, async ({ exchange: x, actor }) => {
          const status = OUTBOX_STATUSES.find((s) => s === opts.status);
          const list = await x.service.listOutbox(actor, { ...(opts.partner ? { partner: opts.partner } : {}), ...(status === undefined ? {} : { status }) });
          if (opts.json) return print(list);
          for (const e of list) console.log(`${e.itemId}  ${e.partnerId}  ${e.kind.padEnd(19)} ${e.status.padEnd(16)} seq=${e.seq ?? '-'} ${e.rejectReason ?? e.lastError ?? ''}`);
          if (list.length === 0) console.log('outbox is empty');
        });
      }),
    );
  withDataDir(exchange.command('inbox'))
    .description('items received from partners (the read is audited)')
    .option('--partner <id>')
    .option('--kind <kind>')
    .action(
      action(async (opts: { dataDir?: string; partner?: string; kind?: string }) => {
        const kind: ItemKind | undefined = ITEM_KINDS.find((k) => k === opts.kind);
        await withExchange(opts, async ({ exchange: x, actor }) => print(await x.service.listInbox(actor, { ...(opts.partner ? { partner: opts.partner } : {}), ...(kind ? { kind } : {}) })));
      }),
    );
  withDataDir(exchange.command('release'))
    .description('release an item to its partner (liaison officer)')
    .argument('<itemId>')
    .action(
      action(async (itemId: string, opts: { dataDir?: string }) => {
        await withExchange(opts, async ({ exchange: x, actor }) => {
          const e = await x.service.release(actor, itemId);
          console.log(`released ${e.itemId} to ${e.partnerId} as sequence ${e.seq}`);
        });
      }),
    );
  withDataDir(exchange.command('deliver'))
    .description('run one delivery pass now (the server does this continuously)')
    .action(
      action(async (opts: { dataDir?: string }) => {
        await withExchange(opts, async ({ exchange: x }) => print(await x.worker.deliverDue()));
      }),
    );
  withDataDir(exchange.command('purge'))
    .description('run the retention job once: purge or anonymise partner items past their retention date')
    .action(
      action(async (opts: { dataDir?: string }) => {
        await withExchange(opts, async ({ exchange: x }) => print(await x.retention.runOnce()));
      }),
    );
  // endregion

  withDataDir(exchange.command('export'))
    .description('export exchanged intelligence (sent and received) as a STIX 2.1 bundle with TLP 2.0 markings')
    .option('--stix', 'STIX 2.1 (the only format for now)', true)
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      action(async (opts: { dataDir?: string; out?: string }) => {
        await withExchange(opts, async ({ exchange: x, actor, node }) => {
          const items = [...(await x.service.listOutboundItems(actor)), ...(await x.service.listInbox(actor, { limit: 1000 }))];
          const bundle = toStixBundle(items, { nodeId: node.info.nodeId, now: node.clock.now() });
          const text = `${JSON.stringify(bundle, null, 2)}\n`;
          if (opts.out) {
            writeFileSync(opts.out, text);
            console.error(`wrote ${bundle.objects.length} STIX objects to ${opts.out}`);
          } else process.stdout.write(text);
        });
      }),
    );
}

// region demo-pair
function demoAgreement(partner: string, direction: 'outbound' | 'inbound'): AgreementInput {
  return {
    partner,
    direction,
    legalBasis: 'EU–US Customs Cooperation and Mutual Assistance Agreement (1997), art. 9 (demo)',
    kinds: {
      lookout: { removeFields: ['subject.dateOfBirth'], maskFields: ['subject.passportNumber'] },
      risk_profile: {},
      targeting_request: {},
      inspection_result: {},
      seizure_report: {},
      hit_report: {},
      intelligence_report: {},
      rfa: {},
      rfa_answer: {},
    },
    defaultMarking: { tlp: 'AMBER', pap: 'GREEN' },
    maxMarking: { tlp: 'RED', pap: 'RED' },
    purposes: ['customs_enforcement', 'risk_analysis'],
    retentionDays: 180,
    autoRelease: ['result_answering_partner_request', 'hit_on_partner_item', 'answer_to_partner_rfa'],
  };
}

/** Registers `b` as a partner of `a` (or refreshes its URL and keys) with agreements both ways. */
async function pair(a: DemoNode, b: DemoNode, bUrl: string): Promise<void> {
  const x = a.node.exchange.service;
  const sys = systemActor(a.node.info.agency, 'demo-pair');
  const id = b.node.info.nodeId;
  const jwks = b.node.exchange.identity.publicJwks();
  try {
    await x.addPartner(sys, { id, baseUrl: bUrl, jwks });
  } catch (err) {
    if (!isAppError(err) || err.code !== 'PARTNER_EXISTS') throw err;
    await x.updatePartner(sys, id, { baseUrl: bUrl, jwks });
  }
  await x.setAgreement(sys, demoAgreement(id, 'outbound'));
  await x.setAgreement(sys, demoAgreement(id, 'inbound'));
}

export function registerDemoPairCommand(program: Command): void {
  program
    .command('demo-pair')
    .description('start a French and a US demo node on two ports, paired under an agreement, with a targeting request flowing between them')
    .option('--data-dir <dir>', 'parent folder of the two nodes (default: a new temporary folder)')
    .option('--port <n>', 'port of the French node; the US node takes the next one', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <n>', 'seed of the generated traffic', '2028')
    .option('--days <n>', 'days of traffic history per node', '7')
    .option('--per-day <n>', 'filings per day per node', '60')
    .action(
      action(async (opts: { dataDir?: string; port: string; host: string; seed: string; days: string; perDay: string }) => {
        const base = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tandem-pair-'));
        const port = parsePort(opts.port);
        const common = { seed: Number(opts.seed), days: Number(opts.days), perDay: Number(opts.perDay) };
        const fr = await startDemoNode({ ...common, dataDir: join(base, 'fr'), nodeId: 'FR-DGDDI', agency: 'DGDDI', log: (l) => console.log(`[FR] ${l}`) });
        const us = await startDemoNode({ ...common, seed: common.seed + 1, dataDir: join(base, 'us'), nodeId: 'US-CBP', agency: 'CBP', log: (l) => console.log(`[US] ${l}`) });
        const frApp = await buildApi(fr.node);
        const usApp = await buildApi(us.node);
        const frUrl = await frApp.listen({ port, host: opts.host });
        const usUrl = await usApp.listen({ port: port + 1, host: opts.host });
        await pair(fr, us, usUrl);
        await pair(us, fr, frUrl);

        // The US asks France to target a container bound for Le Havre; France shares a lookout.
        const leHavre = fr.traffic.map((t) => t.filing).find((f) => f.transport.dischargePlace === 'FRLEH' && (f.equipment?.length ?? 0) > 0);
        const container = leHavre?.equipment?.[0]?.containerNumber;
        const usSys = systemActor('CBP', 'demo-pair');
        const frSys = systemActor('DGDDI', 'demo-pair');
        if (leHavre && container) {
          const request = await us.node.exchange.service.share(usSys, {
            partner: 'FR-DGDDI',
            kind: 'targeting_request',
            payload: { containerNumber: container, dischargePlace: 'FRLEH', requestedAction: 'inspect', reason: 'shipper linked to a cocaine seizure in Newark', points: 90 },
          });
          await us.node.exchange.service.release(usSys, request.item.id);
          await us.node.exchange.worker.deliverDue();
          // The container arrives again in France: the assessment raises the US request.
          await fr.node.ingest.ingest(systemActor('DGDDI', 'demo-feed'), [{ index: 0, value: { ...leHavre, reference: `${leHavre.reference}-R2` } }]);
          await fr.node.bus.drain();
          await fr.node.exchange.worker.deliverDue();
          console.log(`US targeting request ${request.item.id} on container ${container} delivered to FR; its filing was re-lodged in Le Havre and assessed.`);
          console.log('Record the inspection result in the French console: the result goes back to the US request automatically.');
        }
        const lookout = await fr.node.exchange.service.share(frSys, {
          partner: 'US-CBP',
          kind: 'lookout',
          payload: { subject: { type: 'party', value: 'ORIENT STAR TRADING', dateOfBirth: '1970-01-01' }, reason: 'undervalued electronics, two seizures at Le Havre', points: 40 },
        });
        console.log(`FR lookout ${lookout.item.id} awaits release by a French liaison officer (outbox).`);

        console.log('');
        console.log(`French node FR-DGDDI: ${frUrl}/   US node US-CBP: ${usUrl}/   (data in ${base})`);
        for (const [name, demo] of [['FR', fr], ['US', us]] as const) {
          console.log(`${name} users:`);
          for (const c of demo.credentials) console.log(`  ${c.role.padEnd(10)} ${c.username.padEnd(11)} ${c.password}`);
        }
        const stop = async () => {
          await frApp.close();
          await usApp.close();
          await fr.workers.stop();
          await us.workers.stop();
          await fr.node.close();
          await us.node.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      }),
    );
}
// endregion
