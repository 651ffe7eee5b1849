import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { LocaleToggle } from '../ui/locale-toggle.js';
import { useSession } from './session-context.js';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form onSubmit={(e) => void submit(e)} className="card">
        <div className="login-head">
          <h1>{t('app.title')}</h1>
          <LocaleToggle />
        </div>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error ? <p className="notice error" role="alert">{t('login.failed', { message: error })}</p> : null}
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
