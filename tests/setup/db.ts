import crypto from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, beforeEach, inject } from 'vitest';
import { openDb, pgliteExtensions, setDb, type DbHandle } from '../../db/client';
import { adminUrl, withDatabase } from './postgres-urls';

// Runs in every integration test file: a database of its own, copied from the migrated template.
let handle: DbHandle;
let dropDatabase: (() => Promise<void>) | undefined;

if (process.env.TEST_DB === 'postgres') {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `jinmane_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject('postgresTemplate')}"`);
  handle = await openDb({ databaseUrl: withDatabase(url, name) });
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
} else {
  const dump = fs.readFileSync(inject('pgliteDump'));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: pgliteExtensions });
  handle = await openDb({ pglite: client });
}
setDb(handle);

// Each result names its database in vitest's JSON report, so .ci/run can say how many tests ran on each.
declare module 'vitest' {
  interface TaskMeta {
    database?: string;
  }
}
beforeEach(({ task }) => {
  task.meta.database = process.env.TEST_DB;
});

afterAll(async () => {
  setDb(undefined);
  await handle.close();
  await dropDatabase?.();
});
