// `tandem exchange …`: the node's signing keys, agreements, outbox, inbox, releases, a
// delivery pass, the retention job and the STIX 2.1 export.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor, type Actor } from '../platform/index.js';
import {
  agreementFileSchema,
  initNodeIdentity,
  loadNodeIdentity,
  rotateNodeKey,
  toStixBundle,
  ITEM_KINDS,
  type ExchangeNode,
  type ItemKind,
} from '../exchange/index.js';
import type { TandemNode } from '../app/node.js';
import { action, withDataDir, withNode, configFrom } from './cli-support.js';
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
