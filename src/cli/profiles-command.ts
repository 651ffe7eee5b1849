// `tandem profiles …`: import/export YAML, list, show, validate, backtest, approve, activate,
// retire and hit statistics of risk profiles on a node.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor, type Actor } from '../platform/index.js';
import { parseProfilesYaml, PROFILE_STATUSES, type BacktestReport, type ProfileService, type ProfileStatus } from '../profiles/index.js';
import { openNode } from '../app/node.js';
import { action, configFrom, fail, withDataDir } from './cli-support.js';

/** What the profile commands need from a node; the composition root may supply its own. */
export interface ProfilesCommandNode {
  service: ProfileService;
  /** The named user, or the node itself (system actor) when no user is given. */
  actorFor(username: string | undefined, purpose: string): Promise<Actor>;
  close(): Promise<void>;
}

export type OpenProfilesNode = (opts: { dataDir?: string }) => Promise<ProfilesCommandNode>;

/** Default: the node opened by the composition root, with its wired profile service (backtests see targeting's inspections). */
export const openProfilesNode: OpenProfilesNode = async (opts) => {
  const node = await openNode(configFrom(opts));
  return {
    service: node.profiles,
    actorFor: async (username, purpose) => {
      if (username === undefined) return systemActor(node.info.agency, purpose);
      const user = await node.access.findUser(username);
      if (!user) fail(`no user ${username} on this node (see \`tandem user add\`)`, 2);
      return { kind: 'user', id: user.id, username: user.username, roles: user.roles, agency: user.agency };
    },
    close: () => node.close(),
  };
};

function requireUser(username: string | undefined, what: string): string {
  if (!username) fail(`${what} needs --as USER: approvals and activations are made by a named supervisor`, 2);
  return username;
}

