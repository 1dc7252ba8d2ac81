// Form helpers: turn zod issues and API errors into messages under the right fields.
import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { errorCodes } from '../../contracts/error-codes.ts';
import {
  isMessageCode,
  loadedCatalogs,
  type MessageCode,
  type MessageParam,
  message,
  render,
} from '../i18n/catalogs.ts';
import { ApiError } from '../api/client.ts';

export type FieldErrors = Record<string, string>;

// Error codes that belong to one field even when the server names none.
const codeFields: Record<string, string> = {
  duplicate_party_card: 'partyCardNumber',
  duplicate_citizen_id: 'citizenId',
};

/**
 * The first message per field of a failed zod parse, in the UI's language: a contract's own words are message codes;
 * zod's own issues are worded by the catalogues like the server's (validation.zod_issue), so no zod locale is set here.
 */
export function zodFieldErrors(error: z.ZodError, language = 'vi'): FieldErrors {
  const out: FieldErrors = {};
  const lang = language.startsWith('en') ? 'en' : 'vi';
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    if (path in out) continue;
    if (isMessageCode(issue.message)) {
      out[path] = render(lang, { code: issue.message });
      continue;
    }
    const {
      input: _input,
      path: _path,
      message: _words,
      ...raw
    } = issue as z.core.$ZodIssue & { input?: unknown };
    out[path] = render(lang, message('validation.zod_issue', raw as unknown as Record<string, MessageParam>));
  }
  return out;
}

/** An error code's default words, in the languages loaded so far. */
const isDefaultMessage = (message: string) =>
  loadedCatalogs().some((words) =>
    Object.keys(errorCodes).some((c) => words[`error.${c}` as MessageCode] === message),
  );

/** The server's sentence when it says more than its code's default words and the fields' own messages. */
function telling(message: string | null, fields: FieldErrors): string | null {
  if (!message || isDefaultMessage(message) || Object.values(fields).includes(message)) return null;
  return message;
}

/**
 * Field errors and one form-level message. `fields` are the fields the form shows; errors about any other
 * field go into the form-level message so nothing the server says is lost.
 */
export function useFormErrors(fields: readonly string[]) {
  const { t, i18n } = useTranslation();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // On a long form (full screen on a phone) the field at fault may be far above the submit button: show it.
  useEffect(() => {
    if (Object.keys(fieldErrors).length === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    first?.scrollIntoView({ block: 'center' });
    // Focus plain fields only: focusing a searchable select opens its list over the message.
    if (first?.matches('input:not([aria-haspopup]), select, textarea')) first.focus({ preventScroll: true });
  }, [fieldErrors]);

  const apply = (errors: FieldErrors, serverMessage: string | null) => {
    const known: FieldErrors = {};
    const other: string[] = [];
    for (const [path, message] of Object.entries(errors)) {
      if (fields.includes(path)) known[path] = message;
      else other.push(message);
    }
    setFieldErrors(known);
    if (other.length > 0) setFormError([serverMessage, ...other].filter(Boolean).join(' — '));
    else if (Object.keys(known).length > 0)
      setFormError(telling(serverMessage, known) ?? t('common.formHasErrors'));
    else setFormError(serverMessage);
  };

  return {
    fieldErrors,
    formError,
    /** Attach to the <form> so that a failed submit brings its first faulty field into view. */
    formRef,
    clear() {
      setFieldErrors({});
      setFormError(null);
    },
    /** Shows a local validation failure. */
    fromZod(error: z.ZodError) {
      apply(zodFieldErrors(error, i18n.language), null);
    },
    /** Shows what the server answered. */
    fromError(error: unknown) {
      if (error instanceof ApiError) {
        const errors = error.fieldErrors(i18n.language);
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

/** A form's contract loaded when the form is first used, not with its page (see lazyContract). */
export interface LazyContract<B> {
  /** Starts loading it (on the form's first focus), so that the submit does not wait. */
  warm(): void;
  /** Parses the body; rejects with a network ApiError when the contract cannot be loaded (then tries again). */
  parse(body: unknown): Promise<z.ZodSafeParseResult<B>>;
}

/**
 * A contract for a form on a page a member opens first (sign-in, account, a meeting's answer): its schema, and zod
 * with it, load on the form's first focus instead of with the page, which stays light on a phone (ADR 011).
 * `lazyContract(() => import('../../../contracts/auth.ts').then((m) => m.loginBody))`.
 */
export function lazyContract<S extends z.ZodType>(load: () => Promise<S>): LazyContract<z.output<S>> {
  let loading: Promise<S> | undefined;
  const get = () =>
    (loading ??= load().catch(() => {
      loading = undefined;
      throw new ApiError(0, 'network', message('client.network'));
    }));
  return {
    warm: () => void get().catch(() => undefined),
    parse: async (body) => (await get()).safeParse(body) as z.ZodSafeParseResult<z.output<S>>,
  };
}

/** Parses a form's body with its lazy contract: the parsed body, or null after showing what is wrong. */
export async function parseForm<B>(
  contract: LazyContract<B>,
  body: unknown,
  errors: Pick<ReturnType<typeof useFormErrors>, 'fromZod' | 'fromError' | 'clear'>,
): Promise<B | null> {
  try {
    const parsed = await contract.parse(body);
    if (parsed.success) return parsed.data;
    errors.fromZod(parsed.error);
  } catch (e) {
    errors.fromError(e);
  }
  return null;
}

/**
 * A modal form's write: sends the body, refreshes the queries that show what changed, says so and calls `onDone`
 * (usually closing the form); the server's errors go under the form's fields.
 */
export function useFormWrite<B, R = unknown>(options: {
  /** The fields the form shows (see useFormErrors). */
  fields: readonly string[];
  write: (body: B) => Promise<R>;
  /** The queries to refresh after the write (their keys' prefixes). */
  refresh?: readonly QueryKey[];
  /** The confirmation to show. */
  done?: string;
  onDone?: (result: R) => void;
}) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(options.fields);
  const mutation = useMutation({
    mutationFn: options.write,
    onSuccess: async (result) => {
      await Promise.all(
        (options.refresh ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      if (options.done) notifications.show({ color: 'green', message: options.done });
      options.onDone?.(result);
    },
    onError: (e) => errors.fromError(e),
  });
  return {
    errors,
    mutation,
    /** Parses the body with its contract: shows the issues under the fields, or sends it. */
    send<I>(schema: z.ZodType<B, I>, body: I) {
      const parsed = schema.safeParse(body);
      if (!parsed.success) return errors.fromZod(parsed.error);
      errors.clear();
      mutation.mutate(parsed.data);
    },
  };
}
