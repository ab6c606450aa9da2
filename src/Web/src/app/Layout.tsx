import { Suspense, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { graphql } from '../gql';
import { useQuery } from '../api/hooks';
import { setSession, type Session } from '../auth/session';
import { hasString, useLang, useT, type Lang } from '../i18n';
import { TimeZoneProvider } from '../i18n/format';
import { TenantKindProvider } from '../i18n/tenantKind';
import { kindKey } from '../i18n/kindKey';
import { Loading } from '../components/Notice';
import { inMenu, routes } from './routes';

const TenantQuery = graphql(`
  query ConsoleTenant { tenant { id name timeZone kind } }
`);

/** The language switch: a labelled select, so it works the same by keyboard, touch and screen reader. */
export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <label className="lang">
      <span>{t('app.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="zh" lang="zh-CN">中文</option>
        <option value="en" lang="en">English</option>
      </select>
    </label>
  );
}

/** The frame of every signed-in page: skip link, header, the role's menu, the page, all in the tenant's time zone. */
export function Layout({ session, children }: { session: Session; children: ReactNode }) {
  const t = useT();
  const [menuOpen, setMenuOpen] = useState(false);
  const tenant = useQuery(TenantQuery, {}, { skip: !session.tenant });
  const nav = routes.filter((r) => inMenu(r, session.role));
  return (
    <TimeZoneProvider zone={tenant.data?.tenant?.timeZone}>
    <TenantKindProvider kind={tenant.data?.tenant?.kind}>
      <a className="skip" href="#main">{t('app.skip')}</a>
      <header className="top">
        <div className="brand">{t('app.name')}</div>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          {t('app.menu')}
        </button>
        <div className="who">
          <span className="sr-only">{t('app.signedIn')}</span>
          <span translate="no">{session.sub}</span> · <span>{t(kindKey(`role.${session.role}`, tenant.data?.tenant?.kind, hasString))}</span> ·{' '}
          <span translate="no">{session.tenant ? tenant.data?.tenant?.name ?? session.tenant : t('app.platform')}</span>
        </div>
        <LanguageSwitch />
        <button type="button" onClick={() => setSession(null)}>{t('app.signOut')}</button>
      </header>
      <div className="frame">
        <nav id="main-nav" aria-label={t('app.mainNav')} className={menuOpen ? 'open' : undefined}>
          <ul>
            {nav.map((r) => (
              <li key={r.path}><NavLink to={r.path} end onClick={() => setMenuOpen(false)}>{t(r.nav!)}</NavLink></li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading label={t('common.loading')} />}>{children}</Suspense>
        </main>
      </div>
    </TenantKindProvider>
    </TimeZoneProvider>
  );
}
