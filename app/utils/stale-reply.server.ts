import type { SubmissionResult } from '@conform-to/react';
import type { Stale } from '~/components/StaleNotice';
import { readEdited } from './edited-fields';
import { formReply } from './form-reply.server';

// The answer to a save refused because someone saved the record first (409, docs/decisions/0010),
// written once for every versioned form. The form comes back with what the person changed, and with
// the newer version's value in every field they did not touch, so sending it again cannot undo the
// other person's save; the fields both changed are listed beside the newer text, to merge by hand.

/** A field as the form posts it (`key`, a top-level input name) and as people read it. */
export type ReadableField = { key: string; label: string; value: string };

type Version = {
  /** The newer version's fields as the form would post them. */
  form: Record<string, unknown>;
  /** The same fields as people read them, in the order the form shows them. */
  readable: ReadableField[];
  savedAt: Date;
  version: number;
};

export function staleReply(formData: FormData, reply: SubmissionResult<string[]>, mine: ReadableField[], latest: Version) {
  const edited = readEdited(formData);
  // Without JavaScript the form cannot say what was changed: everything sent counts as changed.
  const changed = (key: string) => edited === null || [...edited].some((n) => n === key || n.startsWith(`${key}[`) || n.startsWith(`${key}.`));
  const initialValue = { ...(reply.initialValue ?? {}) };
  const takenIn: [string, string][] = [];
  for (const [key, value] of Object.entries(latest.form)) {
    if (changed(key)) continue;
    initialValue[key] = value as never;
    takenIn.push(...inputsOf(key, value));
  }
  const theirs = new Map(latest.readable.map((f) => [f.key, f.value]));
  const fields = mine
    .filter((f) => changed(f.key) && theirs.get(f.key) !== f.value)
    .map((f) => ({ label: f.label, latest: theirs.get(f.key) ?? '', mine: f.value }));
  const stale: Stale = { savedAt: latest.savedAt.toISOString(), fields, takenIn };
  return { result: { ...reply, initialValue }, stale, version: latest.version };
}

/**
 * The same answer for one form of a page with several (form-reply.server.ts): 409, with the newer
 * version and what to show beside the form (read with `versionFor`, app/utils/form-reply.ts); `extra`
 * as for `formReply`.
 */
export function staleFormReply<E extends object = Record<never, never>>(
  form: string,
  formData: FormData,
  reply: SubmissionResult<string[]>,
  mine: ReadableField[],
  latest: Version,
  extra?: E,
) {
  const { result, stale, version } = staleReply(formData, reply, mine, latest);
  return formReply(form, result, { ...(extra as E), stale, version }, 409);
}

/** The version the refused form was based on, so a form error after a 409 keeps resting on the newer one. */
export function postedVersion(formData: FormData): number | null {
  const version = Number(formData.get('baseVersion'));
  return Number.isInteger(version) && version >= 0 ? version : null;
}

/** A value as the form's inputs hold it: `attendeeIds` → one pair per box, `moments[0].stage` → its input. */
function inputsOf(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) {
    // An empty list still names its input, so its boxes are cleared.
    if (value.length === 0) return [[name, '']];
    return value.flatMap((item, i) => (item !== null && typeof item === 'object' ? inputsOf(`${name}[${i}]`, item) : inputsOf(name, item)));
  }
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => inputsOf(`${name}.${key}`, inner));
  return [[name, value == null ? '' : String(value)]];
}
