import { useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { onceInputName } from '~/utils/once';

/** 128 random bits as hex; crypto.randomUUID exists only on https and localhost, not on a LAN's http. */
function randomToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A random token for this filling-in of the form: sending it twice makes one record. A new one when
 * the page's address changes (a save redirects elsewhere, or to ?added=…), the same one after a form
 * error, which answers on the same address, so the corrected form counts as the same submission.
 * Empty until the page's JavaScript runs.
 */
export function OnceToken() {
  const { pathname, search } = useLocation();
  const [token, setToken] = useState('');
  useEffect(() => {
    setToken(randomToken());
  }, [pathname, search]);
  return <input type="hidden" name={onceInputName} value={token} />;
}
