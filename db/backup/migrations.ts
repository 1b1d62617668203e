import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from '../client';
import { migrationsFolder } from '../migrate';
import { appliedMigration } from './catalog';

export type MigrationStep = { tag: string; createdAt: number; statements: string[]; hash: string };

/** The committed migrations (drizzle/), oldest first, each with its journal tag. */
export function appMigrations(folder = migrationsFolder): MigrationStep[] {
  const files = readMigrationFiles({ migrationsFolder: folder });
  const journal = JSON.parse(fs.readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as { entries: { tag: string; when: number }[] };
  // readMigrationFiles keeps the journal's order.
  return files.map((f, i) => ({ tag: journal.entries[i]!.tag, createdAt: f.folderMillis, statements: f.sql, hash: f.hash }));
}

/**
 * Applies the migrations after the database's last one, up to and including `upTo` (a journal
 * `when`), inside the caller's transaction — as drizzle's migrator does, writing the same rows in
 * drizzle.__drizzle_migrations — so a restore can stop at a backup's schema, load, and go on.
 */
export async function migrateWithin(tx: Db, upTo: number, steps = appMigrations()) {
  await tx.execute(sql`create schema if not exists drizzle`);
  await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
  const last = (await appliedMigration(tx))?.createdAt ?? 0;
  for (const step of steps) {
    if (step.createdAt <= last || step.createdAt > upTo) continue;
    for (const statement of step.statements) await tx.execute(sql.raw(statement));
    await tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${step.hash}, ${step.createdAt})`);
  }
}
