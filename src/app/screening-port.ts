// Adapter: the screening service's party hits as the assessment's ScreeningPort.
import type { Filing } from '../records/index.js';
import type { ScreeningService } from '../screening/index.js';
import type { ScreeningPort, ScreeningMatch } from '../assessment/index.js';

export function screeningPortOf(screening: ScreeningService): ScreeningPort {
  return {
    async screenFiling({ filing }: { filing: Filing }) {
      const hits = screening.screenFiling(filing);
      const matches: ScreeningMatch[] = hits.map((h) => ({
        listId: h.list,
        listVersion: h.listVersion,
        entryId: h.entryId,
        entryName: h.matchedName,
        partyRole: h.role,
        partyName: h.partyName,
        partyKey: h.partyKey,
        score: h.score,
        alignedTokens: h.explanation.aligned.map((a) => ({ query: a.query, candidate: a.listed, score: a.score })),
      }));
      const listVersions: Record<string, string> = {};
      for (const l of screening.status().lists) listVersions[l.list] = l.version;
      return { matches, listVersions };
    },
  };
}
