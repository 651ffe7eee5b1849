import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildApi } from '../app/api.js';
import { startDemoNode } from '../app/demo/run-demo.js';
import { generateTraffic } from '../app/demo/traffic-generator.js';
import { action, parsePort, withDataDir } from './cli-support.js';

export function registerDemoCommands(program: Command): void {
  withDataDir(program.command('demo'))
    .description('initialise a node with realistic France–US demo traffic, start it and print the URL and credentials')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <n>', 'seed of the generated traffic', '2028')
    .option('--days <n>', 'days of traffic history', '30')
    .option('--per-day <n>', 'filings per day', '150')
    .option('--node-id <id>', 'node identifier', 'FR-DGDDI')
    .option('--agency <name>', 'agency of the node', 'DGDDI')
    .option('--no-serve', 'load the demo data and exit')
    .action(
      action(async (opts: { dataDir?: string; port: string; host: string; seed: string; days: string; perDay: string; nodeId: string; agency: string; serve: boolean }) => {
        const demo = await startDemoNode({
          ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
          seed: Number(opts.seed),
          days: Number(opts.days),
          perDay: Number(opts.perDay),
          nodeId: opts.nodeId,
          agency: opts.agency,
          log: (l) => console.log(l),
        });
        if (!opts.serve) {
          await demo.workers.stop();
          await demo.node.close();
          printCredentials(demo.credentials);
          return;
        }
        const app = await buildApi(demo.node);
        const address = await app.listen({ port: parsePort(opts.port), host: opts.host });
        console.log('');
        console.log(`Tandem demo node ${demo.node.info.nodeId} is running: ${address}/`);
        console.log(`API description: ${address}/api/docs`);
        printCredentials(demo.credentials);
        const stop = async () => {
          await app.close();
          await demo.workers.stop();
          await demo.node.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      }),
    );

  program
    .command('generate')
    .description('write generated demo traffic as NDJSON (for benchmarks and trials)')
    .requiredOption('--out <file>', 'output NDJSON file')
    .option('--seed <n>', 'seed', '2028')
    .option('--days <n>', 'days', '30')
    .option('--per-day <n>', 'filings per day', '1000')
    .option('--base-date <date>', 'last day of traffic (YYYY-MM-DD)', '2026-11-26')
    .action(
      action(async (opts: { out: string; seed: string; days: string; perDay: string; baseDate: string }) => {
        const traffic = generateTraffic({ seed: Number(opts.seed), days: Number(opts.days), perDay: Number(opts.perDay), baseDate: opts.baseDate });
        writeFileSync(opts.out, traffic.map((t) => JSON.stringify(t.filing)).join('\n') + '\n');
        const items = traffic.reduce((s, t) => s + t.filing.goods.length, 0);
        console.log(`wrote ${traffic.length} filings (${items} goods items) to ${opts.out}`);
      }),
    );
}

function printCredentials(creds: { username: string; role: string; password: string }[]): void {
  console.log('Demo users (passwords are generated for this run):');
  for (const c of creds) console.log(`  ${c.role.padEnd(10)} ${c.username.padEnd(11)} ${c.password}`);
}
