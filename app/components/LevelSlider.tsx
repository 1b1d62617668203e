import type { FieldMetadata } from '@conform-to/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FieldShell } from '~/components/form';

// A モヤモヤ指数 (0–100) is a feeling placed on a scale: a slider with the number beside it. It starts
// unset and sends nothing until the person moves it (a thumb resting in the middle is not an answer),
// so a check-in never records a value nobody chose; the server then asks for one in place.
// Without JavaScript it is a plain number box with no default.

const parse = (value: unknown): number | null => {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : null;
};

export function LevelSlider({ label, field, hint }: { label: string; field: FieldMetadata<unknown>; hint?: ReactNode }) {
  const initial = parse(field.initialValue);
  const [value, setValue] = useState<number | null>(initial);
  const [inBrowser, setInBrowser] = useState(false);
  const typed = useRef<HTMLInputElement>(null);
  // The server's answer to a refused form brings back what was sent (or nothing).
  useEffect(() => setValue(initial), [initial]);
  useEffect(() => {
    // A number typed before the page's JavaScript took over is kept (this runs after the line above).
    const before = parse(typed.current?.value);
    if (before !== null) setValue(before);
    setInBrowser(true);
  }, []);
  const choose = (input: HTMLInputElement) => setValue(Number(input.value));

  return (
    <FieldShell label={label} field={field} hint={hint} required>
      {(describedBy) =>
        inBrowser ? (
          <div className="level-slider" data-chosen={value !== null}>
            <input
              id={field.id}
              type="range"
              // No name while unset: the form then sends no level at all.
              name={value === null ? undefined : field.name}
              min={0}
              max={100}
              step={1}
              value={value ?? 50}
              aria-valuetext={value === null ? '未選択' : undefined}
              aria-invalid={field.errors?.length ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => choose(e.currentTarget)}
              // A click on the resting thumb changes nothing, yet it is a choice of that value.
              onPointerUp={(e) => choose(e.currentTarget)}
            />
            <output htmlFor={field.id} className="level-slider__value" aria-live="off">
              {value ?? '未選択'}
            </output>
            <span className="level-slider__ends" aria-hidden="true">
              <span>0 すっきり</span>
              <span>100 モヤモヤ</span>
            </span>
          </div>
        ) : (
          <input
            ref={typed}
            id={field.id}
            name={field.name}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            defaultValue={initial ?? ''}
            aria-invalid={field.errors?.length ? true : undefined}
            aria-describedby={describedBy}
          />
        )
      }
    </FieldShell>
  );
}
