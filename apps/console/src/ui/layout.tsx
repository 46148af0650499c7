import { type ReactNode, useEffect, useRef } from 'react';
import { signOut, type User } from '../api/session';
import { useLanguage } from '../i18n/i18n';
import { useT } from '../i18n/t';
import { useLive } from '../live/live';
import { UrgentAlerts } from './urgent-alerts';
import { Link, useLocation } from './router';

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useT();
  const other = language === 'en' ? 'fr' : 'en';
  return (
    <button type="button" className="language" lang={other} onClick={() => setLanguage(other)}>
      {t('language.switch')}
    </button>
  );
}

function LiveIndicator() {
  const { status } = useLive();
  const t = useT();
  return (
    <span className={`live live-${status}`} role="status">
      <span aria-hidden="true" className="dot" />
      {t(status === 'live' ? 'live.live' : 'live.reconnecting')}
    </span>
  );
}

/** Every signed-in screen: header, navigation, urgent alerts, then the screen's own content. */
export function Shell({ user, title, children }: { user: User; title: string; children: ReactNode }) {
  const t = useT();
  const { path } = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Riding Relay`;
  }, [title]);
  // A new screen moves focus to its heading, so screen readers announce where they are.
  useEffect(() => {
    heading.current?.focus();
  }, [path]);
  const nav: { href: string; label: string; show: boolean }[] = [
    { href: '/', label: t('nav.queue'), show: user.role !== 'admin' },
    { href: '/follow-ups', label: t('nav.myDay'), show: user.role !== 'admin' },
    { href: '/liaison', label: t('nav.liaison'), show: user.role !== 'admin' },
    { href: '/channels', label: t('nav.channels'), show: user.role !== 'admin' },
    { href: '/handoffs', label: t('nav.handoffs'), show: user.role !== 'admin' },
    { href: '/reports', label: t('nav.reports'), show: user.role !== 'admin' },
    { href: '/precedents', label: t('nav.precedents'), show: user.role !== 'admin' },
    { href: '/office', label: t('nav.office'), show: user.role === 'office_lead' },
    { href: '/directory', label: t('nav.directory'), show: user.role === 'admin' },
  ];
  const current = (href: string) => (href === '/' ? path === '/' || path.startsWith('/files') : path.startsWith(href));
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <span className="brand">Riding Relay</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="tools">
          <LiveIndicator />
          <LanguageSwitch />
          <span className="who">{t('nav.signedInAs', { name: user.displayName })}</span>
          <button type="button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <UrgentAlerts />
      <main id="main">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {children}
      </main>
    </>
  );
}
