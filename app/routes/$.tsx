import { ErrorPage } from '~/components/ErrorPage';
import { notFound } from '~/utils/http.server';

// Any URL no other route matches: a Japanese 404 inside the normal layout.
export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
