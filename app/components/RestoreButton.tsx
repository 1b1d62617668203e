import { Form } from '@remix-run/react';

/**
 * 元に戻す: the one-button form that brings an archived record back. Posts `intent=restore` and,
 * for lists, the record's id under `name`.
 */
export function RestoreButton({
  name,
  value,
  action,
  variant = 'link',
}: {
  name?: string;
  value?: string | number;
  action?: string;
  variant?: 'link' | 'button' | 'secondary';
}) {
  const className = variant === 'link' ? 'link-button' : variant === 'button' ? 'button' : 'button button--secondary';
  return (
    <Form method="post" action={action} className={variant === 'link' ? 'inline-form' : undefined}>
      <input type="hidden" name="intent" value="restore" />
      {name ? <input type="hidden" name={name} value={value} /> : null}
      {variant === 'link' ? ' ' : null}
      <button type="submit" className={className}>
        元に戻す
      </button>
    </Form>
  );
}
