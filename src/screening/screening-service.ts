// The screening service a node runs: the in-memory index over the stored lists and active
// lookouts, review decisions, and screenFiling, which assessment calls synchronously per
// filing. Reviewed false positives stay suppressed until the entry or the party name changes.
import type { Kysely } from 'kysely';
import { forbidden, hasRole, notFound, validationFailed, type Actor, type Clock, actorLabel } from '../platform/index.js';
import { partyKey, type Filing } from '../records/index.js';
import { NameIndex } from './name-index.js';
import { foldText, nameProblem } from './name-analyzer.js';
import { PRODUCTION_THRESHOLD, screenQuery, type Explanation, type ScreeningHit, type ScreeningQuery, type ScreenOptions } from './screening-engine.js';
import {
  deactivateLookout,
  importList,
  listVersions,
  loadActiveLookouts,
  loadReviews,
  loadStoredEntries,
  saveLookout,
  saveReview,
  type ImportResult,
  type ReviewDecision,
  type ReviewRecord,
} from './screening-repository.js';
import type { ScreeningTables } from './screening-tables.js';
import { lookoutToEntry, parseLookout, type Lookout } from './lookout-parser.js';
import { entryContentHash, type ParsedList, type WatchlistEntry } from './watchlist-entry.js';

export interface PartyScreeningHit {
  /** party role (consignee, consignor…) or `vessel` */
  role: string;
  partyName: string;
  partyKey: string;
  entryId: string;
  list: string;
  listVersion: string;
  matchedName: string;
  score: number;
  identifierMatch: boolean;
  explanation: Explanation;
  /** an analyst's standing true-match decision, when there is one */
  confirmed?: { reason: string; decidedBy: string; decidedAt: string };
}

export interface ReviewInput {
  partyKey: string;
  partyName: string;
  entryId: string;
  decision: ReviewDecision;
  reason: string;
}

export interface ScreeningStatus {
  lists: { list: string; version: string }[];
  entries: number;
  names: number;
  lookouts: number;
  builtAt: string;
  threshold: number;
}

export interface ScreeningService {
  readonly threshold: number;
  /** Screens every party (and the vessel) of a filing; suppressed false positives are left out. */
  screenFiling(filing: Filing): PartyScreeningHit[];
  screen(query: ScreeningQuery, options?: ScreenOptions): ScreeningHit[];
  review(actor: Actor, input: ReviewInput): Promise<ReviewRecord>;
  importList(actor: Actor, parsed: ParsedList, source: string): Promise<ImportResult>;
  saveLookout(actor: Actor, input: unknown): Promise<Lookout>;
  removeLookout(actor: Actor, id: string): Promise<void>;
  lookouts(): Lookout[];
  status(): ScreeningStatus;
  /** Rebuilds the index from storage (after list imports by another process, or lookout expiry). */
  reload(): Promise<void>;
}

const reviewKey = (partyKeyValue: string, entryId: string) => `${partyKeyValue}\u001f${entryId}`;
const sameName = (a: string, b: string) => foldText(a) === foldText(b);
const CACHE_SIZE = 20_000;

