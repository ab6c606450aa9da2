import { Link } from 'react-router-dom';
import { inMenu, routes } from '../../app/routes';
import { useSession } from '../../auth/session';
import { Page } from '../../components/Page';
import { useT } from '../../i18n';
import { Level2Notice } from './Level2Notice';

/** The start page: the pages the signed-in role can use, as links. */
export default function HomePage() {
  const t = useT();
  const session = useSession();
  const mine = routes.filter((r) => session && inMenu(r, session.role));
  return (
    <Page title={t('home.title')}>
      {session?.role === 'Coordinator' ? <Level2Notice /> : null}
      {session?.role === 'Counsellor' || session?.role === 'Clinician' ? <Level2Notice level={3} /> : null}
      {session?.role === 'Supervisor' ? <Level2Notice level="supervisor" /> : null}
      <p>{t('home.intro')}</p>
      <ul className="link-list">
        {mine.map((r) => <li key={r.path}><Link to={r.path}>{t(r.nav!)}</Link></li>)}
      </ul>
    </Page>
  );
}
