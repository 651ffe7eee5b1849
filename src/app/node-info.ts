// The node's identity file in the data directory, written by `tandem init`.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const nodeInfoSchema = z.object({
  nodeId: z.string().regex(/^[A-Z]{2}-[A-Z0-9-]{2,30}$/),
  agency: z.string().min(2),
  createdAt: z.string(),
});
export type NodeInfo = z.infer<typeof nodeInfoSchema>;

export function nodeInfoPath(dataDir: string): string {
  return join(dataDir, 'node.json');
}

export function readNodeInfo(dataDir: string): NodeInfo | null {
  const p = nodeInfoPath(dataDir);
  if (!existsSync(p)) return null;
  const parsed = nodeInfoSchema.safeParse(JSON.parse(readFileSync(p, 'utf8')));
  if (!parsed.success) throw new Error(`${p} is not a valid node identity file: ${parsed.error.message}`);
  return parsed.data;
}

export function writeNodeInfo(dataDir: string, info: NodeInfo): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(nodeInfoPath(dataDir), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}
