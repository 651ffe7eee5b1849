// The inspection of a referral as the node recorded it: type, office day, status, and each
// finding with category, description, quantity or weight and seizure reference.
import type { paths } from '../api/schema.gen.js';
import { useI18n } from '../i18n/i18n-context.js';

type Detail = paths['/api/v1/referrals/{id}']['get']['responses'][200]['content']['application/json'];
type Inspection = NonNullable<Detail['inspection']>;

export function InspectionBlock({ inspection }: { inspection: Inspection }) {
  const { t, tv, dateTime, number } = useI18n();
  const i = inspection;
  return (
    <div data-testid="inspection-result" data-status={i.status} data-result={i.result ?? ''}>
      <h3>{t('filing.inspection')}</h3>
      <p>
        {tv('actions.type', i.type)} · {i.office} · {i.day} · {tv('inspection.status', i.status)}
        {i.randomControl ? ` · ${t('selection.random_control')}` : ''} · {t('filing.inspection.ordered', { by: i.orderedBy, at: dateTime(i.orderedAt) })}
      </p>
      {i.result ? (
        <p className="strong">
          {i.result === 'finding' ? t('inspections.finding') : t('inspections.noFinding')}
          {i.recordedBy ? ` · ${i.recordedBy} · ${dateTime(i.recordedAt)}` : ''}
        </p>
      ) : null}
      {i.findings.length > 0 ? (
        <table className="dense" data-testid="findings">
          <tbody>
            {i.findings.map((f, k) => (
              <tr key={k} data-testid="finding">
                <td>{f.category}</td>
                <td>{f.description}</td>
                <td className="num">{f.weightKg !== null ? `${number(f.weightKg, 1)} kg` : f.quantity !== null ? `${number(f.quantity)} ${f.quantityUnit ?? ''}` : ''}</td>
                <td className="mono" data-testid="seizure-reference">{f.seizureReference ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {i.notes ? <p className="muted">{i.notes}</p> : null}
    </div>
  );
}
