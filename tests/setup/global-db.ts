import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDb, pgliteExtensions } from '../../db/client';
import { migrate } from '../../db/migrate';
import { adminUrl, templateName, withDatabase } from './postgres-urls';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresTemplate: string;
  }
}

/** Migrates once per run; every test file then starts from a copy (a PGlite dump or a Postgres template). */
export default async function setup(project: TestProject) {
  const database = project.config.env?.TEST_DB;
  if (database === 'postgres') return setupPostgres(project);
  return setupPglite(project);
}

async function setupPglite(project: TestProject) {
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const handle = await openDb({ pglite: client });
  await migrate(handle);
  const dump = await client.dumpDataDir('gzip');
  await handle.close();
  const file = path.resolve('tmp', `pglite-template-${process.pid}.tar.gz`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDump', file);
  return () => fs.rmSync(file, { force: true });
}

async function setupPostgres(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL!;
  const template = templateName();
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${template}" with (force)`);
  await admin.unsafe(`create database "${template}"`);
  const handle = await openDb({ databaseUrl: withDatabase(url, template) });
  await migrate(handle);
  await handle.close();
  project.provide('postgresTemplate', template);
  return async () => {
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}
