// The assessment use cases: assess a stored filing once (redelivery and the start-up sweep are
// harmless), read assessments, reproduce one, and try the rules on unstored filings.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import {
  contentId,
  forbidden,
  hasRole,
  newId,
  notFound,
  type Actor,
  type Bus,
  type Clock,
  type DomainEvent,
} from '../platform/index.js';
import { fromFilingRow, getFilingRow, partyKey, type DataQualityWarning, type Filing, type StoredFiling } from '../records/index.js';
import { runAssessment, type AssessmentEnvironment, type AssessmentOutcome } from './assessment-engine.js';
import { fromAssessmentRow, toAssessmentRow, type AssessmentRecord, type AssessmentTrigger } from './assessment-record.js';
import {
  getAssessmentRow,
  getAssessmentRowByFiling,
  insertAssessment,
  listAssessmentRowsByReference,
  listProfileFlags,
  listUnassessedFilingIds,
  recordProfileFailures,
} from './assessment-repository.js';
import type { AssessmentDb } from './assessment-tables.js';
import { defaultChannelPolicy, type ChannelPolicy } from './channel-policy.js';
import type { FactorSource } from './factor.js';
import { createHistoryIndex, historyFilingOf, type HistoryIndex } from './history-index.js';
import { warmHistory, partyKeysOfFilings } from './history-warmup.js';
import type { ProfileRuntimeError, ProfileSetProvider, ActiveProfileSet } from './profile-port.js';

export interface LabelledOutcome {
  filingId: string;
  finding: boolean;
  date: string;
}

export interface AssessmentServiceDeps {
  db: Kysely<AssessmentDb>;
  clock: Clock;
  profiles: ProfileSetProvider;
  sources?: FactorSource[];
  policy?: ChannelPolicy;
  bus?: Bus;
  history?: HistoryIndex;
  /** Past inspection results, to warm party inspection/finding counts (targeting provides them). */
  inspectionOutcomes?: (since: Date | null) => Promise<LabelledOutcome[]>;
  /** Told after a new assessment is committed (targeting opens referrals there). */
  onAssessed?: (assessment: AssessmentRecord) => Promise<void>;
  /** The profiles context's flag, if it offers one; failures are also kept in our own table. */
  flagProfile?: (error: ProfileRuntimeError, filingId: string) => Promise<void>;
  /** How long a loaded profile set is reused before asking the profile service again. */
  profileSetTtlMs?: number;
  /** How far back the history index is warmed. */
  historyDays?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface Reproduction {
  assessmentId: string;
  reproducible: boolean;
  differences: string[];
  recomputed: Pick<AssessmentOutcome, 'channel' | 'totalPoints' | 'factors'>;
}

const acceptedSchema = z.object({ filingId: z.string().min(1) });
const inspectionSchema = z.object({ filingId: z.string().min(1), finding: z.boolean(), recordedAt: z.string().min(1) });

const READERS = ['targeter', 'supervisor', 'analyst', 'inspector'] as const;

export interface PartyHistoryEntry {
  role: string;
  name: string;
  partyKey: string;
  /** null: never seen before now */
  firstSeen: string | null;
  filings: number;
  inspected: number;
  findings: number;
}

export function createAssessmentService(deps: AssessmentServiceDeps) {
  const { db, clock } = deps;
  const history = deps.history ?? createHistoryIndex();
  const policy = deps.policy ?? defaultChannelPolicy;
  const sources = deps.sources ?? [];
  const ttl = deps.profileSetTtlMs ?? 2000;
  const log = deps.log ?? (() => {});
  let cached: { set: ActiveProfileSet; at: number } | null = null;
  let loading: Promise<ActiveProfileSet> | null = null;

  async function profileSet(now: Date): Promise<ActiveProfileSet> {
    if (cached && now.getTime() - cached.at < ttl) return cached.set;
    if (!loading) {
      loading = deps.profiles
        .loadActiveSet(now)
        .then((set) => {
          cached = { set, at: now.getTime() };
          return set;
        })
        .finally(() => {
          loading = null;
        });
    }
    return loading;
  }

  const env = (set: ActiveProfileSet, p: ChannelPolicy = policy): AssessmentEnvironment => ({ profileSet: set, sources, history, policy: p });

  function requireReader(actor: Actor) {
    if (!hasRole(actor, ...READERS)) throw forbidden('reading assessments needs the targeter, supervisor, analyst or inspector role');
  }

  async function assessStored(stored: StoredFiling, trigger: AssessmentTrigger, checked = false): Promise<AssessmentRecord> {
    if (!checked) {
      const existing = await getAssessmentRowByFiling(db, stored.id);
      if (existing) return fromAssessmentRow(existing);
    }
    const now = clock.now();
    const receivedAt = new Date(stored.receivedAt);
    const outcome = await runAssessment({ filingId: stored.id, filing: stored.filing, warnings: stored.warnings, receivedAt }, env(await profileSet(now)), now);
    const record: AssessmentRecord = {
      id: newId(now.getTime()),
      filingId: stored.id,
      filerId: stored.filerId,
      reference: stored.reference,
      filingVersion: stored.version,
      kind: stored.kind,
      office: stored.office,
      receivedAt: stored.receivedAt,
      deadlineAt: stored.deadlineAt,
      assessedAt: now.toISOString(),
      totalPoints: outcome.totalPoints,
      channel: outcome.channel,
      forcedBy: outcome.forcedBy,
      explanation: outcome.explanation,
      factors: outcome.factors,
      profileErrors: outcome.profileErrors,
      sourceErrors: outcome.sourceErrors,
      versions: outcome.versions,
      marking: outcome.marking,
      trigger,
    };
    // One statement commits on its own; a transaction only when profile failures go with it.
    const inserted =
      record.profileErrors.length === 0
        ? await insertAssessment(db, toAssessmentRow(record))
        : await db.transaction().execute(async (tx) => {
            const ok = await insertAssessment(tx, toAssessmentRow(record));
            if (ok) await recordProfileFailures(tx, record.profileErrors, stored.id, record.assessedAt);
            return ok;
          });
    history.addFiling(historyFilingOf(stored.id, stored.filing, receivedAt));
    if (!inserted) {
      // Another worker assessed it first: theirs is the assessment of record.
      const row = await getAssessmentRowByFiling(db, stored.id);
      if (!row) throw new Error(`assessment of filing ${stored.id} vanished`);
      return fromAssessmentRow(row);
    }
    for (const e of record.profileErrors) {
      if (deps.flagProfile) await deps.flagProfile(e, stored.id).catch((err: unknown) => log('flagging a profile failed', { err: String(err) }));
    }
    await deps.bus?.publish({
      id: contentId('assessment.completed', record.id),
      type: 'assessment.completed',
      occurredAt: record.assessedAt,
      payload: { assessmentId: record.id, filingId: record.filingId, channel: record.channel, totalPoints: record.totalPoints },
    });
    if (deps.onAssessed) await deps.onAssessed(record);
    return record;
  }

  async function assessFiling(filingId: string, trigger: AssessmentTrigger = 'manual'): Promise<AssessmentRecord> {
    const existing = await getAssessmentRowByFiling(db, filingId);
    if (existing) return fromAssessmentRow(existing);
    const row = await getFilingRow(db, filingId);
    if (!row) throw notFound('filing', filingId);
    return assessStored(fromFilingRow(row), trigger, true);
  }

  /** Assesses every stored filing that has none (after a crash, or filings stored while down). */
  async function recoverySweep(batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = await listUnassessedFilingIds(db, batch);
      if (ids.length === 0) return total;
      for (const id of ids) await assessFiling(id, 'sweep');
      total += ids.length;
    }
  }

