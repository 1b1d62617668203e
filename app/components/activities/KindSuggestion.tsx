import { Link } from '~/components/Link';
import { useEffect, useState } from 'react';
import { suggestKind } from '~/domain/activity-label';
import { activityKinds, type ActivityKind } from '~/domain/codes';

/**
 * Under the title of a new entry: when the title names a kind (「市長インタビュー」, 「第2回研究会」) and the
 * kind is still the form's default, offers that kind (the reader the CSV import uses). An interview is
 * recorded through the interview form, so for one it offers that form instead.
 */
export function KindSuggestion({
  formId,
  defaultKind,
  kinds,
  interviewHref,
}: {
  formId: string;
  defaultKind: ActivityKind;
  kinds: ActivityKind[];
  interviewHref: string;
}) {
  const [suggested, setSuggested] = useState<ActivityKind | null>(null);
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const update = () => {
      const kind = form.elements.namedItem('kind');
      const title = form.elements.namedItem('title');
      if (!(kind instanceof HTMLSelectElement) || !(title instanceof HTMLInputElement)) return;
      const guess = kind.value === defaultKind ? suggestKind(title.value) : null;
      setSuggested(guess && guess !== kind.value && (guess === 'interview' || kinds.includes(guess)) ? guess : null);
    };
    update();
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    return () => {
      form.removeEventListener('input', update);
      form.removeEventListener('change', update);
    };
  }, [formId, defaultKind, kinds]);

  const choose = (kind: ActivityKind) => {
    const form = document.getElementById(formId);
    const select = form instanceof HTMLFormElement ? form.elements.namedItem('kind') : null;
    if (!(select instanceof HTMLSelectElement)) return;
    select.value = kind;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    setSuggested(null);
  };

  return (
    <div className="kind-suggestion" aria-live="polite">
      {suggested === 'interview' ? (
        <p>
          キーパーソンインタビューですか？ <Link to={interviewHref}>インタビューの記録</Link>から入れると、相手・内容・宿題も残せます。
        </p>
      ) : suggested ? (
        <p>
          種別は「{activityKinds.label[suggested]}」ですか？{' '}
          <button type="button" className="button button--secondary" onClick={() => choose(suggested)}>
            「{activityKinds.label[suggested]}」にする
          </button>
        </p>
      ) : null}
    </div>
  );
}
