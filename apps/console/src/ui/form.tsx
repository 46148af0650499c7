import { type ReactNode, useId } from 'react';
import type { Problem } from '../api/session';
import { useT } from '../i18n/t';

/** The messages of a problem+json `errors` array that concern one field (or its children). */
export function fieldErrors(problem: Problem | null | undefined, field: string): string[] {
  return (problem?.errors ?? [])
    .filter((error) => error.field === field || error.field.startsWith(`${field}.`))
    .map((error) => error.message);
}

/**
 * A labelled control with its errors tied to it (aria-describedby, aria-invalid).
 * `children` receives the id and the ARIA attributes to spread on the control.
 */
export function Field({
  label,
  problem,
  name,
  hint,
  children,
}: {
  label: string;
  problem?: Problem | null;
  name: string;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const errors = fieldErrors(problem, name);
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={errors.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({
        id,
        name,
        ...(errors.length ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {errors.length > 0 && (
        <span className="error" id={`${id}-error`}>
          {errors.join(' ')}
        </span>
      )}
    </div>
  );
}

/** The summary of a failed submission, announced when it appears. */
export function ProblemMessage({ problem }: { problem: Problem | null | undefined }) {
  const t = useT();
  if (!problem) return null;
  const message =
    problem.status === 412
      ? t('problem.stale')
      : problem.code === 'office_required'
        ? t('problem.officeRequired')
        : problem.errors?.length
          ? t('problem.fields')
          : (problem.detail ?? problem.title ?? t('problem.generic'));
  return (
    <p className="problem" role="alert">
      {message}
    </p>
  );
}

export function asProblem(error: unknown): Problem | null {
  if (!error) return null;
  if (typeof error === 'object' && 'status' in error) return error as Problem;
  return { status: 0 };
}
