CREATE TABLE "paper_drafts" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"about_municipality" text DEFAULT '' NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"omitted_change_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"omitted_activity_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"omitted_session_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"survey_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"interview_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"author_user_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_drafts_version_non_negative" CHECK ("paper_drafts"."version" >= 0),
	CONSTRAINT "paper_drafts_choices_bounded" CHECK (cardinality("paper_drafts"."omitted_change_ids") <= 2000 and cardinality("paper_drafts"."omitted_activity_ids") <= 5000 and cardinality("paper_drafts"."omitted_session_ids") <= 100 and cardinality("paper_drafts"."survey_ids") <= 2000 and cardinality("paper_drafts"."interview_ids") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "paper_drafts" ADD CONSTRAINT "paper_drafts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_drafts" ADD CONSTRAINT "paper_drafts_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "paper_drafts_team" ON "paper_drafts" USING btree ("team_id");