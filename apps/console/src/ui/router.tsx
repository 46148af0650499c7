import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** The console's routes are plain URLs; the server answers index.html for each of them. */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
  window.scrollTo(0, 0);
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => location.pathname + location.search,
  );
  const url = new URL(href, location.origin);
  return { path: url.pathname, query: url.searchParams };
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}

/** A screen's filters kept in its URL's query, so a search or a report can be reloaded and shared. */
export function useUrlFilters(path: string) {
  const { query } = useLocation();
  const get = (name: string) => query.get(name) ?? '';
  const go = (next: URLSearchParams) => {
    const search = next.toString();
    navigate(search ? `${path}?${search}` : path, true);
  };
  /** One filter changed, the others kept. */
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    go(next);
  };
  /** Every filter at once (a form submitted). */
  const setAll = (values: Record<string, string>) =>
    go(new URLSearchParams(Object.entries(values).filter(([, value]) => value)));
  return { get, set, setAll };
}
