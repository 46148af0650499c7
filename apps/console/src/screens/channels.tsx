import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { useLive } from '../live/live';
import { CATEGORIES, SEVERITIES } from '../ui/enums';
import { asProblem, Field, ProblemMessage } from '../ui/form';
import { idempotencyKey } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { OfficeName } from '../ui/office-name';
import { Link } from '../ui/router';
import { DateTime } from '../ui/time';
import { useAcknowledge, useUnacknowledgedAlerts } from '../ui/urgent-alerts';
import { useFormMutation } from './form-mutation';
import { Summary } from './handoffs';

type Post = components['schemas']['PostDto'];

const FEED_SIZE = 100;

function Acks({ alertId }: { alertId: string }) {
  const t = useT();
  const { data } = useQuery({
    queryKey: ['alerts', 'acks', alertId],
    queryFn: () =>
      call(api.GET('/api/v1/alerts/{id}/acks', { params: { path: { id: alertId }, query: { limit: 200 } } })),
  });
  if (!data) return null;
  return (
    <p className="acks">
      {t('alerts.acks', { count: data.items.length })}
      {data.items.length > 0 && ` (${data.items.map((ack) => ack.displayName).join(', ')})`}
    </p>
  );
}

/** A handoff offer made to the channel: its redacted summary, and accepting it for the office. */
function Offer({ handoff, user }: { handoff: NonNullable<Post['handoff']>; user: User }) {
  const t = useT();
  const label = useEnum();
  const queries = useQueryClient();
  const accept = useMutation({
    mutationFn: () => call(api.POST('/api/v1/handoffs/{id}/accept', { params: { path: { id: handoff.id } } })),
    onSettled: () => {
      for (const key of ['feed', 'handoffs', 'cases', 'ledger']) void queries.invalidateQueries({ queryKey: [key] });
    },
  });
  const ours = handoff.acceptedByOfficeId !== null && handoff.acceptedByOfficeId === user.officeId;
  return (
    <>
      <p className="title">
        {t('channels.offer')} · {label('handoffStatus', handoff.status)}
      </p>
      <p>
        <Summary file={handoff.summary} />
      </p>
      <p>{handoff.note}</p>
      {handoff.status === 'offered' && handoff.fromOfficeId !== user.officeId && (
        <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
          {t('channels.acceptOffer')}
        </button>
      )}
      {ours && <Link href={`/files/${handoff.caseId}`}>{t('handoffs.openFile')}</Link>}
      <ProblemMessage problem={asProblem(accept.error)} />
    </>
  );
}

function FeedItem({
  post,
  parent,
  user,
  onReply,
}: {
  post: Post;
  parent: Post | undefined;
  user: User;
  onReply: (post: Post) => void;
}) {
  const t = useT();
  const label = useEnum();
  return (
    <li className={`post post-${post.kind} ${post.severity ? `severity-${post.severity}` : ''}`}>
      <p className="meta">
        <OfficeName id={post.officeId} /> · <DateTime iso={post.createdAt} />
        {post.kind === 'alert' && post.severity && ` · ${label('severity', post.severity)}`}
      </p>
      {post.replyToId && (
        <p className="reply-to">{t('channels.inReplyTo', { excerpt: excerpt(parent) ?? t('channels.earlier') })}</p>
      )}
      {post.title && <p className="title">{post.title}</p>}
      {post.kind === 'handoff' && post.handoff ? (
        <Offer handoff={post.handoff} user={user} />
      ) : (
        <p>{post.deleted ? t('channels.deleted') : post.body}</p>
      )}
      {post.caseRef && <p className="hint">{t('channels.caseRef', { reference: post.caseRef })}</p>}
      {post.kind === 'alert' && <Acks alertId={post.id} />}
      {post.kind !== 'handoff' && !post.deleted && (
        // Visible "Reply"; its name also says which post, so a list of them can be told apart.
        <button
          type="button"
          onClick={() => onReply(post)}
          aria-label={t('channels.replyTo', { excerpt: excerpt(post) ?? '' })}
        >
          {t('channels.replyShort')}
        </button>
      )}
    </li>
  );
}

