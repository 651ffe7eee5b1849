// Inspection results and what they feed: the referral closes, profiles hear the outcome of
// each of their hits, the model gets a labelled outcome, and the bus carries the event.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { actorLabel, conflict, contentId, forbidden, hasRole, newId, notFound, validationFailed, type Actor, type Bus, type Clock } from '../platform/index.js';
import type { AuditAppender } from '../access/index.js';
import { fromAssessmentRow, getAssessmentRow } from '../assessment/index.js';
import { fromInspectionRow, type Inspection, type inspectionResultSchema } from './referral.js';
import { transitionReferral } from './referral-workflow.js';
import type { TargetingDb } from './targeting-tables.js';
import type { ProfileOutcome } from './targeting-service.js';

export interface InspectionOpsDeps {
  db: Kysely<TargetingDb>;
  clock: Clock;
  audit: AuditAppender;
  bus?: Bus;
  recordProfileOutcome?: (profileId: string, version: number, outcome: ProfileOutcome) => Promise<void>;
  log: (message: string, details?: Record<string, unknown>) => void;
}

export interface LabelledOutcome {
  filingId: string;
  finding: boolean;
  date: string;
  randomControl: boolean;
}

type ParsedResult = z.ZodSafeParseResult<z.output<typeof inspectionResultSchema>>;
const CHUNK = 400;

export function createInspectionOps(deps: InspectionOpsDeps) {
  const { db, clock, audit, log } = deps;

  /** Tells profiles how each of their hits on this assessment ended. Best effort: logged on failure. */
  async function reportOutcome(assessmentId: string, outcome: ProfileOutcome): Promise<void> {
    if (!deps.recordProfileOutcome) return;
    const row = await getAssessmentRow(db, assessmentId);
    if (!row) return;
    for (const f of fromAssessmentRow(row).factors) {
      if (f.source !== 'profile') continue;
      await deps.recordProfileOutcome(f.sourceId, Number(f.version), outcome).catch((err: unknown) => log('recording a profile outcome failed', { profileId: f.sourceId, err: String(err) }));
    }
  }

  async function recordResult(actor: Actor, inspectionId: string, parsed: ParsedResult): Promise<Inspection> {
    if (!hasRole(actor, 'inspector', 'supervisor')) throw forbidden('recording inspection results needs the inspector role');
    if (!parsed.success) throw validationFailed('the inspection result is not valid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })));
    const input = parsed.data;
    const now = clock.now();
    const at = now.toISOString();
    const finding = input.result === 'finding';
    const { inspection, assessmentId } = await db.transaction().execute(async (tx) => {
      const insp = await tx.selectFrom('inspection').selectAll().where('id', '=', inspectionId).executeTakeFirst();
      if (!insp) throw notFound('inspection', inspectionId);
      if (insp.status !== 'ordered') throw conflict('INSPECTION_NOT_OPEN', `inspection ${inspectionId} is ${insp.status}; its result cannot be recorded again`, { status: insp.status });
      const res = await tx
        .updateTable('inspection')
        .set({ status: 'completed', result: input.result, recorded_at: at, recorded_by: actorLabel(actor), notes: input.notes ?? null })
        .where('id', '=', inspectionId)
        .where('status', '=', 'ordered')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('INSPECTION_NOT_OPEN', `inspection ${inspectionId} was recorded by someone else`);
      const findings = input.result === 'finding' ? input.findings : [];
      const rows = findings.map((f, position) => ({
        id: newId(now.getTime()),
        inspection_id: inspectionId,
        position,
        category: f.category,
        description: f.description,
        quantity: f.quantity ?? null,
        quantity_unit: f.quantityUnit ?? null,
        weight_kg: f.weightKg ?? null,
        seizure_reference: f.seizureReference ?? null,
      }));
      if (rows.length > 0) await tx.insertInto('inspection_finding').values(rows).execute();
      const referral = await transitionReferral(
        tx,
        audit,
        actor,
        insp.referral_id,
        { action: 'record_result', to: 'inspected', reason: finding ? `finding: ${findings.map((f) => f.category).join(', ')}` : 'no finding', details: { inspectionId, result: input.result, seizures: findings.map((f) => f.seizureReference).filter(Boolean) } },
        now,
      );
      const stored = await tx.selectFrom('inspection').selectAll().where('id', '=', inspectionId).executeTakeFirstOrThrow();
      return { inspection: fromInspectionRow(stored, rows), assessmentId: referral.assessment_id };
    });
    await deps.bus?.publish({
      id: contentId('inspection.recorded', inspectionId),
      type: 'inspection.recorded',
      occurredAt: at,
      payload: { inspectionId, referralId: inspection.referralId, filingId: inspection.filingId, finding, recordedAt: at, randomControl: inspection.randomControl },
    });
    await reportOutcome(assessmentId, { date: at, selected: true, inspected: true, finding });
    return inspection;
  }

  const toOutcome = (r: { filing_id: string; result: string | null; recorded_at: string | null; random_control: number }): LabelledOutcome => ({
    filingId: r.filing_id,
    finding: r.result === 'finding',
    date: r.recorded_at ?? '',
    randomControl: r.random_control === 1,
  });

  return {
    reportOutcome,
    recordResult,

    async listInspections(actor: Actor, q: { office?: string; status?: 'ordered' | 'completed' | 'cancelled'; limit?: number } = {}): Promise<Inspection[]> {
      if (!hasRole(actor, 'inspector', 'targeter', 'supervisor', 'analyst')) throw forbidden('reading inspections needs an operational role');
      let query = db.selectFrom('inspection').selectAll();
      if (q.office) query = query.where('office', '=', q.office);
      if (q.status) query = query.where('status', '=', q.status);
      const rows = await query.orderBy('day', 'asc').orderBy('ordered_at', 'asc').limit(Math.min(q.limit ?? 100, CHUNK)).execute();
      const ids = rows.map((r) => r.id);
      const findings = ids.length ? await db.selectFrom('inspection_finding').selectAll().where('inspection_id', 'in', ids.slice(0, CHUNK)).execute() : [];
      return rows.map((r) => fromInspectionRow(r, findings.filter((f) => f.inspection_id === r.id)));
    },

    /** Inspection outcomes recorded since a moment (all when null): labels for the model. */
    async listLabelledOutcomes(since: Date | null): Promise<LabelledOutcome[]> {
      let q = db.selectFrom('inspection').select(['filing_id', 'result', 'recorded_at', 'random_control']).where('status', '=', 'completed');
      if (since) q = q.where('recorded_at', '>=', since.toISOString());
      return (await q.orderBy('recorded_at', 'asc').execute()).map(toOutcome);
    },

    /** Outcomes for given filings (the profiles' backtest asks which hits were inspected). */
    async lookupInspections(filingIds: readonly string[]): Promise<LabelledOutcome[]> {
      const out: LabelledOutcome[] = [];
      for (let i = 0; i < filingIds.length; i += CHUNK) {
        const rows = await db
          .selectFrom('inspection')
          .select(['filing_id', 'result', 'recorded_at', 'random_control'])
          .where('status', '=', 'completed')
          .where('filing_id', 'in', filingIds.slice(i, i + CHUNK))
          .execute();
        out.push(...rows.map(toOutcome));
      }
      return out;
    },
  };
}
