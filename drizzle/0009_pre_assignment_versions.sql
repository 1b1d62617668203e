ALTER TABLE "pre_assignments" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Versions continue across a session's pre-assignments (db/schema/program.ts): number those already kept.
UPDATE "pre_assignments" p SET "version" = n.rn FROM (SELECT "id", row_number() OVER (PARTITION BY "session_id" ORDER BY "id") AS rn FROM "pre_assignments") n WHERE p."id" = n."id";
