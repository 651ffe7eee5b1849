// Maps an assessment's factors to a channel. Points add up; the total is compared with two
// thresholds (green below yellow, yellow below red, red at or above). A factor that forces a
// channel wins over the total when it is stronger; Do-Not-Load is the strongest and only
// applies to air cargo before loading, where a DNL can still stop the consignment.
import { z } from 'zod';
import type { FilingKind } from '../records/index.js';
import type { Channel, Factor } from './factor.js';

export const channelPolicySchema = z
  .strictObject({
    yellowThreshold: z.number().finite().min(0).default(40),
    redThreshold: z.number().finite().min(0).default(70),
    /** Points for a container or IMO number that fails its check digit. */
    checkDigitPoints: z.number().finite().min(0).default(5),
  })
  .refine((p) => p.redThreshold >= p.yellowThreshold, { message: 'redThreshold must not be below yellowThreshold' });

export type ChannelPolicy = z.output<typeof channelPolicySchema>;
export const defaultChannelPolicy: ChannelPolicy = channelPolicySchema.parse({});

const RANK: Record<Channel, number> = { green: 0, yellow: 1, red: 2, dnl: 3 };
export const channelRank = (c: Channel): number => RANK[c];

const DNL_KINDS: ReadonlySet<FilingKind> = new Set(['air_master_waybill', 'air_house_waybill', 'express_consignment']);

export interface ChannelDecision {
  channel: Channel;
  totalPoints: number;
  /** The factor that forced the channel above what the points alone give, if any. */
  forcedBy: { source: string; sourceId: string } | null;
  explanation: string;
}

export function decideChannel(factors: readonly Factor[], kind: FilingKind, policy: ChannelPolicy): ChannelDecision {
  let total = 0;
  for (const f of factors) total += f.points;
  total = Math.round(total * 100) / 100;
  const byPoints: Channel = total >= policy.redThreshold ? 'red' : total >= policy.yellowThreshold ? 'yellow' : 'green';
  let channel: Channel = byPoints;
  let forcedBy: ChannelDecision['forcedBy'] = null;
  let forcedNote = '';
  for (const f of factors) {
    if (!f.forcedChannel) continue;
    let forced: Channel = f.forcedChannel;
    // A DNL on sea or postal cargo cannot stop loading any more; it becomes a physical check.
    if (forced === 'dnl' && !DNL_KINDS.has(kind)) forced = 'red';
    if (RANK[forced] > RANK[channel]) {
      channel = forced;
      forcedBy = { source: f.source, sourceId: f.sourceId };
      forcedNote = ` ${f.source} ${f.sourceId} forces ${forced}${forced !== f.forcedChannel ? ' (Do-Not-Load applies to air cargo before loading only)' : ''}.`;
    }
  }
  const explanation =
    `${total} points (yellow at ${policy.yellowThreshold}, red at ${policy.redThreshold}) give ${byPoints}.` + forcedNote;
  return { channel, totalPoints: total, forcedBy, explanation };
}
