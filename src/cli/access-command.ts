import type { Command } from 'commander';
import { ROLES, type Role } from '../platform/index.js';
import { verifyAuditLog } from '../access/index.js';
import { action, fail, withDataDir, withNode } from './cli-support.js';

function parseRoles(v: string): Role[] {
  const out: Role[] = [];
  for (const r of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const role = ROLES.find((x) => x === r);
    if (!role) fail(`unknown role ${r}; roles are ${ROLES.join(', ')}`, 2);
    out.push(role);
  }
  if (out.length === 0) fail('give at least one role', 2);
  return out;
}

export function registerAccessCommands(program: Command): void {
  const user = program.command('user').description('manage node users');
  withDataDir(user.command('add <username>'))
    .description('create a user; prints a generated one-time password')
    .requiredOption('--roles <list>', `comma-separated roles: ${ROLES.join(', ')}`)
    .option('--name <display>', 'display name')
    .action(
      action(async (username: string, opts: { dataDir?: string; roles: string; name?: string }) => {
        await withNode(opts, async (node) => {
          const { user: u, password } = await node.access.createUser(node.system, { username, roles: parseRoles(opts.roles), ...(opts.name ? { displayName: opts.name } : {}) });
          console.log(`created user ${u.username} (${u.roles.join(', ')}) in ${u.agency}`);
          console.log(`one-time password: ${password}`);
        });
      }),
    );

  const token = program.command('token').description('manage API tokens for machine feeds');
  withDataDir(token.command('create <name>'))
    .description('create a long-lived API token (stored hashed; shown once)')
    .option('--roles <list>', 'roles of the token', 'targeter')
    .option('--days <n>', 'expiry in days (default: no expiry)')
    .action(
      action(async (name: string, opts: { dataDir?: string; roles: string; days?: string }) => {
        await withNode(opts, async (node) => {
          const res = await node.access.createApiToken(node.system, { name, roles: parseRoles(opts.roles), ...(opts.days ? { expiresInDays: Number(opts.days) } : {}) });
          console.log(`token ${res.id} for ${name}:`);
          console.log(res.token);
        });
      }),
    );

  const audit = program.command('audit').description('the hash-chained audit log');
  withDataDir(audit.command('verify'))
    .description('verify the audit chain; exits 3 if any entry was edited or deleted')
    .action(
      action(async (opts: { dataDir?: string }) => {
        await withNode(opts, async (node) => {
          const res = await verifyAuditLog(node.storage.db);
          if (res.ok) {
            console.log(`audit log intact: ${res.entries} entries`);
            return;
          }
          console.log(`audit log BROKEN: ${res.problems.length} problem(s) in ${res.entries} entries`);
          for (const p of res.problems) console.log(`  entry ${p.seq}: ${p.problem}`);
          process.exitCode = 3;
        });
      }),
    );
}
