import { useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { onceInputName } from '~/utils/once';

/** 128 random bits as hex; crypto.randomUUID exists only on https and localhost, not on a LAN's http. */
function randomToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A random token for this filling-in of the form: sending it twice makes one record. A new one after
 * every navigation, including a save that lands on the same address (a comment, an off-site), so the
 * next entry is a new record; the two sends of one double click carry the same one. Empty until the
 * page's JavaScript runs.
 */
export function OnceToken() {
  const { key } = useLocation();
  const [token, setToken] = useState('');
  useEffect(() => {
    setToken(randomToken());
  }, [key]);
  return <input type="hidden" name={onceInputName} value={token} />;
}
