// The targeting use cases: referrals for non-green assessments (and the random control
// sample), the queue, targeter actions, inspection orders within capacity, and the results
// inspectors record, which feed profile statistics and the model's labels.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorLabel, forbidden, hasRole, newId, notFound, conflict, validationFailed, type Actor, type Bus, type Clock, type Executor } from '../platform/index.js';
import type { AuditAppender } from '../access/index.js';
import { channelRank, fromAssessmentRow, getAssessmentRow, listAssessmentRowsSince, type AssessmentRecord } from '../assessment/index.js';
import { controlDraw, isRandomControl } from './random-control.js';
import {
  ACTIVE_STATUSES,
  fromActionRow,
  fromInspectionRow,
  fromReferralRow,
  inspectionResultSchema,
  referralActionSchema,
  usesCapacity,
  type InspectionResultInput,
  type Referral,
  type ReferralActionInput,
} from './referral.js';
import { capacityOf, consumeCapacity, releaseCapacity, transitionReferral } from './referral-workflow.js';
import type { TargetingDb } from './targeting-tables.js';
import { createInspectionOps } from './inspection-ops.js';

export interface ProfileOutcome {
  date: string;
  selected: boolean;
  inspected: boolean;
  finding: boolean;
}

export interface TargetingServiceDeps {
  db: Kysely<TargetingDb>;
  clock: Clock;
  audit: AuditAppender;
  bus?: Bus;
  /** profiles' recordProfileOutcome: called once per profile hit when a referral closes */
  recordProfileOutcome?: (profileId: string, version: number, outcome: ProfileOutcome) => Promise<void>;
  /** inspections a day when no capacity is set for the office */
  defaultCapacity?: number;
  /** random control rate when none is stored (0.01 = 1 %) */
  defaultRandomControlRate?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/** Referrals of earlier versions of the assessed filing that are still active. */
function activeEarlierReferrals(db: Executor<TargetingDb>, a: AssessmentRecord) {
  return db
    .selectFrom('referral')
    .select(['id', 'status'])
    .where('filer_id', '=', a.filerId)
    .where('reference', '=', a.reference)
    .where('filing_version', '<', a.filingVersion)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .execute();
}
const ACTORS = ['targeter', 'supervisor'] as const;
const READERS = ['targeter', 'supervisor', 'analyst', 'inspector'] as const;

export function createTargetingService(deps: TargetingServiceDeps) {
  const { db, clock, audit } = deps;
  const fallbackCapacity = deps.defaultCapacity ?? 20;
  const log = deps.log ?? (() => {});
  let control: { rate: number; seed: string; at: number } | null = null;

  const requireActor = (actor: Actor) => {
    if (!hasRole(actor, ...ACTORS)) throw forbidden('acting on referrals needs the targeter or supervisor role');
  };
  const requireReader = (actor: Actor) => {
    if (!hasRole(actor, ...READERS)) throw forbidden('reading referrals needs the targeter, supervisor, analyst or inspector role');
  };
  const today = () => clock.now().toISOString().slice(0, 10);

  /** The random control settings, read from storage so every process draws alike. */
  async function randomControl(): Promise<{ rate: number; seed: string }> {
    const now = clock.now().getTime();
    if (control && now - control.at < 10_000) return control;
    const rows = await db.selectFrom('targeting_setting').select(['key', 'value']).where('key', 'in', ['random_control_rate', 'random_control_seed']).execute();
    const rate = Number(rows.find((r) => r.key === 'random_control_rate')?.value ?? deps.defaultRandomControlRate ?? 0.01);
    let seed = rows.find((r) => r.key === 'random_control_seed')?.value;
    if (!seed) {
      seed = newId(now);
      await db
        .insertInto('targeting_setting')
        .values({ key: 'random_control_seed', value: seed, updated_at: clock.now().toISOString(), updated_by: 'system' })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      seed = (await db.selectFrom('targeting_setting').select('value').where('key', '=', 'random_control_seed').executeTakeFirst())?.value ?? seed;
    }
    control = { rate, seed, at: now };
    return control;
  }

  const inspections = createInspectionOps({ db, clock, audit, log, ...(deps.bus ? { bus: deps.bus } : {}), ...(deps.recordProfileOutcome ? { recordProfileOutcome: deps.recordProfileOutcome } : {}) });

  /**
   * An amendment assessed green does not close the referral of an earlier version: a filer must
   * not escape a targeter's attention by amending. Each open referral of an earlier version gets
   * an 'amended' entry naming the new version's outcome, and its version moves on, so a targeter
   * acting on what they saw before is told the filing changed.
   */
  async function noteGreenAmendment(a: AssessmentRecord): Promise<void> {
    if (a.filingVersion <= 1) return;
    const now = clock.now();
    const at = now.toISOString();
    await db.transaction().execute(async (tx) => {
      const older = await activeEarlierReferrals(tx, a);
      for (const o of older) {
        const marker = JSON.stringify({ assessmentId: a.id, filingVersion: a.filingVersion, channel: a.channel, totalPoints: a.totalPoints });
        const seen = await tx.selectFrom('referral_action').select('id').where('referral_id', '=', o.id).where('action', '=', 'amended').where('details', '=', marker).executeTakeFirst();
        if (seen) continue; // the same assessment delivered twice
        await tx.updateTable('referral').set((eb) => ({ updated_at: at, version: eb('version', '+', 1) })).where('id', '=', o.id).execute();
        await tx
          .insertInto('referral_action')
          .values({
            id: newId(now.getTime()),
            referral_id: o.id,
            action: 'amended',
            reason: `version ${a.filingVersion} of the filing was assessed ${a.channel} (${a.totalPoints} points); this referral stays open until a targeter decides`,
            actor: 'system:targeting',
            at,
            from_status: o.status,
            to_status: o.status,
            details: marker,
          })
          .execute();
      }
    });
  }

  /** Opens the referral an assessment calls for (idempotent); green ones only when drawn for control. */
  async function openFromAssessment(a: AssessmentRecord): Promise<Referral | null> {
    let selection: 'risk' | 'random_control' = 'risk';
    let draw: number | null = null;
    if (a.channel === 'green') {
      const rc = await randomControl();
      if (!isRandomControl(rc.seed, rc.rate, a.filingId)) {
        await noteGreenAmendment(a);
        return null;
      }
      selection = 'random_control';
      draw = controlDraw(rc.seed, a.filingId);
    }
    const now = clock.now();
    const at = now.toISOString();
    const id = newId(now.getTime());
    const summary = [...a.factors].sort((x, y) => y.points - x.points).slice(0, 3).map((f) => `${f.reason} (+${f.points})`);
    if (selection === 'random_control') summary.push('selected at random for control');
    const office = a.office ?? 'UNASSIGNED';
    // Threat categories of the profiles that fired, so the queue can be filtered by threat.
    const threats = [...new Set(a.factors.flatMap((f) => (f.source === 'profile' && typeof f.details?.threat === 'string' ? [f.details.threat] : [])))].sort();
    const opened = await db.transaction().execute(async (tx) => {
      const res = await tx
        .insertInto('referral')
        .values({
          id,
          assessment_id: a.id,
          filing_id: a.filingId,
          filer_id: a.filerId,
          reference: a.reference,
          filing_version: a.filingVersion,
          office,
          kind: a.kind,
          channel: a.channel,
          channel_rank: channelRank(a.channel),
          total_points: a.totalPoints,
          deadline_at: a.deadlineAt,
          deadline_key: a.deadlineAt ?? NO_DEADLINE,
          selection,
          status: selection === 'random_control' ? 'inspection_ordered' : 'open',
          summary: JSON.stringify(summary),
          threats: JSON.stringify(threats),
          opened_at: at,
          updated_at: at,
          closed_at: null,
          version: 1,
        })
        .onConflict((oc) => oc.column('assessment_id').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      const system = 'system:targeting';
      await tx
        .insertInto('referral_action')
        .values({ id: newId(now.getTime()), referral_id: id, action: 'open', reason: a.explanation, actor: system, at, from_status: 'none', to_status: selection === 'random_control' ? 'inspection_ordered' : 'open', details: JSON.stringify({ selection, draw }) })
        .execute();
      if (selection === 'random_control') {
        // The control sample sits on top of risk capacity: it must not crowd out risk selection.
        await tx
          .insertInto('inspection')
          .values({ id: newId(now.getTime()), referral_id: id, filing_id: a.filingId, office, type: 'physical', day: at.slice(0, 10), random_control: 1, status: 'ordered', ordered_at: at, ordered_by: system, result: null, recorded_at: null, recorded_by: null, notes: null })
          .execute();
      }
      // An amendment's referral replaces the open referral of an earlier version.
      if (a.filingVersion <= 1) return true;
      const older = await activeEarlierReferrals(tx, a);
      for (const o of older) {
        await tx.updateTable('referral').set((eb) => ({ status: 'superseded', closed_at: at, updated_at: at, version: eb('version', '+', 1) })).where('id', '=', o.id).execute();
        await tx
          .insertInto('referral_action')
          .values({ id: newId(now.getTime()), referral_id: o.id, action: 'supersede', reason: `version ${a.filingVersion} of the filing was referred`, actor: system, at, from_status: o.status, to_status: 'superseded', details: JSON.stringify({ by: id }) })
          .execute();
      }
      return true;
    });
    if (!opened) return null;
    return {
      id,
      assessmentId: a.id,
      filingId: a.filingId,
      filerId: a.filerId,
      reference: a.reference,
      filingVersion: a.filingVersion,
      office,
      kind: a.kind,
      channel: a.channel,
      totalPoints: a.totalPoints,
      deadlineAt: a.deadlineAt,
      selection,
      status: selection === 'random_control' ? 'inspection_ordered' : 'open',
      summary,
      threats,
      openedAt: at,
      updatedAt: at,
      closedAt: null,
      version: 1,
    };
  }

  async function act(actor: Actor, referralId: string, input: ReferralActionInput): Promise<Referral> {
    requireActor(actor);
    const parsed = referralActionSchema.safeParse(input);
    if (!parsed.success) throw validationFailed('the action is not valid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })));
    const a = parsed.data;
    const now = clock.now();
    const common = { reason: a.reason, ...(a.expectedVersion !== undefined ? { expectedVersion: a.expectedVersion } : {}) };
    const row = await db.transaction().execute(async (tx) => {
      switch (a.action) {
        case 'release': {
          const r = await transitionReferral(tx, audit, actor, referralId, { action: 'release', to: 'released', ...common }, now);
          const open = await tx.selectFrom('inspection').selectAll().where('referral_id', '=', referralId).where('status', '=', 'ordered').executeTakeFirst();
          if (open) {
            await tx.updateTable('inspection').set({ status: 'cancelled' }).where('id', '=', open.id).execute();
            if (open.random_control === 0 && open.type !== 'documentary') await releaseCapacity(tx, open.office, open.day);
          }
          return r;
        }
        case 'hold':
          return transitionReferral(tx, audit, actor, referralId, { action: 'hold', to: 'held', ...common }, now);
        case 'issue_dnl': {
          const current = await tx.selectFrom('referral').select(['kind']).where('id', '=', referralId).executeTakeFirst();
          if (current && !['air_master_waybill', 'air_house_waybill', 'express_consignment'].includes(current.kind)) {
            throw conflict('DNL_NOT_APPLICABLE', 'Do-Not-Load applies to air cargo before loading only', { kind: current.kind });
          }
          return transitionReferral(tx, audit, actor, referralId, { action: 'issue_dnl', to: 'dnl_issued', ...common }, now);
        }
        case 'order_inspection': {
          const day = a.day ?? now.toISOString().slice(0, 10);
          const r = await transitionReferral(tx, audit, actor, referralId, { action: 'order_inspection', to: 'inspection_ordered', details: { inspectionType: a.inspectionType, day }, ...common }, now);
          const existing = await tx.selectFrom('inspection').select(['id', 'status']).where('referral_id', '=', referralId).executeTakeFirst();
          if (existing) throw conflict('INSPECTION_ALREADY_ORDERED', `an inspection of referral ${referralId} is already ${existing.status}`);
          if (usesCapacity(a.inspectionType)) await consumeCapacity(tx, r.office, day, fallbackCapacity, actor, now);
          await tx
            .insertInto('inspection')
            .values({ id: newId(now.getTime()), referral_id: referralId, filing_id: r.filing_id, office: r.office, type: a.inspectionType, day, random_control: 0, status: 'ordered', ordered_at: now.toISOString(), ordered_by: actorLabel(actor), result: null, recorded_at: null, recorded_by: null, notes: null })
            .execute();
          return r;
        }
      }
    });
    if (a.action === 'release') await inspections.reportOutcome(row.assessment_id, { date: now.toISOString(), selected: true, inspected: false, finding: false });
    return fromReferralRow(row);
  }

  return {
    openFromAssessment,
    act,
    recordResult: (actor: Actor, inspectionId: string, input: InspectionResultInput) => inspections.recordResult(actor, inspectionId, inspectionResultSchema.safeParse(input)),
    listInspections: inspections.listInspections,
    listLabelledOutcomes: inspections.listLabelledOutcomes,
    lookupInspections: inspections.lookupInspections,
    /** The profiles context's InspectionLookup port (backtests: were the hits inspected, found?). */
    inspectionLookup: {
      async outcomesFor(filingIds: string[]): Promise<Map<string, { inspected: boolean; finding: boolean }>> {
        const out = new Map<string, { inspected: boolean; finding: boolean }>();
        for (const o of await inspections.lookupInspections(filingIds)) {
          const prev = out.get(o.filingId);
          out.set(o.filingId, { inspected: true, finding: (prev?.finding ?? false) || o.finding });
        }
        return out;
      },
    },

    /** Opens referrals for recent assessments that have none (after a crash between the two). */
    async catchUp(sinceDays = 2): Promise<number> {
      const since = new Date(clock.now().getTime() - sinceDays * 86_400_000).toISOString();
      let after: string | undefined;
      let opened = 0;
      for (;;) {
        const rows = await listAssessmentRowsSince(db, since, 500, after);
        if (rows.length === 0) return opened;
        for (const r of rows) if (await openFromAssessment(fromAssessmentRow(r))) opened++;
        after = rows[rows.length - 1]?.id;
      }
    },

    /** Active referrals of an office (or all), riskiest and most urgent first. */
    /** Referrals opened, inspections ordered and findings recorded per day (dashboards). */
    async dailyStats(actor: Actor, days = 30): Promise<{ day: string; referrals: number; inspections: number; findings: number }[]> {
      requireReader(actor);
      const since = new Date(clock.now().getTime() - days * 86_400_000).toISOString();
      const byDay = new Map<string, { referrals: number; inspections: number; findings: number }>();
      const at = (day: string) => {
        let v = byDay.get(day);
        if (!v) byDay.set(day, (v = { referrals: 0, inspections: 0, findings: 0 }));
        return v;
      };
      for (const r of await db.selectFrom('referral').select('opened_at').where('opened_at', '>=', since).execute()) at(r.opened_at.slice(0, 10)).referrals++;
      for (const i of await db.selectFrom('inspection').select(['ordered_at', 'recorded_at', 'result']).where('ordered_at', '>=', since).execute()) {
        at(i.ordered_at.slice(0, 10)).inspections++;
        if (i.result === 'finding' && i.recorded_at) at(i.recorded_at.slice(0, 10)).findings++;
      }
      return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, ...v }));
    },

    async listQueue(actor: Actor, q: { office?: string; limit?: number } = {}): Promise<Referral[]> {
      requireReader(actor);
      let query = db.selectFrom('referral').selectAll().where('status', 'in', [...ACTIVE_STATUSES]);
      if (q.office) query = query.where('office', '=', q.office);
      const rows = await query
        .orderBy('channel_rank', 'desc')
        .orderBy('total_points', 'desc')
        .orderBy('deadline_key', 'asc')
        .orderBy('opened_at', 'asc')
        .limit(Math.min(Math.max(q.limit ?? 50, 1), 20_000))
        .execute();
      return rows.map(fromReferralRow);
    },

    /** A referral with its assessment's factors, actions and inspection; the read is audited. */
    async getReferral(actor: Actor, id: string) {
      requireReader(actor);
      return db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw notFound('referral', id);
        const actions = await tx.selectFrom('referral_action').selectAll().where('referral_id', '=', id).orderBy('at', 'asc').orderBy('id', 'asc').execute();
        const insp = await tx.selectFrom('inspection').selectAll().where('referral_id', '=', id).executeTakeFirst();
        const findings = insp ? await tx.selectFrom('inspection_finding').selectAll().where('inspection_id', '=', insp.id).execute() : [];
        const assessment = await getAssessmentRow(tx, row.assessment_id);
        await audit(tx, actor, { action: 'referral.read', targetType: 'referral', targetId: id, details: { filingId: row.filing_id } });
        return {
          referral: fromReferralRow(row),
          assessment: assessment ? fromAssessmentRow(assessment) : null,
          actions: actions.map(fromActionRow),
          inspection: insp ? fromInspectionRow(insp, findings) : null,
        };
      });
    },

    /** Fills the office's remaining capacity in risk order: physical for red, documentary for yellow. */
    async selectForInspection(actor: Actor, office: string, day = today()) {
      requireActor(actor);
      const rows = await db
        .selectFrom('referral')
        .selectAll()
        .where('office', '=', office)
        .where('status', 'in', ['open', 'held'])
        .where('channel_rank', '>=', 1)
        .orderBy('channel_rank', 'desc')
        .orderBy('total_points', 'desc')
        .orderBy('deadline_key', 'asc')
        .limit(1000)
        .execute();
      const ordered: { referralId: string; inspectionType: 'physical' | 'documentary' }[] = [];
      let full = false;
      for (const r of rows) {
        const inspectionType = r.channel_rank >= 2 ? 'physical' : 'documentary';
        if (inspectionType === 'physical' && full) continue;
        try {
          await act(actor, r.id, { action: 'order_inspection', inspectionType, day, reason: 'selected in risk order within capacity', expectedVersion: r.version });
          ordered.push({ referralId: r.id, inspectionType });
        } catch (err) {
          if (err instanceof Error && 'code' in err && err.code === 'CAPACITY_EXHAUSTED') full = true;
          else if (!(err instanceof Error && 'code' in err && (err.code === 'REFERRAL_VERSION_CONFLICT' || err.code === 'REFERRAL_CLOSED'))) throw err;
        }
      }
      return { ordered, capacity: await this.getCapacity(actor, office, day) };
    },

    async getCapacity(actor: Actor, office: string, day = today()) {
      requireReader(actor);
      return db.transaction().execute(async (tx) => {
        const capacity = await capacityOf(tx, office, day, fallbackCapacity);
        const used = (await tx.selectFrom('inspection_capacity').select('used').where('office', '=', office).where('day', '=', day).executeTakeFirst())?.used ?? 0;
        return { office, day, capacity, used, left: Math.max(0, capacity - used) };
      });
    },

    /** Sets an office's capacity for a day, or its default with day '*'. */
    async setCapacity(actor: Actor, office: string, day: string, capacity: number) {
      if (!hasRole(actor, 'supervisor')) throw forbidden('setting inspection capacity needs the supervisor role');
      const input = z.object({ office: z.string().trim().min(1).max(20), day: z.union([z.iso.date(), z.literal('*')]), capacity: z.number().int().min(0).max(100_000) }).safeParse({ office, day, capacity });
      if (!input.success) throw validationFailed('capacity is not valid', input.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })));
      const at = clock.now().toISOString();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('inspection_capacity')
          .values({ office, day, capacity, used: 0, updated_at: at, updated_by: actorLabel(actor) })
          .onConflict((oc) => oc.columns(['office', 'day']).doUpdateSet({ capacity, updated_at: at, updated_by: actorLabel(actor) }))
          .execute();
        await audit(tx, actor, { action: 'targeting.capacity', targetType: 'office', targetId: office, details: { day, capacity } });
      });
      return day === '*' ? { office, day, capacity } : this.getCapacity(actor, office, day);
    },

    async getRandomControlRate(actor: Actor): Promise<{ rate: number }> {
      requireReader(actor);
      return { rate: (await randomControl()).rate };
    },

    async setRandomControlRate(actor: Actor, rate: number): Promise<{ rate: number }> {
      if (!hasRole(actor, 'supervisor')) throw forbidden('setting the random control rate needs the supervisor role');
      if (!Number.isFinite(rate) || rate < 0 || rate > 0.5) throw validationFailed('rate must be between 0 and 0.5', { rate });
      const at = clock.now().toISOString();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('targeting_setting')
          .values({ key: 'random_control_rate', value: String(rate), updated_at: at, updated_by: actorLabel(actor) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(rate), updated_at: at, updated_by: actorLabel(actor) }))
          .execute();
        await audit(tx, actor, { action: 'targeting.random_control_rate', targetType: 'setting', targetId: 'random_control_rate', details: { rate } });
      });
      control = null;
      return { rate };
    },
  };
}

export type TargetingService = ReturnType<typeof createTargetingService>;
