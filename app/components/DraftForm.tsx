import { Form, useLocation, useNavigation, useRouteLoaderData, type FormProps } from '@remix-run/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { loader as rootLoader } from '~/root';
import { draftKey, loadDraft, readFields, removeDraft, saveDraft, writeFields } from '~/utils/drafts';
import { changedInputNames, editedInputName } from '~/utils/edited-fields';
import { OnceToken } from './OnceToken';
import { formatDateTime } from '~/utils/dates';

type Props = FormProps & {
  draftName: string;
  children: ReactNode;
  /** Inputs that start out holding the person's own unsaved changes (a merge after a conflict). */
  carried?: readonly string[];
};

/**
 * A Remix Form that keeps what is typed in this browser until the server accepts it. Restored
 * after a reload or after signing in again; cleared only when the action redirects somewhere other
 * than the sign-in page (its way of saying "saved"). On submit it reports which inputs the person
 * changed (`_edited`, app/utils/edited-fields.ts).
 */
export function DraftForm({ draftName, children, carried = [], onSubmit, ...props }: Props) {
  const ref = useRef<HTMLFormElement>(null);
  const userId = useRouteLoaderData<typeof rootLoader>('root')?.viewer?.id;
  const location = useLocation();
  const navigation = useNavigation();
  const key = userId ? draftKey(userId, location.pathname, draftName) : null;
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  // Inputs changed before a refused submission stay changed: a refused form may come back with what
  // was sent as its defaults (a 409 does), and comparing with the default alone would then miss them.
  const sentEdits = useRef(new Set<string>());

  useEffect(() => {
    const form = ref.current;
    if (!key || !form) return;
    const draft = loadDraft(key);
    if (draft && draft.fields.length) {
      writeFields(form, draft.fields);
      setRestoredAt(draft.savedAt);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(() => saveDraft(key, readFields(form)), 300);
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onInput);
    return () => {
      clearTimeout(timer);
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onInput);
    };
  }, [key]);

  // Our submission redirected to a new location that is not the sign-in page: the server has it.
  const submittedHere = navigation.formData?.get('_draft') === draftName;
  useEffect(() => {
    if (!key || !submittedHere || navigation.state !== 'loading') return;
    if (navigation.location.key !== location.key && !navigation.location.pathname.startsWith('/login')) {
      removeDraft(key);
      sentEdits.current.clear();
      // A form that redirects back to its own page stays mounted: the notice no longer applies.
      setRestoredAt(null);
    }
  }, [key, submittedHere, navigation.state, navigation.location, location.key]);

  return (
    <Form
      ref={ref}
      {...props}
      onSubmit={(event) => {
        const edited = event.currentTarget.elements.namedItem(editedInputName);
        for (const name of [...carried, ...changedInputNames(event.currentTarget)]) sentEdits.current.add(name);
        if (edited instanceof HTMLInputElement) edited.value = JSON.stringify([...sentEdits.current]);
        onSubmit?.(event);
      }}
    >
      <input type="hidden" name="_draft" value={draftName} />
      <OnceToken />
      {/* Filled on submit; left empty without JavaScript, which the server reads as "unknown". */}
      <input type="hidden" name={editedInputName} defaultValue="" />
      {restoredAt ? (
        <div className="notice" role="status">
          <p>保存されていない入力内容（{formatDateTime(restoredAt)}）を復元しました。内容を確認して保存してください。</p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (key) removeDraft(key);
              setRestoredAt(null);
              ref.current?.reset();
            }}
          >
            復元した内容を破棄する
          </button>
        </div>
      ) : null}
      {children}
    </Form>
  );
}
