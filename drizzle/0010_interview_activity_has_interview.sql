-- An interview's activity is never without its interview (issue 17): the activity import of before
-- November 2026 stored キーパーソンインタビュー rows as activities alone, so the log counted interviews the
-- key-person coverage did not. Each such activity gets its interview now (the title as the person, role
-- その他, visible to the team only, archived with it), for the team to complete.
DO $$
DECLARE
  a record;
  made integer;
BEGIN
  FOR a IN SELECT id, team_id, occurred_on, title, created_by_user_id, archived_at FROM activities WHERE kind = 'interview' AND interview_id IS NULL ORDER BY id LOOP
    INSERT INTO interviews (team_id, interviewed_on, interviewee, role_category, visibility, created_by_user_id, archived_at)
    VALUES (a.team_id, a.occurred_on, coalesce(nullif(trim(a.title), ''), 'キーパーソン'), 'other', 'team', a.created_by_user_id, a.archived_at)
    RETURNING id INTO made;
    UPDATE activities SET interview_id = made WHERE id = a.id;
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_interview_has_interview" CHECK ("activities"."kind" <> 'interview' or "activities"."interview_id" is not null);
