-- A saved version of a change-story sheet never changes: history is never rewritten.
-- Only the tag (e.g. 第4回提出版) and its session may be set afterwards.
CREATE FUNCTION sheet_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'sheet_versions rows are immutable' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.content IS DISTINCT FROM OLD.content
     OR NEW.version IS DISTINCT FROM OLD.version
     OR NEW.sheet_id IS DISTINCT FROM OLD.sheet_id
     OR NEW.author_user_id IS DISTINCT FROM OLD.author_user_id
     OR NEW.message IS DISTINCT FROM OLD.message
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'sheet_versions rows are immutable' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sheet_versions_immutable BEFORE UPDATE OR DELETE ON sheet_versions
  FOR EACH ROW EXECUTE FUNCTION sheet_versions_immutable();
