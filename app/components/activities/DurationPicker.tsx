import { useRef } from 'react';
import { FieldErrors } from '~/components/form';
import { durationPicks } from '~/domain/activity-form';
import { duration } from '~/utils/format';

type Props = { id: string; defaultMinutes?: number | null; errors?: string[]; errorId: string };

/**
 * Quick picks of 30/60/90/120 minutes, or any number of minutes typed in (which wins). Works
 * without JavaScript; with it, a pick fills the number so the two never disagree.
 */
export function DurationPicker({ id, defaultMinutes, errors, errorId }: Props) {
  const minutes = useRef<HTMLInputElement>(null);
  const preset = defaultMinutes != null && (durationPicks as readonly string[]).includes(String(defaultMinutes));
  return (
    <fieldset className="field duration-picker" aria-describedby={errors?.length ? errorId : undefined}>
      <legend>時間</legend>
      <div className="choice-row">
        {durationPicks.map((pick) => (
          <label key={pick} className="choice">
            <input
              type="radio"
              name="durationPick"
              value={pick}
              defaultChecked={preset && String(defaultMinutes) === pick}
              onChange={() => {
                if (minutes.current) minutes.current.value = pick;
              }}
            />
            <span>{duration(Number(pick))}</span>
          </label>
        ))}
      </div>
      <label className="duration-minutes" htmlFor={`${id}-minutes`}>
        または分数を入力
        <input
          ref={minutes}
          id={`${id}-minutes`}
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={1}
          defaultValue={defaultMinutes != null && !preset ? defaultMinutes : ''}
          aria-invalid={errors?.length ? true : undefined}
          onInput={(event) => {
            const typed = event.currentTarget.value;
            const form = event.currentTarget.form;
            form?.querySelectorAll<HTMLInputElement>('input[name="durationPick"]').forEach((radio) => {
              radio.checked = radio.value === typed;
            });
          }}
        />
        分
      </label>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