  async function onInspection(event: DomainEvent): Promise<void> {
    const p = inspectionSchema.parse(event.payload);
    const keys = await partyKeysOfFilings(db, [p.filingId]);
    history.addInspection(keys.get(p.filingId) ?? [], Date.parse(p.recordedAt), p.finding);
  }

  return {
    history,
    assessFiling,
    assessStored,
    recoverySweep,

    /** Fills the history index from storage (start does it; a read-only preview needs only this). */
    async warmHistory(): Promise<number> {
      const since = new Date(clock.now().getTime() - (deps.historyDays ?? 730) * 86_400_000);
      await warmHistory(db, history, since, deps.inspectionOutcomes);
      return history.stats().filings;
    },

    /** Warms the history, subscribes to the bus and assesses what was missed. */
    async start(): Promise<{ historyFilings: number; swept: number }> {
      const since = new Date(clock.now().getTime() - (deps.historyDays ?? 730) * 86_400_000);
      await warmHistory(db, history, since, deps.inspectionOutcomes);
      if (deps.bus) {
        await deps.bus.subscribe('filing.accepted', 'assessment', async (event) => {
          await assessFiling(acceptedSchema.parse(event.payload).filingId, 'event');
        });
        await deps.bus.subscribe('inspection.recorded', 'assessment-history', onInspection);
      }
      const swept = await recoverySweep();
      return { historyFilings: history.stats().filings, swept };
    },

    /** What the node knows of each party of a filing: first seen, filings, inspections, findings. */
    async partyHistory(actor: Actor, filingId: string): Promise<PartyHistoryEntry[]> {
      requireReader(actor);
      const row = await getFilingRow(db, filingId);
      if (!row) throw notFound('filing', filingId);
      const stored = fromFilingRow(row);
      const now = clock.now();
      const view = history.viewFor(stored.filing, now);
      const seenRoles = new Set<string>();
      const out: PartyHistoryEntry[] = [];
      for (const p of stored.filing.parties) {
        if (seenRoles.has(p.role)) continue; // the history view answers for the first party of a role
        seenRoles.add(p.role);
        const days = view.partyFirstSeenDays(p.role);
        out.push({
          role: p.role,
          name: p.name,
          partyKey: partyKey(p),
          firstSeen: days === null ? null : new Date(now.getTime() - days * 86_400_000).toISOString(),
          filings: view.partyFilingCount(p.role),
          inspected: view.partyInspectionCount(p.role),
          findings: view.partyFindingCount(p.role),
        });
      }
      return out;
    },

    async getAssessment(actor: Actor, id: string): Promise<AssessmentRecord> {
      requireReader(actor);
      const row = await getAssessmentRow(db, id);
      if (!row) throw notFound('assessment', id);
      return fromAssessmentRow(row);
    },

    async getAssessmentOfFiling(actor: Actor, filingId: string): Promise<AssessmentRecord> {
      requireReader(actor);
      const row = await getAssessmentRowByFiling(db, filingId);
      if (!row) throw notFound('assessment of filing', filingId);
      return fromAssessmentRow(row);
    },

    /** Every version's assessment of one consignment, oldest first. */
    async listAssessmentsOfReference(actor: Actor, filerId: string, reference: string): Promise<AssessmentRecord[]> {
      requireReader(actor);
      return (await listAssessmentRowsByReference(db, filerId, reference)).map(fromAssessmentRow);
    },

    async listProfileFlags(actor: Actor) {
      requireReader(actor);
      return listProfileFlags(db);
    },

    /** Runs the assessment again with the recorded versions and reports any difference. */
    async reproduce(actor: Actor, assessmentId: string): Promise<Reproduction> {
      if (!hasRole(actor, 'supervisor', 'analyst', 'targeter')) throw forbidden('reproducing an assessment needs the supervisor, analyst or targeter role');
      const row = await getAssessmentRow(db, assessmentId);
      if (!row) throw notFound('assessment', assessmentId);
      const original = fromAssessmentRow(row);
      const filingRow = await getFilingRow(db, original.filingId);
      if (!filingRow) throw notFound('filing', original.filingId);
      const stored = fromFilingRow(filingRow);
      const at = new Date(original.assessedAt);
      const set = await deps.profiles.loadActiveSet(at);
      const again = await runAssessment(
        { filingId: stored.id, filing: stored.filing, warnings: stored.warnings, receivedAt: new Date(stored.receivedAt) },
        env(set, original.versions.policy),
        at,
      );
      return { assessmentId, ...compareOutcomes(original, again) };
    },

    /** Assesses filings that are not stored (trying profiles on a file); history as of now. */
    async preview(actor: Actor, filing: Filing, warnings: readonly DataQualityWarning[]): Promise<AssessmentOutcome> {
      if (!hasRole(actor, 'targeter', 'supervisor', 'analyst')) throw forbidden('trying the rules needs the targeter, supervisor or analyst role');
      const now = clock.now();
      return runAssessment({ filingId: null, filing, warnings, receivedAt: now }, env(await profileSet(now)), now);
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;

const factorKey = (f: { source: string; sourceId: string; version: string; points: number; forcedChannel: string | null }) =>
  `${f.source}:${f.sourceId}@${f.version} ${f.points}${f.forcedChannel ? ` forces ${f.forcedChannel}` : ''}`;

function compareOutcomes(original: AssessmentRecord, again: AssessmentOutcome): Omit<Reproduction, 'assessmentId'> {
  const differences: string[] = [];
  if (again.versions.profileSet !== original.versions.profileSet) {
    differences.push(`profile set ${original.versions.profileSet} was used; ${again.versions.profileSet} is what the profile service returns for that moment`);
  }
  for (const [k, v] of Object.entries(original.versions.sources)) {
    const now = again.versions.sources[k];
    if (now !== v) differences.push(`${k} was at version ${v}; it is now at ${now ?? 'absent'}`);
  }
  const before = original.factors.map(factorKey).sort();
  const after = again.factors.map(factorKey).sort();
  for (const f of before) if (!after.includes(f)) differences.push(`factor no longer produced: ${f}`);
  for (const f of after) if (!before.includes(f)) differences.push(`new factor: ${f}`);
  if (again.channel !== original.channel) differences.push(`channel ${original.channel} became ${again.channel}`);
  if (again.totalPoints !== original.totalPoints) differences.push(`total ${original.totalPoints} became ${again.totalPoints}`);
  return {
    reproducible: differences.length === 0,
    differences,
    recomputed: { channel: again.channel, totalPoints: again.totalPoints, factors: again.factors },
  };
}
