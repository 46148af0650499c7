import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef } from 'react';
import { asProblem } from '../ui/form';
import { formValues } from '../ui/idempotency';

/** Submits a form through a mutation; clears the form and refreshes `stale` when it succeeds. */
export function useFormMutation<T>(
  mutationFn: (values: Record<string, string>, form: FormData) => Promise<T>,
  stale: string[][],
) {
  const queries = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: ({ values, data }: { values: Record<string, string>; data: FormData }) => mutationFn(values, data),
    onSuccess: () => {
      form.current?.reset();
      for (const queryKey of stale) void queries.invalidateQueries({ queryKey });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate({ values: formValues(event.currentTarget), data: new FormData(event.currentTarget) });
  };
  return { mutation, form, onSubmit, problem: asProblem(mutation.error) };
}