export async function createScreeningService(deps: { db: Kysely<ScreeningTables>; clock: Clock }): Promise<ScreeningService> {
  const { db, clock } = deps;
  let index = new NameIndex([]);
  let versions = new Map<string, string>();
  let activeLookouts: Lookout[] = [];
  let builtAt = clock.now().toISOString();
  const reviews = new Map<string, ReviewRecord>();
  const entryHashes = new Map<string, string>();
  const entriesById = new Map<string, WatchlistEntry>();
  // Parties repeat across filings; identical queries are answered from a small cache.
  const cache = new Map<string, ScreeningHit[]>();

  async function reload(): Promise<void> {
    const [stored, lookouts, vers, revs] = await Promise.all([loadStoredEntries(db), loadActiveLookouts(db, clock.now()), listVersions(db), loadReviews(db)]);
    const entries = [...stored, ...lookouts.map(lookoutToEntry)];
    index = new NameIndex(entries);
    versions = vers;
    versions.set('lookout', `lookouts@${lookouts.length}`);
    activeLookouts = lookouts;
    entriesById.clear();
    for (const e of entries) entriesById.set(e.id, e);
    entryHashes.clear();
    reviews.clear();
    for (const r of revs) reviews.set(reviewKey(r.partyKey, r.entryId), r);
    cache.clear();
    builtAt = clock.now().toISOString();
  }

  function hashOf(entryId: string): string {
    let h = entryHashes.get(entryId);
    if (h === undefined) {
      const e = entriesById.get(entryId);
      h = e ? entryContentHash(e) : '';
      entryHashes.set(entryId, h);
    }
    return h;
  }

  function screen(query: ScreeningQuery, options: ScreenOptions = {}): ScreeningHit[] {
    const key = JSON.stringify([query, options.top ?? 10, options.minScore ?? 0, options.explain ?? true]);
    const hit = cache.get(key);
    if (hit) return hit;
    const res = screenQuery(index, query, options);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, res);
    return res;
  }

  function screenFiling(filing: Filing): PartyScreeningHit[] {
    const out: PartyScreeningHit[] = [];
    const consider = (role: string, name: string, key: string, query: ScreeningQuery) => {
      if (nameProblem(name) !== null) return;
      for (const h of screen(query, { top: 5, minScore: PRODUCTION_THRESHOLD })) {
        const review = reviews.get(reviewKey(key, h.entryId));
        const current = review !== undefined && review.entryHash === hashOf(h.entryId) && sameName(review.partyName, name);
        if (current && review.decision === 'false_positive') continue;
        out.push({
          role,
          partyName: name,
          partyKey: key,
          entryId: h.entryId,
          list: h.list,
          listVersion: versions.get(h.list) ?? '',
          matchedName: h.matchedName,
          score: h.score,
          identifierMatch: h.identifierMatch,
          explanation: h.explanation,
          ...(current && review.decision === 'true_match' ? { confirmed: { reason: review.reason, decidedBy: review.decidedBy, decidedAt: review.decidedAt } } : {}),
        });
      }
    };
    for (const p of filing.parties) {
      const passports = p.identifiers.filter((i) => i.scheme === 'passport').map((i) => ({ kind: 'passport' as const, value: i.value }));
      consider(p.role, p.name, partyKey(p), { name: p.name, country: p.country, identifiers: passports });
    }
    const c = filing.transport.conveyance;
    if (c?.vesselName || c?.imoNumber) {
      const name = c.vesselName ?? '';
      const key = c.imoNumber ? `imo:${c.imoNumber.replace(/\D/g, '')}` : `vessel:${foldText(name)}`;
      const q: ScreeningQuery = { name: name || `IMO ${c.imoNumber ?? ''}`, type: 'vessel', identifiers: c.imoNumber ? [{ kind: 'imo', value: c.imoNumber }] : [] };
      consider('vessel', name || `IMO ${c.imoNumber ?? ''}`, key, q);
    }
    return out.sort((a, b) => Number(b.identifierMatch) - Number(a.identifierMatch) || b.score - a.score);
  }

  async function review(actor: Actor, input: ReviewInput): Promise<ReviewRecord> {
    if (!hasRole(actor, 'targeter', 'analyst', 'supervisor')) throw forbidden('reviewing screening hits needs the targeter, analyst or supervisor role');
    if (input.reason.trim().length === 0) throw validationFailed('a review needs a reason');
    const entry = entriesById.get(input.entryId);
    if (!entry) throw notFound('list entry', input.entryId);
    const record: ReviewRecord = {
      partyKey: input.partyKey,
      entryId: input.entryId,
      entryHash: hashOf(input.entryId),
      partyName: input.partyName,
      decision: input.decision,
      reason: input.reason.trim(),
      decidedBy: actorLabel(actor),
      decidedAt: clock.now().toISOString(),
    };
    await saveReview(db, record);
    reviews.set(reviewKey(record.partyKey, record.entryId), record);
    return record;
  }

  async function importParsed(actor: Actor, parsed: ParsedList, source: string): Promise<ImportResult> {
    if (!hasRole(actor, 'supervisor')) throw forbidden('importing watchlists needs the supervisor or admin role');
    if (parsed.list === 'lookout') throw validationFailed('lookouts are managed one by one (lookout routes), not imported as a list');
    if (parsed.entries.length === 0) throw validationFailed(`list ${parsed.list} has no entries; refusing to replace the version in force with an empty one`);
    const result = await importList(db, parsed, source, actorLabel(actor), clock.now());
    await reload();
    return result;
  }

  async function saveLookoutFor(actor: Actor, input: unknown): Promise<Lookout> {
    if (!hasRole(actor, 'targeter', 'analyst', 'supervisor')) throw forbidden('lookouts need the targeter, analyst or supervisor role');
    const l = parseLookout(input);
    await saveLookout(db, l, actorLabel(actor), clock.now());
    await reload();
    return l;
  }

  async function removeLookout(actor: Actor, id: string): Promise<void> {
    if (!hasRole(actor, 'targeter', 'analyst', 'supervisor')) throw forbidden('lookouts need the targeter, analyst or supervisor role');
    if (!(await deactivateLookout(db, id, clock.now()))) throw notFound('lookout', id);
    await reload();
  }

  await reload();
  return {
    threshold: PRODUCTION_THRESHOLD,
    screenFiling,
    screen,
    review,
    importList: importParsed,
    saveLookout: saveLookoutFor,
    removeLookout,
    lookouts: () => activeLookouts,
    reload,
    status: () => ({
      lists: [...versions.entries()].map(([list, version]) => ({ list, version })),
      entries: index.entries.length,
      names: index.nameCount,
      lookouts: activeLookouts.length,
      builtAt,
      threshold: PRODUCTION_THRESHOLD,
    }),
  };
}
