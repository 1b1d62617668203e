import type { ReactNode } from 'react';
import { sheetSections, type SheetContent } from '~/domain/sheet';
import { fieldsOf, getItems, getText, type SheetField } from '~/domain/sheet-fields';
import { ItemRows, type Choices } from './ItemRows';

type Props = {
  content: SheetContent;
  choices: Choices;
  /** The DraftForm's name, to restore rows a draft added; null when the form was just rebuilt. */
  draftName: string | null;
  /** Shown above a field's input (the two texts to merge, after a conflict). */
  above?: (field: SheetField) => ReactNode;
};

/** Every section of the sheet as inputs: text areas, and rows for the lists. */
export function SheetFields({ content, choices, draftName, above }: Props) {
  return (
    <>
      {sheetSections.map(([section, title]) => (
        <fieldset key={section} className="sheet-edit-section" aria-labelledby={`edit-${section}`}>
          <h2 id={`edit-${section}`}>{title}</h2>
          {fieldsOf(section).map((field) => {
            const label = field.label ?? title;
            return (
              <div key={field.key} className="field" data-field={field.key}>
                {above?.(field)}
                {field.kind === 'list' ? (
                  <>
                    {field.label ? <h3>{field.label}</h3> : null}
                    <ItemRows name={field.key} label={label} items={getItems(content, field.key)} choices={choices} draftName={draftName} />
                  </>
                ) : (
                  <>
                    <label htmlFor={`field-${field.key}`}>{label}</label>
                    <textarea id={`field-${field.key}`} name={field.key} rows={6} defaultValue={getText(content, field.key)} />
                  </>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}
