import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { refresh, sessionStore, type User } from './api/session';
import { useT } from './i18n/t';
import { LiveProvider } from './live/live';
import { QueueScreen } from './screens/queue';
import { SignIn } from './screens/sign-in';
import { Shell } from './ui/layout';
import { Link, navigate, useLocation } from './ui/router';

const CaseScreen = lazy(() => import('./screens/case-file'));
const NewCaseScreen = lazy(() => import('./screens/new-case'));
const ChannelsScreen = lazy(() => import('./screens/channels'));
const HandoffsScreen = lazy(() => import('./screens/handoffs'));
const TradesScreen = lazy(() => import('./screens/trades'));
const OfficeScreen = lazy(() => import('./screens/office'));
const DirectoryScreen = lazy(() => import('./screens/directory'));
const ReportsScreen = lazy(() => import('./screens/reports'));
const PrecedentsScreen = lazy(() => import('./screens/precedents'));
const FollowUpsScreen = lazy(() => import('./screens/follow-ups'));
const LiaisonScreen = lazy(() => import('./screens/liaison'));
const ChecklistTemplatesScreen = lazy(() => import('./screens/checklist-templates'));

function Loading() {
  const t = useT();
  return <p role="status">{t('common.loading')}</p>;
}

/**
 * Every screen but the directory shows an office's work: a user of no office (an admin) is
 * told so here, rather than by each of the screen's calls answering 403 office_required.
 */
function OfficeRequired({ user }: { user: User }) {
  const t = useT();
  return (
    <Shell user={user} title={t('officeRequired.title')}>
      <p>{t('officeRequired.body')}</p>
      <p>
        <Link href="/directory">{t('officeRequired.toDirectory')}</Link>
      </p>
    </Shell>
  );
}

/** The screen for the URL; each screen renders its own Shell (title, navigation). */
function Screen({ user }: { user: User }) {
  const { path } = useLocation();
  const t = useT();
  const segments = path.split('/').filter(Boolean);
  const officeMember = user.officeId !== null;
  useEffect(() => {
    if (!officeMember && path === '/') navigate('/directory', true);
  }, [officeMember, path]);
  const screen = (() => {
    if (!officeMember && segments[0] !== 'directory') return <OfficeRequired user={user} />;
    switch (segments[0]) {
      case undefined:
        return <QueueScreen user={user} />;
      case 'files':
        return segments[1] === 'new' ? (
          <NewCaseScreen user={user} />
        ) : (
          <CaseScreen user={user} id={segments[1] ?? ''} />
        );
      case 'channels':
        return <ChannelsScreen user={user} channelId={segments[1]} />;
      case 'handoffs':
        return segments[1] === 'trades' ? <TradesScreen user={user} /> : <HandoffsScreen user={user} />;
      case 'office':
        return segments[1] === 'checklists' ? <ChecklistTemplatesScreen user={user} /> : <OfficeScreen user={user} />;
      case 'follow-ups':
        return <FollowUpsScreen user={user} />;
      case 'liaison':
        return <LiaisonScreen user={user} />;
      case 'directory':
        return <DirectoryScreen user={user} />;
      case 'reports':
        return <ReportsScreen user={user} />;
      case 'precedents':
        return <PrecedentsScreen user={user} />;
      default:
        return (
          <Shell user={user} title={t('notFound.title')}>
            <p>{t('notFound.body')}</p>
          </Shell>
        );
    }
  })();
  return <Suspense fallback={<Loading />}>{screen}</Suspense>;
}

export function App() {
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const queries = useQueryClient();
  const lastUser = useRef<User | null>(null);
  useEffect(() => {
    void refresh(); // a refresh cookie from an earlier visit signs the tab in again
  }, []);
  const signedOut = session.status === 'signedOut' && !session.expired;
  useEffect(() => {
    if (signedOut) queries.clear(); // the next person to sign in sees nothing of this one's
  }, [signedOut, queries]);
  if (session.status === 'starting') return <Loading />;
  if (session.status === 'signedIn') lastUser.current = session.user;
  const user = lastUser.current;
  if (signedOut || !user) return <SignIn expired={false} />;
  // When the session runs out under an open screen, sign-in opens over it, so nothing typed is lost.
  const active = session.status === 'signedIn';
  return (
    <>
      <LiveProvider key={user.id} active={active} officeMember={user.officeId !== null}>
        <div inert={!active}>
          <Screen user={user} />
        </div>
      </LiveProvider>
      {!active && (
        <div className="overlay">
          <SignIn expired />
        </div>
      )}
    </>
  );
}
