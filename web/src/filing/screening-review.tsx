// Review of a screening hit from the referral itself: the party as filed beside the listed
// entity, the aligned tokens, and the targeter's decision with a reason. A false positive is
// remembered for that party and entry, so the same alert is not raised again until either changes.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';

interface Aligned {
  query: string;
  candidate: string;
  score: number;
}

function alignedOf(details: Record<string, unknown>): Aligned[] {
  const raw = details.alignedTokens;
  if (!Array.isArray(raw)) return [];
  const out: Aligned[] = [];
  for (const x of raw) {
    if (typeof x === 'object' && x !== null && 'query' in x && 'candidate' in x && 'score' in x) {
      if (typeof x.query === 'string' && typeof x.candidate === 'string' && typeof x.score === 'number') out.push({ query: x.query, candidate: x.candidate, score: x.score });
    }
  }
  return out;
}

export function ScreeningReview({ details }: { details: Record<string, unknown> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const partyKey = typeof details.partyKey === 'string' ? details.partyKey : null;
  const entryId = typeof details.entryId === 'string' ? details.entryId : null;
  const partyName = typeof details.partyName === 'string' ? details.partyName : '';
  const entryName = typeof details.entryName === 'string' ? details.entryName : '';
  const review = useMutation({
    mutationFn: (decision: 'true_match' | 'false_positive') =>
      unwrap(api.POST('/api/v1/screening/reviews', { body: { partyKey: partyKey ?? '', partyName, entryId: entryId ?? '', decision, reason } })),
  });
  if (!partyKey || !entryId) return null;
  const aligned = alignedOf(details);
  return (
    <div className="screening-review" data-testid="screening-review">
      <table className="dense">
        <thead>
          <tr><th>{t('review.filed')}</th><th>{t('review.listed')}</th></tr>
        </thead>
        <tbody>
          <tr><td className="strong">{partyName}</td><td className="strong">{entryName}</td></tr>
          {aligned.map((a, i) => (
            <tr key={i} data-testid="aligned-token">
              <td><mark>{a.query}</mark></td>
              <td><mark>{a.candidate}</mark> <span className="muted">{a.score.toFixed(2)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {review.isSuccess ? (
        <p data-testid="review-saved">{t('review.saved', { decision: review.data.decision })}</p>
      ) : (
        <div className="review-actions">
          <input data-testid="review-reason" placeholder={t('review.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" data-testid="review-true" disabled={reason.trim().length < 3 || review.isPending} onClick={() => review.mutate('true_match')}>{t('review.trueMatch')}</button>
          <button type="button" data-testid="review-false" disabled={reason.trim().length < 3 || review.isPending} onClick={() => review.mutate('false_positive')}>{t('review.falsePositive')}</button>
          {review.isError ? <span className="error">{String(review.error instanceof Error ? review.error.message : review.error)}</span> : null}
        </div>
      )}
    </div>
  );
}
