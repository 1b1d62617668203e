import { and, eq, isNull, lt } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { formSubmissions } from '../../db/schema';
import { now } from '~/utils/clock';
import { onceInputName } from '~/utils/once';
import { badRequest } from '~/utils/http.server';

// A create form submitted twice (a double click, a resend after a slow answer) makes one record
// (docs/decisions/0010). The form carries a random token (`_once`, app/components/OnceToken.tsx); the
// first submission claims it and records where it redirected (and the notice it set); a second one
// with the same token waits for that and answers the same redirect. A submission that did not
// redirect (a form error) gives the token back, so the corrected form can be sent with it.

const tokenPattern = /^[A-Za-z0-9-]{16,64}$/;
const waitMs = 5_000;
const keptMs = 24 * 60 * 60 * 1000;

function tokenOf(formData: FormData): string | null {
  const token = formData.get(onceInputName);
  return typeof token === 'string' && tokenPattern.test(token) ? token : null;
}

/**
 * Runs `create` once per form token. Forms without a token (no JavaScript) run it as they are.
 * `create` answers with a redirect when it created something, or anything else when it did not.
 */
export async function submitOnce<T>(formData: FormData, userId: number, create: () => Promise<T>): Promise<T | Response> {
  const token = tokenOf(formData);
  if (!token) return create();
  const deadline = performance.now() + waitMs;
  for (;;) {
    const [claimed] = await getDb()
      .insert(formSubmissions)
      .values({ token, userId, createdAt: now() })
      .onConflictDoNothing()
      .returning({ token: formSubmissions.token });
    if (claimed) break;
    const [earlier] = await getDb().select().from(formSubmissions).where(eq(formSubmissions.token, token));
    if (earlier && earlier.userId !== userId) badRequest();
    if (earlier?.location) return redirectTo(earlier.location, earlier.setCookie);
    if (performance.now() > deadline) {
      // Thrown, so the page says it (the error page) instead of a form that seems to ignore the click.
      throw new Response('同じ送信を処理しています。しばらくしてから画面を読み込み直してください', {
        status: 409,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    const result = await create();
    const location = result instanceof Response && result.status >= 300 && result.status < 400 ? result.headers.get('Location') : null;
    if (location) {
      const setCookie = (result as Response).headers.get('Set-Cookie');
      await getDb().update(formSubmissions).set({ location, setCookie }).where(eq(formSubmissions.token, token));
      await getDb()
        .delete(formSubmissions)
        .where(lt(formSubmissions.createdAt, new Date(now().getTime() - keptMs)));
    } else {
      await release(token);
    }
    return result;
  } catch (error) {
    await release(token);
    throw error;
  }
}

function release(token: string) {
  return getDb()
    .delete(formSubmissions)
    .where(and(eq(formSubmissions.token, token), isNull(formSubmissions.location)));
}

function redirectTo(location: string, setCookie: string | null) {
  const headers = new Headers({ Location: location });
  if (setCookie) headers.set('Set-Cookie', setCookie);
  return new Response(null, { status: 302, headers });
}
