// `tandem init`: creates the data directory, the database and the first administrator.
import type { Config } from '../platform/index.js';
import { readNodeInfo, writeNodeInfo, type NodeInfo } from './node-info.js';
import { openNode, type TandemNode } from './node.js';

export interface InitResult {
  node: TandemNode;
  created: boolean;
  admin: { username: string; password: string } | null;
}

export async function initNode(config: Config, input: { nodeId: string; agency: string; adminUsername?: string }): Promise<InitResult> {
  const existing = readNodeInfo(config.dataDir);
  const info: NodeInfo = existing ?? { nodeId: input.nodeId, agency: input.agency, createdAt: new Date().toISOString() };
  if (!existing) writeNodeInfo(config.dataDir, info);
  const node = await openNode(config, { info });
  let admin: InitResult['admin'] = null;
  if ((await node.access.userCount()) === 0) {
    const username = input.adminUsername ?? 'admin';
    const { password } = await node.access.createUser(node.system, { username, displayName: 'Node administrator', roles: ['admin'] });
    admin = { username, password };
  }
  return { node, created: !existing, admin };
}

