import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type User = components['schemas']['UserDto'];
export type Session =
  { status: 'starting' } | { status: 'signedOut'; expired: boolean } | { status: 'signedIn'; user: User };

/**
 * The access token lives in this module's memory only; the refresh token is an HttpOnly
 * cookie the server scopes to /api/v1/auth/refresh, so no page script can read it.
 */
let accessToken: string | null = null;
let session: Session = { status: 'starting' };
const listeners = new Set<() => void>();
const cookie = { 'content-type': 'application/json', 'x-refresh-transport': 'cookie' };

function setSession(next: Session) {
  session = next;
  listeners.forEach((listener) => listener());
}

export const sessionStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => session,
  token: () => accessToken,
};

type SessionAnswer = { accessToken: string; user: User };

function signedIn(answer: SessionAnswer) {
  accessToken = answer.accessToken;
  setSession({ status: 'signedIn', user: answer.user });
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time; every caller waiting on a 401 shares it. */
export function refresh(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', { method: 'POST', headers: cookie, body: '{}' })
    .then(async (res) => {
      if (!res.ok) {
        accessToken = null;
        setSession({ status: 'signedOut', expired: session.status === 'signedIn' });
        return false;
      }
      signedIn((await res.json()) as SessionAnswer);
      return true;
    })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

export type Problem = {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
};

/** Signs in; answers the problem details when it fails. */
export async function signIn(email: string, password: string): Promise<Problem | null> {
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: cookie,
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) return { status: res.status, ...((await res.json().catch(() => ({}))) as object) };
  signedIn((await res.json()) as SessionAnswer);
  return null;
}

export async function signOut(): Promise<void> {
  await api.POST('/api/v1/auth/logout', { headers: { 'x-refresh-transport': 'cookie' } }).catch(() => undefined);
  accessToken = null;
  setSession({ status: 'signedOut', expired: false });
}

async function authorizedFetch(request: Request): Promise<Response> {
  const spare = request.clone();
  const send = (original: Request) => {
    // Never the HTTP cache: an ETag is a file's version, which a new consent does not change.
    const req = new Request(original, { cache: 'no-store' });
    if (accessToken) req.headers.set('authorization', `Bearer ${accessToken}`);
    return fetch(req);
  };
  const res = await send(request);
  if (res.status !== 401 || request.url.includes('/auth/login')) return res;
  return (await refresh()) ? send(spare) : res;
}

export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

/** Throws the problem details of a failed call, so TanStack Query sees an error. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) throw { status: response.status, ...(error as object) } as Problem;
  return data as T;
}

/** A signed-in GET of bytes (a document, a CSV): its body and the filename the server suggests. */
export async function fetchFile(url: string): Promise<{ blob: Blob; filename: string | null }> {
  const res = await authorizedFetch(new Request(url));
  if (!res.ok) throw { status: res.status, ...((await res.json().catch(() => ({}))) as object) } as Problem;
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await res.blob(), filename: encoded ? decodeURIComponent(encoded) : (plain ?? null) };
}

/**
 * A signed-in multipart POST through XMLHttpRequest, whose upload reports progress (fetch's
 * does not): `onProgress` gets 0 to 1. Answers the JSON body, or throws its problem details.
 * `headers` go with every send (the same Idempotency-Key when it is sent again after a refresh).
 */
export async function postWithProgress<T>(
  url: string,
  body: FormData,
  onProgress: (done: number) => void,
  headers: Record<string, string> = {},
): Promise<T> {
  const send = () =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      if (accessToken) xhr.setRequestHeader('authorization', `Bearer ${accessToken}`);
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
      xhr.onerror = () => reject({ status: 0 } as Problem);
      xhr.send(body);
    });
  let res = await send();
  if (res.status === 401 && (await refresh())) res = await send();
  if (res.status < 200 || res.status >= 300) throw { status: res.status, ...(res.body as object) } as Problem;
  return res.body as T;
}
