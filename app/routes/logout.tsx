import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { endSession } from '~/utils/auth.server';

// Signing out changes state, so it is a POST only; a GET just goes home.
export function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const everywhere = form.get('intent') === 'everywhere';
  const cookie = await endSession(request, { everywhere });
  return redirect('/login', { headers: { 'Set-Cookie': cookie } });
}
