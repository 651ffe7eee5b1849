// After tsc: copy the data files the code reads at run time (starter profiles, …) next to the
// compiled modules, and mark the CLI entry executable so `npx tandem` works after `npm ci`.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|json|geojson)$/.test(name) && !name.endsWith('.test.json')) out.push(p);
  }
  return out;
}
for (const file of walk(join(root, 'src'))) {
  const target = join(root, 'dist', relative(join(root, 'src'), file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
const entry = join(root, 'dist/cli/main.js');
if (existsSync(entry)) chmodSync(entry, 0o755);