function parseStatus(s: string | undefined): ProfileStatus | undefined {
  if (s === undefined) return undefined;
  const found = PROFILE_STATUSES.find((x) => x === s);
  if (!found) fail(`unknown status ${s}; use ${PROFILE_STATUSES.join(', ')}`, 2);
  return found;
}

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive whole number`, 2);
  return n;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);

function printBacktest(r: BacktestReport): void {
  const out = [
    `backtest of ${r.profileId} v${r.version} over ${r.days} days (${r.from.slice(0, 10)} → ${r.to.slice(0, 10)})`,
    `  filings scanned   ${r.filingsScanned}`,
    `  would have hit    ${r.hits} (${pct(r.hitRate)})`,
    `  of which inspected ${r.inspected}, with findings ${r.findings}: finding rate ${pct(r.findingRate)}`,
    `  all filings       inspected ${r.baseline.inspected}, with findings ${r.baseline.findings}: finding rate ${pct(r.baseline.findingRate)}`,
  ];
  if (r.runtimeErrors > 0) out.push(`  runtime errors    ${r.runtimeErrors}`);
  for (const s of r.samples.slice(0, 10)) out.push(`  hit ${s.reference} ${s.receivedAt.slice(0, 16)}${s.inspected ? (s.finding ? ' [finding]' : ' [inspected]') : ''}: ${s.reason}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export function registerProfilesCommand(program: Command, open: OpenProfilesNode = openProfilesNode): void {
  const profiles = program.command('profiles').description('risk profiles: import, export, list, backtest, approve, activate');
  const withService = async <T>(opts: { dataDir?: string }, fn: (s: ProfileService, node: ProfilesCommandNode) => Promise<T>): Promise<T> => {
    const node = await open(opts);
    try {
      return await fn(node.service, node);
    } finally {
      await node.close();
    }
  };

  withDataDir(profiles.command('import <file>'))
    .description('import profiles from YAML; each enters as a draft (a new version if the id exists and differs)')
    .option('--as <user>', 'the author (default: the node itself)')
    .action(
      action(async (file: string, opts: { dataDir?: string; as?: string }) => {
        if (!existsSync(file)) fail(`cannot read ${file}: no such file`, 2);
        const text = readFileSync(file, 'utf8');
        await withService(opts, async (s, node) => {
          const r = await s.importYaml(await node.actorFor(opts.as, 'cli-profiles'), text);
          process.stdout.write(`created ${r.created.length}, updated ${r.updated.length}, unchanged ${r.unchanged.length}\n`);
          for (const id of [...r.created, ...r.updated]) process.stdout.write(`  draft ${id}\n`);
        });
      }),
    );

  withDataDir(profiles.command('export'))
    .description('export profiles as YAML (stdout or --out)')
    .option('--out <file>', 'write to this file')
    .option('--active', 'only the versions in force (default: each profile\'s latest version)')
    .action(
      action(async (opts: { dataDir?: string; out?: string; active?: boolean }) => {
        await withService(opts, async (s, node) => {
          const yaml = await s.exportYaml(await node.actorFor(undefined, 'cli-profiles'), opts.active ? 'active' : 'latest');
          if (opts.out) writeFileSync(opts.out, yaml);
          else process.stdout.write(yaml);
        });
      }),
    );

  withDataDir(profiles.command('list'))
    .description('list profiles with their latest version, status and runtime-error flag')
    .option('--status <status>', 'only versions in this status (draft, approved, active, retired)')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { dataDir?: string; status?: string; json?: boolean }) => {
        const status = parseStatus(opts.status);
        await withService(opts, async (s, node) => {
          const items = await s.list(await node.actorFor(undefined, 'cli-profiles'), status ? { status } : {});
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
            return;
          }
          for (const p of items) {
            const active = p.activeVersion === null ? '-' : `v${p.activeVersion}`;
            const flag = p.runtimeErrors > 0 ? ` !${p.runtimeErrors} runtime errors` : '';
            process.stdout.write(`${p.id.padEnd(40)} v${p.latestVersion} ${p.latestStatus.padEnd(8)} active ${active.padEnd(4)} ${p.threat.padEnd(18)} ${p.name}${flag}\n`);
          }
          if (items.length === 0) process.stdout.write('no profiles\n');
        });
      }),
    );

  withDataDir(profiles.command('show <id>'))
    .description('print a profile with all its versions (JSON)')
    .action(
      action(async (id: string, opts: { dataDir?: string }) => {
        await withService(opts, async (s, node) => {
          process.stdout.write(`${JSON.stringify(await s.get(await node.actorFor(undefined, 'cli-profiles'), id), null, 2)}\n`);
        });
      }),
    );

  profiles
    .command('validate <file>')
    .description('check a YAML profile file without a node: syntax and type errors with line and column')
    .action(
      action(async (file: string) => {
        if (!existsSync(file)) fail(`cannot read ${file}: no such file`, 2);
        // parseProfilesYaml validates every profile and throws listing all problems with positions
        const entries = parseProfilesYaml(readFileSync(file, 'utf8'));
        process.stdout.write(`${entries.length} profile(s) valid\n`);
      }),
    );

  withDataDir(profiles.command('backtest <id>'))
    .description('replay the filings of the last N days through a profile version (default: the latest)')
    .option('--days <n>', 'window in days', '90')
    .option('--version <n>', 'profile version')
    .option('--as <user>', 'run as this user')
    .option('--json', 'print the report as JSON')
    .action(
      action(async (id: string, opts: { dataDir?: string; days: string; version?: string; as?: string; json?: boolean }) => {
        const days = positiveInt('--days', opts.days) ?? 90;
        const version = positiveInt('--version', opts.version);
        await withService(opts, async (s, node) => {
          const r = await s.backtest(await node.actorFor(opts.as, 'cli-backtest'), id, { days, ...(version ? { version } : {}) });
          if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          else printBacktest(r);
        });
      }),
    );

  for (const verb of ['approve', 'activate', 'retire'] as const) {
    withDataDir(profiles.command(`${verb} <id>`))
      .description(`${verb} a profile version (default: the latest draft / approved / active one) as a supervisor`)
      .option('--as <user>', 'the supervisor (required)')
      .option('--version <n>', 'profile version')
      .action(
        action(async (id: string, opts: { dataDir?: string; as?: string; version?: string }) => {
          const username = requireUser(opts.as, verb);
          const version = positiveInt('--version', opts.version);
          await withService(opts, async (s, node) => {
            const actor = await node.actorFor(username, 'cli-profiles');
            const view = await s[verb](actor, id, version);
            const v = view.versions.map((x) => `v${x.version} ${x.status}`).join(', ');
            process.stdout.write(`${id}: ${v}\n`);
          });
        }),
      );
  }

  withDataDir(profiles.command('stats <id>'))
    .description('hit statistics of a profile: selected, inspected, findings, finding rate, per week')
    .action(
      action(async (id: string, opts: { dataDir?: string }) => {
        await withService(opts, async (s, node) => {
          const st = await s.stats(await node.actorFor(undefined, 'cli-profiles'), id);
          process.stdout.write(`${id}: selected ${st.selected}, inspected ${st.inspected}, findings ${st.findings}, finding rate ${pct(st.findingRate)}\n`);
          for (const w of st.perWeek) process.stdout.write(`  ${w.week}: selected ${w.selected}, inspected ${w.inspected}, findings ${w.findings}\n`);
        });
      }),
    );
}
