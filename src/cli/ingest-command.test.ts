// The ingest command end to end, as an operator runs it: real process, real files, and a
// process killed in the middle of a batch leaving no partial filing behind.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { generateTraffic } from '../app/demo/traffic-generator.js';

const root = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { encoding: 'utf8', env: { ...process.env, TANDEM_LOG_LEVEL: 'silent' } });

describe('tandem ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
  const dataDir = join(dir, 'node');
  before(() => {
    const init = cli(['init', '--data-dir', dataDir]);
    assert.equal(init.status, 0, init.stderr);
  });

  it('prints accepted and rejected counts and names rejected records', () => {
    const f = join(dir, 'small.ndjson');
    const good = generateTraffic({ seed: 1, baseDate: '2026-11-26', days: 1, perDay: 3 }).map((t) => JSON.stringify(t.filing));
    writeFileSync(f, `${good.join('\n')}\n{"kind":"sea_manifest"}\nnot json\n`);
    const res = cli(['ingest', f, '--format', 'ndjson', '--data-dir', dataDir]);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /accepted 3 .*rejected 2/);
    assert.match(res.stderr, /record 3: filer/);
    assert.match(res.stderr, /record 4: line 5: not valid JSON/);
  });

  it('exits non-zero when the input cannot be read', () => {
    const missing = cli(['ingest', join(dir, 'nope.ndjson'), '--format', 'ndjson', '--data-dir', dataDir]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /no such file/);
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'Declaration ID,Date\n1,2020-01-01\n');
    const noColumn = cli(['ingest', csv, '--format', 'csv', '--profile', 'kcs', '--data-dir', dataDir]);
    assert.notEqual(noColumn.status, 0);
    assert.match(noColumn.stderr, /lacks columns required by profile kcs: Office ID/);
  });

  it('leaves no partial filing when killed in the middle of a batch', async () => {
    const f = join(dir, 'big.ndjson');
    const traffic = generateTraffic({ seed: 7, baseDate: '2026-11-26', days: 5, perDay: 1000 });
    writeFileSync(f, traffic.map((t) => JSON.stringify(t.filing)).join('\n'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'ingest', f, '--format', 'ndjson', '--no-assess', '--data-dir', dataDir], { stdio: 'ignore' });
    const db = new SQLite(join(dataDir, 'tandem.db'), { readonly: true });
    const count = () => {
      const row: unknown = db.prepare('select count(*) as n from filing').get();
      return typeof row === 'object' && row !== null && 'n' in row && typeof row.n === 'number' ? row.n : 0;
    };
    const start = count();
    const deadline = Date.now() + 120_000;
    while (count() < start + 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const stored = count() - start;
    assert.ok(stored >= 1000 && stored < traffic.length, `killed after ${stored} filings`);
    // Every stored filing has all of its goods items and parties: nothing half stored.
    const partial = db
      .prepare('select count(*) as n from filing f where f.goods_count <> (select count(*) from goods_item g where g.filing_id = f.id)')
      .get();
    assert.deepEqual(partial, { n: 0 });
    db.close();
    const verify = cli(['audit', 'verify', '--data-dir', dataDir]);
    assert.equal(verify.status, 0, verify.stdout);
    // Re-running the same file stores the rest; what was already in counts as repeated.
    const again = cli(['ingest', f, '--format', 'ndjson', '--no-assess', '--data-dir', dataDir]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`accepted ${traffic.length} \\(amended 0, repeated ${stored}\\)`));
  });
});
