// `tandem partner add|list|suspend|activate|update-key`: the partner nodes this node exchanges
// with. Public keys are exchanged out of band (a JWKS file from `tandem exchange keys show`
// on the partner's side, or its /api/v1/exchange/jwks answer checked by telephone).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { jwksSchema, publicJwkSchema, type Jwks } from '../exchange/index.js';
import { action, withDataDir } from './cli-support.js';
import { withExchange } from './exchange-command.js';

const keyFileSchema = z.union([
  jwksSchema,
  z.object({ nodeId: z.string(), keys: jwksSchema.shape.keys }).transform(({ keys }) => ({ keys })),
  publicJwkSchema.transform((k) => ({ keys: [k] })),
]);

export function readKeyFile(file: string): Jwks {
  return keyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function registerPartnerCommand(program: Command): void {
  const partner = program.command('partner').description('partner nodes: registration, keys, suspension');

  withDataDir(partner.command('add'))
    .description('register a partner node with its base URL and public keys')
    .requiredOption('--id <nodeId>', 'partner node id, e.g. US-CBP')
    .requiredOption('--url <url>', "partner node's base URL (https in production)")
    .requiredOption('--key <file>', "partner's public keys (JWKS JSON)")
    .option('--name <name>', 'display name')
    .action(
      action(async (opts: { dataDir?: string; id: string; url: string; key: string; name?: string }) => {
        await withExchange(opts, async ({ exchange, actor }) => {
          const p = await exchange.service.addPartner(actor, { id: opts.id, baseUrl: opts.url, jwks: readKeyFile(opts.key), ...(opts.name ? { name: opts.name } : {}) });
          console.log(`partner ${p.id} added (${p.baseUrl}), keys: ${p.jwks.keys.map((k) => k.kid).join(', ')}`);
        });
      }),
    );

  withDataDir(partner.command('update-key'))
    .description("replace a partner's public keys (after a rotation on their side)")
    .argument('<id>', 'partner node id')
    .requiredOption('--key <file>', "partner's public keys (JWKS JSON)")
    .action(
      action(async (id: string, opts: { dataDir?: string; key: string }) => {
        await withExchange(opts, async ({ exchange, actor }) => {
          const p = await exchange.service.updatePartner(actor, id, { jwks: readKeyFile(opts.key) });
          console.log(`partner ${p.id} keys: ${p.jwks.keys.map((k) => k.kid).join(', ')}`);
        });
      }),
    );

  withDataDir(partner.command('list'))
    .description('list partner nodes')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { dataDir?: string; json?: boolean }) => {
        await withExchange(opts, async ({ exchange, actor }) => {
          const list = await exchange.service.listPartners(actor);
          if (opts.json) return console.log(JSON.stringify(list, null, 2));
          if (list.length === 0) return console.log('no partners');
          for (const p of list) console.log(`${p.id.padEnd(14)} ${p.status.padEnd(9)} ${p.baseUrl}  keys: ${p.jwks.keys.length}`);
        });
      }),
    );

  for (const [name, status] of [['suspend', 'suspended'], ['activate', 'active']] as const) {
    withDataDir(partner.command(name))
      .description(status === 'suspended' ? 'stop sending anything to a partner (and refuse what it sends)' : 'resume exchange with a partner')
      .argument('<id>', 'partner node id')
      .action(
        action(async (id: string, opts: { dataDir?: string }) => {
          await withExchange(opts, async ({ exchange, actor }) => {
            const p = await exchange.service.setPartnerStatus(actor, id, status);
            console.log(`partner ${p.id} is ${p.status}`);
          });
        }),
      );
  }
}
