/** A fresh Idempotency-Key for one submission, so a retried click never creates twice. */
export const idempotencyKey = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/** A form's non-empty text fields, trimmed. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  }
  return values;
}

/** A datetime-local value (the user's time zone) as an ISO-8601 UTC string. */
export const localToIso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);
