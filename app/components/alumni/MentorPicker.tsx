import type { FieldMetadata } from '@conform-to/react';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { FieldErrors } from '~/components/form';
import { matchesQuery, searchKey } from '~/domain/name-search';
import { formatFiscalYear } from '~/utils/dates';

export type MentorCandidate = {
  personId: number;
  fullName: string;
  fullNameKana: string;
  municipalityName: string;
  generation: number;
  lastYear: number;
  sameMunicipality: boolean;
};

const describe = (c: MentorCandidate) => `${c.municipalityName} ${c.generation}期生・${formatFiscalYear(c.lastYear)}`;

/**
 * The マネ友 to ask, from a hundred names or more: the team's own municipality's alumni first, in
 * groups. A plain select (it works without JavaScript, and on a phone opens the system's picker);
 * once the page's JavaScript runs, a search field above it narrows the select to the names whose
 * name, reading, municipality or 期 hold what is typed. Enter in the field moves to the select.
 */
export function MentorPicker({ field, candidates }: { field: FieldMetadata<string>; candidates: MentorCandidate[] }) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(typeof field.initialValue === 'string' ? field.initialValue : '');
  const keys = useMemo(
    () =>
      new Map(
        candidates.map((c) => [c.personId, searchKey([c.fullName, c.fullNameKana, c.municipalityName, `${c.generation}期生`, formatFiscalYear(c.lastYear)])]),
      ),
    [candidates],
  );
  const matching = query.trim() ? candidates.filter((c) => matchesQuery(keys.get(c.personId)!, query)) : candidates;
  // A choice no longer offered (the person was just asked, and left the list) is no choice.
  const value = candidates.some((c) => String(c.personId) === chosen) ? chosen : '';
  // The chosen name stays in the list while another is searched for, so a choice is never dropped unseen.
  const shown = candidates.filter((c) => matching.includes(c) || String(c.personId) === value);
  const same = shown.filter((c) => c.sameMunicipality);
  const elsewhere = shown.filter((c) => !c.sameMunicipality);
  const searchId = `${field.id}-search`;
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault(); // not the form's submit: the choice is made in the select
    if (matching.length === 1) setChosen(String(matching[0]!.personId));
    document.getElementById(field.id)?.focus();
  };
  const option = (c: MentorCandidate) => (
    <option key={c.personId} value={c.personId}>
      {c.fullName}（{describe(c)}）
    </option>
  );
  return (
    <div className="field mentor-picker">
      {enhanced ? (
        <div className="mentor-picker__search">
          <label htmlFor={searchId}>マネ友を探す</label>
          <p id={`${searchId}-hint`} className="hint">
            名前・ふりがな・自治体・期で絞り込めます（例: {candidates[0]?.municipalityName ?? '甲府市'}、やまだ、3期）。
          </p>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onEnter}
            aria-describedby={`${searchId}-hint ${searchId}-count`}
            aria-controls={field.id}
            autoComplete="off"
            enterKeyHint="next"
          />
          <p id={`${searchId}-count`} className="hint" role="status">
            {query.trim() ? (matching.length ? `${matching.length}名が当てはまります` : '当てはまるマネ友はいません') : `${candidates.length}名から選べます`}
          </p>
        </div>
      ) : null}
      <label htmlFor={field.id}>
        マネ友<span className="required">必須</span>
      </label>
      <select
        id={field.id}
        name={field.name}
        value={value}
        onChange={(event) => setChosen(event.target.value)}
        required
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={field.errors ? field.errorId : undefined}
      >
        <option value="" disabled>
          選んでください
        </option>
        {same.length ? <optgroup label="同じ自治体のマネ友">{same.map(option)}</optgroup> : null}
        {elsewhere.length ? <optgroup label="他の自治体のマネ友">{elsewhere.map(option)}</optgroup> : null}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
