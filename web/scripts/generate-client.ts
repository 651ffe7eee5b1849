// Generates web/src/api/schema.gen.ts from web/api/openapi.json: a `paths` type in the shape
// openapi-fetch expects (the same shape openapi-typescript emits). We generate it ourselves
// because openapi-typescript pins TypeScript 5 as a peer and this project is on TypeScript 6;
// the documents we read are the node's own (OpenAPI 3.0 from zod), so a small converter suffices.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
const jsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    properties: z.record(z.string(), jsonSchema).optional(),
    required: z.array(z.string()).optional(),
    additionalProperties: z.union([z.boolean(), jsonSchema]).optional(),
    items: jsonSchema.optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    nullable: z.boolean().optional(),
    anyOf: z.array(jsonSchema).optional(),
    oneOf: z.array(jsonSchema).optional(),
    allOf: z.array(jsonSchema).optional(),
  }),
);
const content = z.looseObject({ 'application/json': z.looseObject({ schema: jsonSchema }).optional() });
const operationSchema = z.looseObject({
  operationId: z.string().optional(),
  'x-pending': z.boolean().optional(),
  parameters: z.array(z.looseObject({ in: z.string(), name: z.string(), required: z.boolean().optional(), schema: jsonSchema.optional() })).optional(),
  requestBody: z.looseObject({ required: z.boolean().optional(), content }).optional(),
  responses: z.record(z.string(), z.looseObject({ content: content.optional() })),
});
const documentSchema = z.looseObject({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
const pad = (d: number) => '  '.repeat(d);

function ts(s: JsonSchema, d: number): string {
  const base = tsBase(s, d);
  return s.nullable ? `(${base}) | null` : base;
}

function tsBase(s: JsonSchema, d: number): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map((a) => ts(a, d)).join(' | ');
  if (s.allOf) return s.allOf.map((a) => `(${ts(a, d)})`).join(' & ');
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (type.length > 1) return type.map((t) => tsBase({ ...s, type: t }, d)).join(' | ');
  switch (type[0]) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `(${s.items ? ts(s.items, d) : 'unknown'})[]`;
    case 'object': {
      const req = new Set(s.required ?? []);
      const lines = Object.entries(s.properties ?? {}).map(([k, v]) => `${pad(d + 1)}${key(k)}${req.has(k) ? '' : '?'}: ${ts(v, d + 1)};`);
      if (s.additionalProperties && s.additionalProperties !== true) lines.push(`${pad(d + 1)}[key: string]: ${ts(s.additionalProperties, d + 1)};`);
      else if (s.additionalProperties === true || (!s.properties && s.additionalProperties === undefined)) lines.push(`${pad(d + 1)}[key: string]: unknown;`);
      return `{\n${lines.join('\n')}\n${pad(d)}}`;
    }
    default:
      return 'unknown';
  }
}

function operationType(op: z.infer<typeof operationSchema>, d: number): string {
  const params = op.parameters ?? [];
  const group = (where: string) => {
    const ps = params.filter((p) => p.in === where);
    if (ps.length === 0) return `${pad(d + 2)}${where}?: never;`;
    const anyRequired = ps.some((p) => p.required);
    const fields = ps.map((p) => `${pad(d + 3)}${key(p.name)}${p.required ? '' : '?'}: ${p.schema ? ts(p.schema, d + 3) : 'string'};`);
    return `${pad(d + 2)}${where}${anyRequired ? '' : '?'}: {\n${fields.join('\n')}\n${pad(d + 2)}};`;
  };
  const lines = [`${pad(d + 1)}parameters: {`, group('query'), `${pad(d + 2)}header?: never;`, group('path'), `${pad(d + 2)}cookie?: never;`, `${pad(d + 1)}};`];
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) lines.push(`${pad(d + 1)}requestBody${op.requestBody?.required ? '' : '?'}: { content: { "application/json": ${ts(body, d + 1)} } };`);
  else lines.push(`${pad(d + 1)}requestBody?: never;`);
  lines.push(`${pad(d + 1)}responses: {`);
  for (const [status, res] of Object.entries(op.responses)) {
    const schema = res.content?.['application/json']?.schema;
    lines.push(`${pad(d + 2)}${status}: { headers: { [name: string]: unknown }; content: ${schema ? `{ "application/json": ${ts(schema, d + 2)} }` : 'never'} };`);
  }
  lines.push(`${pad(d + 1)}};`);
  return `{\n${lines.join('\n')}\n${pad(d)}}`;
}

const doc = documentSchema.parse(JSON.parse(readFileSync(new URL('../api/openapi.json', import.meta.url), 'utf8')));
const out: string[] = [
  '// Generated by web/scripts/generate-client.ts from web/api/openapi.json. Do not edit.',
  '// Operations marked "pending" are the console\'s contract for routes the node does not serve yet.',
  '/* eslint-disable */',
  'export interface paths {',
];
for (const [path, item] of Object.entries(doc.paths)) {
  out.push(`  ${JSON.stringify(path)}: {`);
  for (const m of METHODS) {
    const raw = item[m];
    if (raw === undefined) continue;
    const op = operationSchema.parse(raw);
    if (op['x-pending']) out.push(`    /** pending: ${op.operationId ?? ''} is not served by the node yet */`);
    out.push(`    ${m}: ${operationType(op, 2)};`);
  }
  out.push('  };');
}
out.push('}', '');
writeFileSync(new URL('../src/api/schema.gen.ts', import.meta.url), out.join('\n'));
console.log(`generated web/src/api/schema.gen.ts (${Object.keys(doc.paths).length} paths)`);
