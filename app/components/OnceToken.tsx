import { useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { onceInputName } from '~/utils/once';

/**
 * A random token for this filling-in of the form: sending it twice makes one record. A new one after
 * every navigation (a save redirects), the same one after a form error, so the corrected form still
 * counts as the same submission. Empty until the page's JavaScript runs.
 */
export function OnceToken() {
  const { key } = useLocation();
  const [token, setToken] = useState('');
  useEffect(() => {
    setToken(crypto.randomUUID());
  }, [key]);
  return <input type="hidden" name={onceInputName} value={token} />;
}
