import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { api, refresh, sessionStore } from '../api/session';

export interface LiveEvent {
  stream: string;
  seq: number;
  id: string;
  type: string;
  at: string;
  actor: { userId: string | null; officeId: string | null };
  data: Record<string, unknown>;
}
type Missed = { ok: boolean; missed?: LiveEvent[] };
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

interface LiveApi {
  status: LiveStatus;
  socket: Socket | null;
}
const LiveContext = createContext<LiveApi>({ status: 'connecting', socket: null });
export const useLive = () => useContext(LiveContext);

/** What each event makes stale; the screens refetch what they show. */
function staleKeys(event: LiveEvent): string[][] {
  const channelId = typeof event.data.channelId === 'string' ? event.data.channelId : undefined;
  const caseId = typeof event.data.caseId === 'string' ? event.data.caseId : undefined;
  const [family] = event.type.split('.');
  switch (family) {
    case 'message':
      return channelId ? [['feed', channelId]] : [];
    case 'alert': {
      // Only the alert concerned: refetching every alert's acknowledgements on each event grows with the feed.
      const alertId = typeof event.data.alertId === 'string' ? event.data.alertId : undefined;
      if (event.type === 'alert.acknowledged')
        return [
          ['alerts', 'unacknowledged'],
          ['alerts', 'acks', alertId ?? ''],
        ];
      return [['alerts', 'unacknowledged'], ...(channelId ? [['feed', channelId]] : [])];
    }
    case 'presence':
      return channelId ? [['presence', channelId]] : [];
    case 'channel':
      return [['channels']];
    case 'case':
      return [['cases'], ...(caseId ? [['case', caseId]] : [])];
    case 'document':
      return caseId ? [['documents', caseId]] : [];
    case 'precedent':
      return [['precedents']];
    case 'follow_up':
      return [['follow-ups'], ['cases']];
    case 'ircc':
      return [['liaison'], ['cases'], ...(caseId ? [['interactions', caseId]] : [])];
    case 'handoff':
    case 'trade':
      return [['handoffs'], ['trades'], ['cases'], ['ledger'], ...(channelId ? [['feed', channelId]] : [])];
    default:
      return [];
  }
}

/**
 * One socket per tab. It keeps the last `seq` of every stream it has seen and, after each
 * reconnect, subscribes its channels again from there and `sync`s the rest, so nothing is
 * missed (and nothing is applied twice: an event at or below the last seq is dropped).
 */
export function LiveProvider({
  children,
  active,
  officeMember,
}: {
  children: ReactNode;
  active: boolean;
  /** A user of no office (an admin) has no channels to subscribe to. */
  officeMember: boolean;
}) {
  const queries = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [socket, setSocket] = useState<Socket | null>(null);
  const lastSeq = useRef(new Map<string, number>());

  useEffect(() => {
    if (!active) return;
    const seen = lastSeq.current;
    let connectedOnce = false;
    let stopped = false;
    // An alert shows as soon as its event arrives; the refetch then adds its count of open files.
    const showAtOnce = (alert: Record<string, unknown>) =>
      queries.setQueryData<{ items: Record<string, unknown>[] }>(['alerts', 'unacknowledged'], (old) =>
        old && !old.items.some((item) => item.id === alert.id)
          ? { ...old, items: [{ ...alert, caseRef: null, affectedOpenCases: 0, acknowledged: false }, ...old.items] }
          : old,
      );
    const apply = (event: LiveEvent) => {
      if ((seen.get(event.stream) ?? 0) >= event.seq) return;
      seen.set(event.stream, event.seq);
      if (event.type === 'alert.posted') showAtOnce(event.data);
      for (const queryKey of staleKeys(event)) void queries.invalidateQueries({ queryKey });
    };
    const s = io('/live', {
      transports: ['websocket'],
      auth: (cb) => cb({ token: sessionStore.token() }),
      reconnectionDelayMax: 3000,
    });
    s.on('event', apply);
    s.on('connect', () => {
      setStatus('live');
      void (async () => {
        const { data } = officeMember
          ? await api.GET('/api/v1/channels', { params: { query: { limit: 200 } } })
          : { data: undefined };
        for (const channel of data?.items ?? []) {
          const after = seen.get(`channel:${channel.id}`);
          const answer = (await s.emitWithAck('subscribe', { channelId: channel.id, after })) as Missed;
          answer.missed?.forEach(apply);
        }
        const known = Object.fromEntries([...seen].filter(([stream]) => !stream.startsWith('channel:')));
        if (Object.keys(known).length > 0) {
          const answer = (await s.emitWithAck('sync', { streams: known })) as Missed;
          answer.missed?.forEach(apply);
        }
        // After sleep or a restart, what the screens show may be older than any event kept.
        if (connectedOnce) await queries.invalidateQueries();
        connectedOnce = true;
      })();
    });
    s.on('disconnect', (reason) => {
      setStatus('reconnecting');
      // A draining server closes its sockets itself, which socket.io does not retry: we do.
      if (reason === 'io server disconnect' && !stopped) setTimeout(() => s.connect(), 500 + Math.random() * 1500);
    });
    s.on('connect_error', () => {
      setStatus('reconnecting');
      // A refused handshake is not retried by socket.io: refresh the token, then try again.
      if (!s.active && !stopped) {
        void refresh().then((ok) => ok && !stopped && setTimeout(() => s.connect(), 1000));
      }
    });
    setSocket(s);
    return () => {
      stopped = true;
      s.disconnect();
    };
  }, [queries, active, officeMember]);

  return <LiveContext.Provider value={{ status, socket }}>{children}</LiveContext.Provider>;
}
