import postgres from 'postgres';

// Names, URLs and throwaway databases for the tests that use the PostgreSQL server.

/** The server's maintenance database, used to create and drop the per-file databases. */
export function adminUrl(url: string) {
  return withDatabase(url, 'postgres');
}

/** The same server's URL for another database. */
export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function templateName() {
  return `jinmane_template_${process.pid}`;
}

/** An empty database of its own on `serverUrl`'s server (one left by an earlier run of the same name is dropped first), and how to drop it. */
export async function throwawayPostgres(serverUrl: string, name: string) {
  const admin = postgres(adminUrl(serverUrl), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
