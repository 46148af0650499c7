import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';

/** "in 3 hours", "2 days ago": a deadline as a countdown in the chosen language. */
export function useCountdown() {
  const intl = useIntl();
  return (iso: string | null | undefined, now = Date.now()) => {
    if (!iso) return '';
    const minutes = Math.round((Date.parse(iso) - now) / 60_000);
    const abs = Math.abs(minutes);
    if (abs < 60) return intl.formatRelativeTime(minutes, 'minute', { numeric: 'auto' });
    if (abs < 48 * 60) return intl.formatRelativeTime(Math.round(minutes / 60), 'hour');
    return intl.formatRelativeTime(Math.round(minutes / 1440), 'day');
  };
}

/** Re-renders every minute, so countdowns stay true on a page left open. */
export function useMinuteTick(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function DateTime({ iso, dateOnly }: { iso: string | null | undefined; dateOnly?: boolean }) {
  const intl = useIntl();
  if (!iso) return null;
  const text = dateOnly
    ? intl.formatDate(iso, { dateStyle: 'medium' })
    : intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  return <time dateTime={iso}>{text}</time>;
}

/** A due time with its countdown; a late one says "Overdue" in words, not by colour alone. */
export function Due({ iso, now, overdue }: { iso: string; now: number; overdue?: boolean }) {
  const intl = useIntl();
  const countdown = useCountdown();
  // The minute tick may lag a list refetched since: the clock is read again.
  const current = Math.max(now, Date.now());
  const late = overdue ?? Date.parse(iso) < current;
  return (
    <span className={late ? 'overdue' : undefined}>
      {late && <strong className="badge badge-overdue">{intl.formatMessage({ id: 'due.overdue' })}</strong>}{' '}
      <DateTime iso={iso} /> <span className="hint">({countdown(iso, current)})</span>
    </span>
  );
}
