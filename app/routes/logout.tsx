import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { endSession } from '~/utils/auth.server';
import { requirePublicIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';

// Signing out changes state, so it is a POST only; a GET just goes home.
export function loader() {
  return redirect('/');
}

// Signing out works signed in or not (an expired session still clears its cookie).
export const intents = { submit: 'anyone', everywhere: 'anyone' } as const satisfies IntentNeeds<'anyone'>;

export async function action({ request }: ActionFunctionArgs) {
  const { intent } = await requirePublicIntent(request, intents);
  const cookie = await endSession(request, { everywhere: intent === 'everywhere' });
  return redirect('/login', { headers: { 'Set-Cookie': cookie } });
}