/** The start of a post, to name it in a reply. */
function excerpt(post: Post | undefined): string | undefined {
  const text = post?.title || post?.body;
  if (!text) return undefined;
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function Presence({ channelId }: { channelId: string }) {
  const t = useT();
  const { socket, status } = useLive();
  const { data } = useQuery({
    queryKey: ['presence', channelId, status],
    queryFn: async () => {
      const answer = (await socket!.emitWithAck('presence', { channelId })) as {
        ok: boolean;
        online?: { userId: string; displayName: string; officeId: string }[];
      };
      return answer.online ?? [];
    },
    enabled: !!socket && status === 'live',
  });
  return (
    <section aria-labelledby="presence-heading">
      <h2 id="presence-heading">{t('channels.online')}</h2>
      <ul>
        {(data ?? []).map((person) => (
          <li key={person.userId}>
            {person.displayName} · <OfficeName id={person.officeId} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PostForms({ channelId, reply }: { channelId: string; reply: Reply }) {
  const t = useT();
  const label = useEnum();
  const message = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/channels/{id}/messages', {
          params: { path: { id: channelId } },
          body: {
            body: v.body ?? '',
            ...(v.caseRef ? { caseRef: v.caseRef } : {}),
            ...(reply.to ? { replyToId: reply.to.id } : {}),
          },
          headers: idempotencyKey(),
        }),
      ),
    [['feed', channelId]],
  );
  const { to, set, field } = reply;
  useEffect(() => {
    if (message.mutation.isSuccess) set(null);
  }, [message.mutation.isSuccess, set]);
  const alert = useFormMutation(
    (v, form) =>
      call(
        api.POST('/api/v1/channels/{id}/alerts', {
          params: { path: { id: channelId } },
          body: {
            title: v.title ?? '',
            body: v.body ?? '',
            severity: (v.severity ?? 'info') as 'info',
            ...(form.getAll('categories').length
              ? { categories: form.getAll('categories') as (typeof CATEGORIES)[number][] }
              : {}),
            ...(v.effectiveDate ? { effectiveDate: v.effectiveDate } : {}),
            ...(v.sourceUrl ? { sourceUrl: v.sourceUrl } : {}),
          },
          headers: idempotencyKey(),
        }),
      ),
    [['feed', channelId], ['alerts']],
  );
  return (
    <div className="columns">
      <form ref={message.form} onSubmit={message.onSubmit} noValidate aria-labelledby="message-heading">
        <h2 id="message-heading">{t('channels.postMessage')}</h2>
        {to && (
          <p className="reply-to">
            {t('channels.replyingTo', { excerpt: excerpt(to) ?? '' })}{' '}
            <button type="button" onClick={() => set(null)}>
              {t('channels.cancelReply')}
            </button>
          </p>
        )}
        <Field label={t('channels.message')} name="body" problem={message.problem} hint={t('channels.noPersonal')}>
          {(props) => <textarea {...props} ref={field} rows={3} />}
        </Field>
        <Field label={t('channels.caseRefField')} name="caseRef" problem={message.problem}>
          {(props) => <input {...props} />}
        </Field>
        <ProblemMessage problem={message.problem} />
        <button type="submit" disabled={message.mutation.isPending}>
          {t('channels.send')}
        </button>
      </form>
      <form ref={alert.form} onSubmit={alert.onSubmit} noValidate aria-labelledby="alert-heading">
        <h2 id="alert-heading">{t('channels.postAlert')}</h2>
        <Field label={t('alerts.titleField')} name="title" problem={alert.problem}>
          {(props) => <input {...props} />}
        </Field>
        <Field label={t('alerts.body')} name="body" problem={alert.problem} hint={t('channels.noPersonal')}>
          {(props) => <textarea {...props} rows={3} />}
        </Field>
        <Field label={t('alerts.severity')} name="severity" problem={alert.problem}>
          {(props) => (
            <select {...props} defaultValue="info">
              {SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {label('severity', severity)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="checkboxes">
          <legend>{t('alerts.categories')}</legend>
          {CATEGORIES.map((category) => (
            <span key={category}>
              <input type="checkbox" name="categories" value={category} id={`alert-cat-${category}`} />
              <label htmlFor={`alert-cat-${category}`}>{label('category', category)}</label>
            </span>
          ))}
        </fieldset>
        <Field label={t('alerts.effectiveDate')} name="effectiveDate" problem={alert.problem}>
          {(props) => <input {...props} type="date" />}
        </Field>
        <Field label={t('alerts.sourceUrl')} name="sourceUrl" problem={alert.problem}>
          {(props) => <input {...props} type="url" />}
        </Field>
        <ProblemMessage problem={alert.problem} />
        <button type="submit" disabled={alert.mutation.isPending}>
          {t('channels.sendAlert')}
        </button>
      </form>
    </div>
  );
}

type Reply = {
  to: Post | null;
  set: (post: Post | null) => void;
  field: React.RefObject<HTMLTextAreaElement | null>;
};

/** The message a reply answers, chosen in the feed, and the field that then takes focus. */
function useReply(): Reply {
  const [to, setTo] = useState<Post | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  return { to, set: setTo, field };
}

function Feed({ channelId, user, reply }: { channelId: string; user: User; reply: Reply }) {
  const t = useT();
  const { data } = useQuery({
    queryKey: ['feed', channelId],
    queryFn: () =>
      // The newest 100 only: a page left open on a busy channel keeps a bounded feed.
      call(
        api.GET('/api/v1/channels/{id}/feed', {
          params: { path: { id: channelId }, query: { limit: FEED_SIZE, latest: true } },
        }),
      ),
  });
  const end = useRef<HTMLLIElement>(null);
  const count = data?.items.length ?? 0;
  const byId = new Map((data?.items ?? []).map((post) => [post.id, post]));
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' }); // a promise in recent Chromium: an effect must not return it
  }, [count]);
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t('channels.feed')}</h2>
      <ol className="feed" aria-live="polite" aria-relevant="additions">
        {(data?.items ?? []).map((post) => (
          <FeedItem
            key={post.id}
            post={post}
            parent={post.replyToId ? byId.get(post.replyToId) : undefined}
            user={user}
            onReply={(to) => {
              reply.set(to);
              reply.field.current?.focus();
            }}
          />
        ))}
        <li ref={end} className="end" aria-hidden="true" />
      </ol>
      {count === 0 && <p>{t('channels.empty')}</p>}
    </section>
  );
}

function Unacknowledged() {
  const t = useT();
  const label = useEnum();
  const { data } = useUnacknowledgedAlerts();
  const acknowledge = useAcknowledge();
  return (
    <section aria-labelledby="unacked-heading">
      <h2 id="unacked-heading">{t('alerts.unacknowledged')}</h2>
      {data?.items.length === 0 && <p>{t('alerts.allAcknowledged')}</p>}
      <ul>
        {data?.items.map((alert) => (
          <li key={alert.id} className={`severity-${alert.severity ?? 'info'}`}>
            <strong>{alert.title}</strong> · {label('severity', alert.severity)} · <DateTime iso={alert.createdAt} />
            <p>{alert.body}</p>
            {alert.affectedOpenCases > 0 && (
              <Link
                href={`/?${(alert.categories ?? [])
                  .map((c) => `category=${c}`)
                  .slice(0, 1)
                  .join('&')}`}
              >
                {t('alerts.affected', { count: alert.affectedOpenCases })}
              </Link>
            )}{' '}
            <button type="button" onClick={() => acknowledge.mutate(alert.id)}>
              {t('alerts.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function ChannelsScreen({ user, channelId }: { user: User; channelId?: string }) {
  const t = useT();
  const { data } = useQuery({
    queryKey: ['channels'],
    queryFn: () => call(api.GET('/api/v1/channels', { params: { query: { limit: 200 } } })),
  });
  const [picked] = useState(channelId);
  const current = data?.items.find((channel) => channel.id === (channelId ?? picked)) ?? data?.items[0];
  const kind = useEnum();
  const reply = useReply();
  return (
    <Shell user={user} title={current ? t('channels.titleOne', { name: current.name }) : t('channels.title')}>
      <nav aria-label={t('channels.list')} className="channel-list">
        <ul>
          {data?.items.map((channel) => (
            <li key={channel.id}>
              <Link href={`/channels/${channel.id}`} aria-current={channel.id === current?.id ? 'page' : undefined}>
                {channel.name}
              </Link>{' '}
              <span className="hint">{kind('channelKind', channel.kind)}</span>
            </li>
          ))}
        </ul>
      </nav>
      <Unacknowledged />
      {current && (
        <>
          <Feed channelId={current.id} user={user} reply={reply} />
          <PostForms key={current.id} channelId={current.id} reply={reply} />
          <Presence channelId={current.id} />
        </>
      )}
    </Shell>
  );
}
