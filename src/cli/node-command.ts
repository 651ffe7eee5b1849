import type { Command } from 'commander';
import { initNode } from '../app/init-node.js';
import { openNode } from '../app/node.js';
import { buildApi } from '../app/api.js';
import { startWorkers } from '../app/workers.js';
import { action, configFrom, parsePort, withDataDir } from './cli-support.js';

export function registerNodeCommands(program: Command): void {
  withDataDir(program.command('init'))
    .description('create the data directory, the database and an administrator (prints its one-time password)')
    .option('--node-id <id>', 'node identifier, e.g. FR-DGDDI or US-CBP', 'FR-DGDDI')
    .option('--agency <name>', 'the agency this node belongs to', 'DGDDI')
    .option('--admin <username>', 'user name of the first administrator', 'admin')
    .action(
      action(async (opts: { dataDir?: string; nodeId: string; agency: string; admin: string }) => {
        const config = configFrom(opts);
        const { node, created, admin } = await initNode(config, { nodeId: opts.nodeId, agency: opts.agency, adminUsername: opts.admin });
        await node.close();
        console.log(`${created ? 'created' : 'found'} node ${node.info.nodeId} (${node.info.agency}) in ${config.dataDir}`);
        if (admin) {
          console.log(`administrator: ${admin.username}`);
          console.log(`one-time password: ${admin.password}`);
          console.log('(shown once; store it now)');
        }
      }),
    );

  withDataDir(program.command('serve'))
    .description('start the node: HTTP API, console and background workers')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .action(
      action(async (opts: { dataDir?: string; port: string; host: string }) => {
        const node = await openNode(configFrom(opts));
        const workers = await startWorkers(node);
        const app = await buildApi(node);
        const address = await app.listen({ port: parsePort(opts.port), host: opts.host });
        console.log(`Tandem node ${node.info.nodeId} listening on ${address}`);
        const stop = async () => {
          await app.close();
          await workers.stop();
          await node.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      }),
    );
}
