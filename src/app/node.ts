// The composition root of one Tandem node: opens storage, runs migrations, builds the bus and
// every context's services with their narrow dependencies. The CLI, the HTTP server, tests and
// benchmarks all start from here, so they run the same wiring.
import { mkdirSync } from 'node:fs';
import {
  createInProcessBus,
  migrate,
  openStorage,
  systemClock,
  systemActor,
  type Bus,
  type Clock,
  type Config,
  type Storage,
} from '../platform/index.js';
import { createFilingQueryService, type RecordsTables } from '../records/index.js';
import { createAccessService, createAuditAppender, type AccessTables } from '../access/index.js';
import { createIngestService } from '../ingest/index.js';
import { createNatsBus } from '../platform/nats-bus.js';
import { allMigrations } from './migrations.js';
import { createProfileService, type ProfilesTables } from '../profiles/index.js';
import { createScreeningService, type ScreeningTables } from '../screening/index.js';
import { createAssessmentService, screeningFactorSource, modelFactorSource, partnerFactorSource, type AssessmentTables, type FactorSource } from '../assessment/index.js';
import { createTargetingService, type TargetingTables } from '../targeting/index.js';
import { screeningPortOf } from './screening-port.js';
import { createModelRegistry, type ModelDb } from '../model/index.js';
import { createModelHolder } from './model-wiring.js';
import { createExchangeNode, initNodeIdentity, type ExchangeTables } from '../exchange/index.js';
import { readNodeInfo, type NodeInfo } from './node-info.js';

export type NodeTables = RecordsTables & AccessTables & ProfilesTables & ScreeningTables & AssessmentTables & TargetingTables & ModelDb & ExchangeTables;

export interface NodeOptions {
  clock?: Clock;
  bus?: Bus;
  /** Identity to use when the data directory has none yet (init). */
  info?: NodeInfo;
}

export async function openNode(config: Config, opts: NodeOptions = {}) {
  const info = opts.info ?? readNodeInfo(config.dataDir);
  if (!info) throw new Error(`no Tandem node in ${config.dataDir}; run \`tandem init --data-dir ${config.dataDir}\` first`);
  if (config.storage.kind === 'sqlite') mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const storage: Storage<NodeTables> = openStorage<NodeTables>(config.storage);
  await migrate(storage.db, storage.dialect, allMigrations());
  const clock = opts.clock ?? systemClock;
  const onBusError = (ev: { type: string; id: string }, group: string, err: unknown) => console.error(`bus: ${group} failed on ${ev.type} ${ev.id}:`, err);
  const bus = opts.bus ?? (config.busUrl ? await createNatsBus({ url: config.busUrl, onError: onBusError }) : createInProcessBus(onBusError));
  const audit = createAuditAppender(storage.dialect, clock);
  const access = createAccessService({ storage, clock, audit, agency: info.agency, sessionTtlMinutes: config.sessionTtlMinutes });
  const ingest = createIngestService({ storage, bus, clock, audit });
  const filings = createFilingQueryService({
    storage,
    auditRead: (actor, ids, purpose) =>
      storage.db.transaction().execute((tx) => audit(tx, actor, { action: purpose, targetType: 'filing', targetId: ids.join(',') })),
  });
  const system = systemActor(info.agency, 'node');
  const db = storage.db;

  // region risk: profiles, screening, assessment, targeting
  // Targeting and profiles need each other (backtests read inspection outcomes; results feed
  // profile statistics): the late-bound reference breaks the cycle here, in the composition root.
  let targetingRef: { inspectionLookup: { outcomesFor(ids: string[]): Promise<Map<string, { inspected: boolean; finding: boolean }>> } } | null = null;
  const profiles = createProfileService({
    db,
    clock,
    filings: db,
    audit: (actor, entry) => db.transaction().execute((tx) => audit(tx, actor, entry)),
    inspections: { outcomesFor: (ids) => (targetingRef ? targetingRef.inspectionLookup.outcomesFor(ids) : Promise.resolve(new Map())) },
  });
  const screening = await createScreeningService({ db, clock });
  const targeting = createTargetingService({
    db,
    clock,
    audit,
    bus,
    recordProfileOutcome: (profileId, version, outcome) => profiles.recordProfileOutcome(profileId, version, outcome),
  });
  targetingRef = targeting;
  const modelRegistry = createModelRegistry({ db, clock });
  const model = createModelHolder(modelRegistry);
  await model.reload();
  // region exchange: identity, partners, agreements, outbox/inbox, loop back to the originator
  // The key pair lives in the data directory (created on first open if init predates it).
  const { identity } = initNodeIdentity({ dataDir: config.dataDir, nodeId: info.nodeId });
  const exchange = createExchangeNode({
    db,
    identity,
    clock,
    audit: (actor, entry) => db.transaction().execute((tx) => audit(tx, actor, entry)),
    log: (message, details) => console.error(`exchange: ${message}`, details ?? ''),
  });
  // endregion
  const factorSources: FactorSource[] = [
    screeningFactorSource(screeningPortOf(screening)),
    modelFactorSource(model.port),
    partnerFactorSource(exchange.lookouts),
  ];
  const assessment = createAssessmentService({
    db,
    clock,
    bus,
    profiles,
    sources: factorSources,
    inspectionOutcomes: (since) => targeting.listLabelledOutcomes(since),
    onAssessed: async (a) => {
      await targeting.openFromAssessment(a);
      await exchange.loop.onAssessed(a);
    },
    flagProfile: (error, filingId) => profiles.flagRuntimeError(error, filingId),
  });
  // endregion
  return {
    config,
    info,
    storage,
    clock,
    bus,
    audit,
    access,
    ingest,
    filings,
    system,
    profiles,
    screening,
    assessment,
    targeting,
    modelRegistry,
    model,
    exchange,
    /** Further factor sources (model, partner lookouts) are added here by their wiring. */
    factorSources,
    async close() {
      await bus.close();
      await storage.close();
    },
  };
}

export type TandemNode = Awaited<ReturnType<typeof openNode>>;
