// Every factor of an assessment with its reason, points and provenance: the profile and its
// version, the list entry, the model and its feature contributions, or the partner lookout with
// its TLP/PAP marking. This table is the explanation a targeter acts on.
import type { paths } from '../api/schema.gen.js';
import { useI18n } from '../i18n/i18n-context.js';
import { MarkingBadges } from '../ui/badges.js';
import { Link } from '../ui/router.js';
import { ScreeningReview } from './screening-review.js';

type Detail = paths['/api/v1/referrals/{id}']['get']['responses'][200]['content']['application/json'];
export type Factor = NonNullable<Detail['assessment']>['factors'][number];

function contributions(details: Record<string, unknown> | undefined): string | null {
  const c = details?.contributions;
  if (!Array.isArray(c)) return null;
  const parts: string[] = [];
  for (const x of c.slice(0, 4)) {
    if (typeof x === 'object' && x !== null && 'feature' in x && 'value' in x && typeof x.value === 'number') parts.push(`${String(x.feature)} ${x.value >= 0 ? '+' : ''}${x.value.toFixed(2)}`);
  }
  return parts.length ? parts.join(', ') : null;
}

function Provenance({ f }: { f: Factor }) {
  const { t, tv } = useI18n();
  const version = t('assessment.version', { version: f.version });
  const label = tv('assessment.source', f.source);
  if (f.source === 'profile') {
    return (
      <span>
        {label} <Link to={`/profiles/${encodeURIComponent(f.sourceId)}`}>{f.sourceId}</Link> · {version}
      </span>
    );
  }
  if (f.source === 'model') {
    const c = contributions(f.details);
    return (
      <span>
        {label} {f.sourceId} · {version}
        {c ? <span className="muted"> ({c})</span> : null}
      </span>
    );
  }
  const list = typeof f.details?.list === 'string' ? ` (${f.details.list})` : '';
  return (
    <span>
      {label} <span className="mono">{f.sourceId}</span>
      {list} · {version} <MarkingBadges marking={f.marking} />
    </span>
  );
}

export function FactorTable({ factors }: { factors: readonly Factor[] }) {
  const { t, tv, number } = useI18n();
  const sorted = [...factors].sort((a, b) => Number(b.forcedChannel !== null) - Number(a.forcedChannel !== null) || b.points - a.points);
  return (
    <table className="dense factors" data-testid="factors">
      <thead>
        <tr><th className="num">{t('assessment.col.points')}</th><th>{t('assessment.col.reason')}</th><th>{t('assessment.col.provenance')}</th></tr>
      </thead>
      <tbody>
        {sorted.map((f, i) => (
          <tr key={i} data-testid="factor">
            <td className="num strong">
              {number(f.points, 1)}
              {f.forcedChannel ? <div className="forced">{t('assessment.forces', { channel: tv('channel', f.forcedChannel) })}</div> : null}
            </td>
            <td data-testid="factor-reason">{f.reason}</td>
            <td>
              <Provenance f={f} />
              {f.source === 'screening' && f.details ? <ScreeningReview details={f.details} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
