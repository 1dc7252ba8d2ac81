// Form helpers: turn zod issues and API errors into messages under the right fields.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';

export type FieldErrors = Record<string, string>;

// Error codes that belong to one field even when the server names none.
const codeFields: Record<string, string> = {
  duplicate_party_card: 'partyCardNumber',
  duplicate_citizen_id: 'citizenId',
};

/** The first message per field of a failed zod parse. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

/**
 * Field errors and one form-level message. `fields` are the fields the form shows; errors about any other
 * field go into the form-level message so nothing the server says is lost.
 */
export function useFormErrors(fields: readonly string[]) {
  const { t, i18n } = useTranslation();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const apply = (errors: FieldErrors, serverMessage: string | null) => {
    const known: FieldErrors = {};
    const other: string[] = [];
    for (const [path, message] of Object.entries(errors)) {
      if (fields.includes(path)) known[path] = message;
      else other.push(message);
    }
    setFieldErrors(known);
    if (other.length > 0) setFormError([serverMessage, ...other].filter(Boolean).join(' — '));
    else if (Object.keys(known).length > 0) setFormError(t('common.formHasErrors'));
    else setFormError(serverMessage);
  };

  return {
    fieldErrors,
    formError,
    clear() {
      setFieldErrors({});
      setFormError(null);
    },
    /** Shows a local validation failure. */
    fromZod(error: z.ZodError) {
      apply(zodFieldErrors(error), null);
    },
    /** Shows what the server answered. */
    fromError(error: unknown) {
      if (error instanceof ApiError) {
        const errors = error.fieldErrors();
        const field = codeFields[error.code];
        if (field && !(field in errors)) errors[field] = error.messageFor(i18n.language);
        apply(errors, error.messageFor(i18n.language));
      } else {
        apply({}, t('errors.generic'));
      }
    },
    setField(path: string, message: string) {
      setFieldErrors((prev) => ({ ...prev, [path]: message }));
    },
  };
}
