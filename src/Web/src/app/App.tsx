import { Suspense } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { useSession, type Role } from '../auth/session';
import { Loading, Notice } from '../components/Notice';
import { useT } from '../i18n';
import SignInPage from '../pages/signin/SignInPage';
import { Layout } from './Layout';
import { routes, suggestRoutes } from './routes';

/** Signed out: the sign-in page. Signed in: the pages of the session's role inside the layout. */
export function App() {
  const session = useSession();
  const t = useT();
  if (!session) return <SignInPage />;
  return (
    <BrowserRouter>
      <Layout session={session}>
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.roles.includes(session.role) ? <r.page /> : <Notice kind="error">{t('app.notAllowed')}</Notice>} />
            ))}
            <Route path="*" element={<NotFound role={session.role} />} />
          </Routes>
        </Suspense>
      </Layout>
    </BrowserRouter>
  );
}

/** An address no page has: says so, offers the pages it may have meant and the way home. */
function NotFound({ role }: { role: Role }) {
  const t = useT();
  const { pathname } = useLocation();
  const suggested = suggestRoutes(pathname, role);
  return (
    <Notice kind="error">
      <p>{t('app.notFound')}</p>
      {suggested.length > 0 && (
        <p>
          {t('app.notFound.suggest')}{' '}
          {suggested.map((r, i) => <span key={r.path}>{i > 0 && '、'}<Link to={r.path}>{t(r.nav!)}</Link></span>)}
        </p>
      )}
      <p><Link to="/">{t('app.notFound.home')}</Link></p>
    </Notice>
  );
}
