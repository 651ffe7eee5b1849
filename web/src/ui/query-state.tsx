// One way to show loading, errors and routes the node does not serve yet, on every screen.
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';

export function QueryState({ isLoading, error, children }: { isLoading: boolean; error: unknown; children?: ReactNode }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.pending) return <p className="notice pending" data-testid="pending">{t('app.pending', { status: error.status })}</p>;
  if (error) return <p className="notice error" role="alert">{t('app.error', { message: error instanceof Error ? error.message : String(error) })}</p>;
  if (isLoading) return <p className="notice">{t('app.loading')}</p>;
  return <>{children}</>;
}
