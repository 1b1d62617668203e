ALTER TABLE "dialogue_groups" ADD COLUMN "dissolved_team_ids" integer[];--> statement-breakpoint
-- Groups dissolved before this column existed: their make-up was recorded in the audit entry of the dissolving.
UPDATE "dialogue_groups" g SET "dissolved_team_ids" = (
  SELECT array(SELECT jsonb_array_elements_text(a."detail"->'teamIds')::int)
  FROM "audit_log" a
  WHERE a."entity_type" = 'dialogue_group' AND a."action" = 'archive' AND a."entity_id" = g."id"::text
    AND jsonb_typeof(a."detail"->'teamIds') = 'array'
  ORDER BY a."id" DESC LIMIT 1
) WHERE g."archived_at" IS NOT NULL;
