import { data } from '@remix-run/node';

/** A refusal for a form without conform: messages for the form as a whole, in conform's shape. */
export function formErrors(messages: string[]) {
  return { status: 'error' as const, error: { '': messages } };
}

/**
 * Refuses one form of a page with several (app/utils/form-reply.ts): `form` names it (the intent, or
 * the row it edits), `result` is conform's reply; `extra` carries what else the page shows with it.
 */
export function formReply<R, E extends object = Record<never, never>>(form: string, result: R, extra?: E, status = 400) {
  return data({ form, result, ...(extra as E) }, { status });
}
