CREATE VIEW "public"."team_generations" AS (select t.id as team_id,
    (select count(*) from teams earlier where earlier.municipality_id = t.municipality_id
      and earlier.fiscal_year <= t.fiscal_year and earlier.archived_at is null)::int as generation
  from teams t where t.archived_at is null);