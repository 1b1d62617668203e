import { ErrorPage } from '~/components/ErrorPage';

// Any URL no other route matches: a Japanese 404 inside the normal layout.
export function loader() {
  throw new Response('Not Found', { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
