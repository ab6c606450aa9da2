import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { allRoles, setSession, type Role } from '../../auth/session';
import { completeOidcSignIn, developmentSignIn, isOidcCallback, oidcSignIn, signInOptions, type SignInOptions } from '../../auth/signIn';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useT } from '../../i18n';
import { LanguageSwitch } from '../../app/Layout';

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('UNKNOWN', e instanceof Error ? e.message : String(e), [], null, 0);
}

/** The sign-in page: development sign-in (tenant, role, user name) or OpenID Connect, whichever the service offers. */
export default function SignInPage() {
  const t = useT();
  const [options, setOptions] = useState<SignInOptions>();
  const [error, setError] = useState<ApiError>();
  const [tenant, setTenant] = useState('demo-school');
  const [role, setRole] = useState<Role>('Caseworker');
  const [sub, setSub] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    signInOptions()
      .then(async (o) => {
        setOptions(o);
        if (o.mode === 'OIDC' && isOidcCallback()) setSession(await completeOidcSignIn(o));
      })
      .catch((e) => setError(asApiError(e)));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setSession(await developmentSignIn(role === 'PlatformAdmin' ? undefined : tenant.trim(), role, sub.trim() || (role === 'PlatformAdmin' ? 'platformadmin' : role === 'TenantAdmin' ? `admin@${tenant.trim()}` : `${role.toLowerCase()}@${tenant.trim()}`)));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <div className="signin-lang"><LanguageSwitch /></div>
      <main id="main">
        <Page title={t('signIn.title')}>
          {error ? <ErrorNotice error={error} /> : null}
          {!options && !error ? <Loading label={t('common.loading')} /> : null}
          {options?.mode === 'DEVELOPMENT' && !options.developmentSignInAvailable ? (
            <Notice kind="info">{t('signIn.devRemote')} <code>Auth:DevelopmentSignInFromAnyAddress</code></Notice>
          ) : null}
          {options?.mode === 'DEVELOPMENT' && options.developmentSignInAvailable ? (
            <form onSubmit={submit} className="card">
              <p>{t('signIn.devIntro')}</p>
              <Field label={t('signIn.role')} required>
                <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {allRoles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                </select>
              </Field>
              {role !== 'PlatformAdmin' ? (
                <Field label={t('signIn.tenant')} hint={t('signIn.tenantHint')} required>
                  <input value={tenant} onChange={(e) => setTenant(e.target.value)} autoComplete="off" spellCheck={false} list="signin-tenants" />
                </Field>
              ) : null}
              <datalist id="signin-tenants">
                {options.tenants.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </datalist>
              <Field label={t('signIn.sub')} hint={t('signIn.subHint')}>
                <input value={sub} onChange={(e) => setSub(e.target.value)} autoComplete="username" spellCheck={false} />
              </Field>
              <button type="submit" className="primary" disabled={busy}>{t('signIn.submit')}</button>
            </form>
          ) : null}
          {options?.mode === 'OIDC' && options.authority ? (
            isOidcCallback() ? <Loading label={t('signIn.completing')} /> : (
              <div className="card">
                <p>{t('signIn.oidcIntro')}</p>
                <button type="button" className="primary" onClick={() => oidcSignIn(options).catch((e) => setError(asApiError(e)))}>{t('signIn.oidcSubmit')}</button>
              </div>
            )
          ) : null}
          {options?.mode === 'OIDC' && !options.authority ? <Notice kind="error">{t('signIn.unavailable')}</Notice> : null}
        </Page>
      </main>
    </div>
  );
}
