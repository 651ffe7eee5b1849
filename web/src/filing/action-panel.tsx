// The targeter's decision on a referral: release, hold, order an inspection (of a chosen type)
// or Do-Not-Load (air cargo before loading only), always with a reason. The node refuses actions
// on closed referrals and concurrent double actions; its message is shown as it is.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages-en.js';

type ActionKind = 'release' | 'hold' | 'order_inspection' | 'issue_dnl';
type InspectionType = 'documentary' | 'nii_scan' | 'physical';
const DNL_KINDS = new Set(['air_master_waybill', 'air_house_waybill', 'express_consignment']);
const LABELS: Record<ActionKind, MessageKey> = { release: 'actions.release', hold: 'actions.hold', order_inspection: 'actions.inspect', issue_dnl: 'actions.dnl' };

export function ActionPanel({ referralId, kind, version, closed }: { referralId: string; kind: string; version: number; closed: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [type, setType] = useState<InspectionType>('physical');
  const [done, setDone] = useState<ActionKind | null>(null);
  const act = useMutation({
    mutationFn: (action: ActionKind) =>
      unwrap(
        api.POST('/api/v1/referrals/{id}/actions', {
          params: { path: { id: referralId } },
          // expectedVersion: a concurrent action by someone else makes the node refuse this one.
          body: action === 'order_inspection' ? { action, inspectionType: type, reason, expectedVersion: version } : { action, reason, expectedVersion: version },
        }),
      ),
    onSuccess: (_referral, action) => {
      setDone(action);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['referral', referralId] });
      void qc.invalidateQueries({ queryKey: ['referrals'] });
      void qc.invalidateQueries({ queryKey: ['inspections'] });
    },
  });
  const actions: ActionKind[] = DNL_KINDS.has(kind) ? ['release', 'hold', 'order_inspection', 'issue_dnl'] : ['release', 'hold', 'order_inspection'];
  const disabled = closed || act.isPending || reason.trim().length < 3;
  return (
    <div className="actions" data-testid="action-panel">
      <textarea data-testid="action-reason" placeholder={t('actions.reason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} disabled={closed} />
      <div className="buttons">
        <label>
          {t('actions.inspectionType')}{' '}
          <select data-testid="inspection-type" value={type} onChange={(e) => setType(e.target.value === 'documentary' ? 'documentary' : e.target.value === 'nii_scan' ? 'nii_scan' : 'physical')}>
            <option value="documentary">{t('actions.type.documentary')}</option>
            <option value="nii_scan">{t('actions.type.nii_scan')}</option>
            <option value="physical">{t('actions.type.physical')}</option>
          </select>
        </label>
        {actions.map((a) => (
          <button key={a} type="button" className={a === 'order_inspection' || a === 'issue_dnl' ? 'primary' : ''} data-testid={`action-${a}`} disabled={disabled} onClick={() => act.mutate(a)}>
            {t(LABELS[a])}
          </button>
        ))}
      </div>
      {act.error ? <p className="notice error" role="alert">{act.error.message}</p> : null}
      {done && !act.error ? <p className="notice ok" data-testid="action-done">{t('actions.done', { action: t(LABELS[done]) })}</p> : null}
    </div>
  );
}
