import type { Stale } from '~/components/StaleNotice';

/**
 * An action's answer to one form of a page that has several (an intent's form, a row's form): which
 * form it answers (`form`) and conform's result for it (field errors, the typed values). Built on the
 * server by `formReply` (form-reply.server.ts); each form takes its own with `replyFor`.
 */
export type FormReply<R> = { form: string; result: R };

/**
 * The version a versioned form rests on (`loaded`, the one its page showed, until the action answers
 * it) and, after a refused save (409, app/utils/stale-reply.server.ts), why it was refused.
 */
export function versionFor(reply: (FormReply<unknown> & { version?: number | null; stale?: Stale | null }) | null | undefined, form: string, loaded: number) {
  if (reply?.form !== form) return { version: loaded, stale: null };
  return { version: reply.version ?? loaded, stale: reply.stale ?? null };
}

/** The result for `form`, when the action answered that form; otherwise undefined (the form starts afresh). */
export function replyFor<T extends FormReply<unknown>>(reply: T | null | undefined, form: string): T['result'] | undefined {
  return reply?.form === form ? reply.result : undefined;
}
