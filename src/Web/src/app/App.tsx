import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { useSession } from '../auth/session';
import { Loading, Notice } from '../components/Notice';
import { useT } from '../i18n';
import SignInPage from '../pages/signin/SignInPage';
import { Layout } from './Layout';
import { routes } from './routes';

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
            <Route path="*" element={<Notice kind="error">{t('app.notFound')}</Notice>} />
          </Routes>
        </Suspense>
      </Layout>
    </BrowserRouter>
  );
}
