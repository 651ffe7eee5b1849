// Writes web/api/openapi.json: the node's own OpenAPI document (built in-process, or fetched
// from a running node with --from URL) plus the console's pending contract for the routes the
// node does not serve yet. Then run generate-client.ts to refresh the typed client.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { startTestNode } from '../../src/app/test-support/test-node.js';
import { pendingRoutes, type PendingRoute } from './pending-contract.js';

const documentSchema = z.looseObject({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

async function nodeDocument(from: string | undefined): Promise<z.infer<typeof documentSchema>> {
  if (from) return documentSchema.parse(await (await fetch(new URL('/api/openapi.json', from))).json());
  const t = await startTestNode();
  try {
    return documentSchema.parse(t.api.swagger());
  } finally {
    await t.close();
  }
}

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'openapi-3.0', io: 'input' });

function operation(r: PendingRoute): Record<string, unknown> {
  const parameters: unknown[] = [];
  for (const [where, obj] of [['path', r.params], ['query', r.query]] as const) {
    if (!obj) continue;
    for (const [name, schema] of Object.entries(obj.shape)) {
      parameters.push({ in: where, name, required: where === 'path' || !schema.safeParse(undefined).success, schema: toSchema(schema) });
    }
  }
  return {
    operationId: r.operationId,
    tags: [r.tag],
    'x-pending': true,
    ...(parameters.length ? { parameters } : {}),
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body) } } } } : {}),
    responses: { 200: { description: 'Default Response', content: { 'application/json': { schema: toSchema(r.response) } } } },
  };
}

const fromIdx = process.argv.indexOf('--from');
const doc = await nodeDocument(fromIdx > 0 ? process.argv[fromIdx + 1] : undefined);
const served = new Set(Object.keys(doc.paths));
const pending: string[] = [];
for (const r of pendingRoutes) {
  // A path the node serves is the node's: its methods are never mixed with pending ones.
  if (served.has(r.path)) continue;
  const item = doc.paths[r.path] ?? {};
  item[r.method] = operation(r);
  doc.paths[r.path] = item;
  pending.push(`${r.method.toUpperCase()} ${r.path}`);
}
const out = new URL('../api/openapi.json', import.meta.url);
writeFileSync(out, JSON.stringify(doc, null, 1) + '\n');
console.log(`wrote ${out.pathname}: ${served.size} paths from the node, ${pending.length} pending`);
for (const p of pending) console.log(`  pending ${p}`);
process.exit(0);
