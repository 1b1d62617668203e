// Names and URLs for the throwaway databases the Postgres test project creates.

/** The server's maintenance database, used to create and drop the per-file databases. */
export function adminUrl(url: string) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export function templateName() {
  return `jinmane_template_${process.pid}`;
}
