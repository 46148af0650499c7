import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { CATEGORIES, IMMIGRATION_TYPES } from '../ui/enums';
import { Field, ProblemMessage } from '../ui/form';
import { idempotencyKey } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { OfficeName } from '../ui/office-name';
import { useFormMutation } from './form-mutation';

type Template = components['schemas']['TemplateDto'];
type Channel = components['schemas']['ChannelDto'];

/** The form's fields as the API's body: one checklist item per non-empty line. */
function templateBody(values: Record<string, string>, data: FormData) {
  const category = values.category as Template['category'];
  return {
    name: values.name ?? '',
    category,
    items: (values.items ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((text) => ({ text })),
    sharedWithChannelIds: data.getAll('sharedWithChannelIds').map(String),
    immigrationType: (values.immigrationType || null) as Template['immigrationType'],
  };
}

/** Writes a new template, or changes one of the office's own (If-Match its version). */
function TemplateForm({
  template,
  channels,
  onDone,
}: {
  template?: Template;
  channels: Channel[];
  onDone?: () => void;
}) {
  const t = useT();
  const label = useEnum();
  const key = template?.id ?? 'new';
  const save = useFormMutation(
    async (values, data) => {
      const { immigrationType, ...body } = templateBody(values, data);
      const saved = template
        ? await call(
            api.PATCH('/api/v1/checklist-templates/{id}', {
              params: { path: { id: template.id }, header: { 'If-Match': `"${template.version}"` } },
              body: { ...body, immigrationType },
            }),
          )
        : await call(
            api.POST('/api/v1/checklist-templates', {
              body: { ...body, ...(immigrationType ? { immigrationType } : {}) },
              headers: idempotencyKey(),
            }),
          );
      onDone?.();
      return saved;
    },
    [['checklist-templates']],
  );
  const heading = `template-form-${key}`;
  const Heading = template ? 'h3' : 'h2';
  return (
    <form ref={save.form} onSubmit={save.onSubmit} noValidate aria-labelledby={heading}>
      <Heading id={heading}>{template ? t('templates.editing', { name: template.name }) : t('templates.new')}</Heading>
      <Field label={t('templates.name')} name="name" problem={save.problem}>
        {(props) => <input {...props} defaultValue={template?.name} />}
      </Field>
      <Field label={t('case.category')} name="category" problem={save.problem}>
        {(props) => (
          <select {...props} defaultValue={template?.category ?? 'immigration'}>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {label('category', category)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('case.immigrationType')}
        name="immigrationType"
        problem={save.problem}
        hint={t('templates.typeHint')}
      >
        {(props) => (
          <select {...props} defaultValue={template?.immigrationType ?? ''}>
            <option value="">{t('templates.anyType')}</option>
            {IMMIGRATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {label('immigrationType', type)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('templates.items')} name="items" problem={save.problem} hint={t('templates.itemsHint')}>
        {(props) => <textarea {...props} rows={6} defaultValue={template?.items.map((item) => item.text).join('\n')} />}
      </Field>
      <fieldset className="checkboxes">
        <legend>{t('templates.shareWith')}</legend>
        {channels.length === 0 && <p>{t('templates.noChannels')}</p>}
        {channels.map((channel) => (
          <span key={channel.id}>
            <input
              type="checkbox"
              name="sharedWithChannelIds"
              value={channel.id}
              id={`share-${key}-${channel.id}`}
              defaultChecked={template?.sharedWithChannelIds.includes(channel.id)}
            />
            <label htmlFor={`share-${key}-${channel.id}`}>{channel.name}</label>
          </span>
        ))}
      </fieldset>
      <ProblemMessage problem={save.problem} />
      {save.mutation.isSuccess && !template && <p role="status">{t('templates.saved')}</p>}
      <button type="submit" className="primary" disabled={save.mutation.isPending}>
        {t(template ? 'templates.saveChanges' : 'templates.create')}
      </button>
      {onDone && (
        <button type="button" onClick={onDone}>
          {t('templates.cancel')}
        </button>
      )}
    </form>
  );
}

function TemplateCard({ template, channels, lead }: { template: Template; channels: Channel[]; lead: boolean }) {
  const t = useT();
  const label = useEnum();
  const [editing, setEditing] = useState(false);
  const shared = channels.filter((channel) => template.sharedWithChannelIds.includes(channel.id));
  if (editing) return <TemplateForm template={template} channels={channels} onDone={() => setEditing(false)} />;
  return (
    <article aria-labelledby={`template-${template.id}`}>
      <h3 id={`template-${template.id}`}>{template.name}</h3>
      <p>
        {label('category', template.category)}
        {template.immigrationType && ` · ${label('immigrationType', template.immigrationType)}`}
        {' · '}
        {template.own ? (
          t('templates.own')
        ) : (
          <>
            {t('templates.sharedBy')} <OfficeName id={template.officeId} />
          </>
        )}
        {shared.length > 0 && ` · ${t('templates.sharedIn', { channels: shared.map((c) => c.name).join(', ') })}`}
      </p>
      <ol>
        {template.items.map((item, i) => (
          <li key={i}>{item.text}</li>
        ))}
      </ol>
      {lead && template.own && (
        <button type="button" onClick={() => setEditing(true)}>
          {t('templates.edit', { name: template.name })}
        </button>
      )}
    </article>
  );
}

/** How each kind of file is worked: the office's checklist templates and those its channels share. */
export default function ChecklistTemplatesScreen({ user }: { user: User }) {
  const t = useT();
  const lead = user.role === 'office_lead';
  const { data, isPending } = useQuery({
    queryKey: ['checklist-templates'],
    queryFn: () => call(api.GET('/api/v1/checklist-templates', { params: { query: { limit: 200 } } })),
  });
  const { data: channels } = useQuery({
    queryKey: ['channels'],
    queryFn: () => call(api.GET('/api/v1/channels', { params: { query: { limit: 200 } } })),
  });
  return (
    <Shell user={user} title={t('templates.title')}>
      <p className="hint">{t('templates.intro')}</p>
      {isPending && <p role="status">{t('common.loading')}</p>}
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">{t('templates.list')}</h2>
        {data?.items.length === 0 && <p>{t('templates.none')}</p>}
        {data?.items.map((template) => (
          <TemplateCard key={template.id} template={template} channels={channels?.items ?? []} lead={lead} />
        ))}
      </section>
      {lead && <TemplateForm channels={channels?.items ?? []} />}
    </Shell>
  );
}
