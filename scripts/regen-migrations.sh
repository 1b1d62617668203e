#!/usr/bin/env bash
# Regenerates drizzle/ from db/schema/ while NO migration has landed on main yet (first session).
# Keeps the two hand-written migrations. After the first landing, never use this: add a new
# migration with `npm run db:generate` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
cp drizzle/0000_extensions.sql drizzle/0002_sheet_versions_immutable.sql "$tmp/"
rm -rf drizzle && mkdir drizzle
npx drizzle-kit generate --custom --name extensions >/dev/null
cp "$tmp/0000_extensions.sql" drizzle/
npx drizzle-kit generate --name domain | tail -1
npx drizzle-kit generate --custom --name sheet_versions_immutable >/dev/null
cp "$tmp/0002_sheet_versions_immutable.sql" drizzle/
rm -rf "$tmp"
