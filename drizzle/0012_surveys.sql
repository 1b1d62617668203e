CREATE TABLE "survey_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"position" integer NOT NULL,
	"body" text NOT NULL,
	"quoted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_options" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"count" integer,
	"percent" numeric(4, 1) NOT NULL,
	CONSTRAINT "survey_options_count_range" CHECK ("survey_options"."count" is null or "survey_options"."count" >= 0),
	CONSTRAINT "survey_options_percent_range" CHECK ("survey_options"."percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "survey_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"kind" text NOT NULL,
	"answered" integer,
	CONSTRAINT "survey_questions_id_team" UNIQUE("id","team_id"),
	CONSTRAINT "survey_questions_kind" CHECK ("kind" in ('yes_no', 'single', 'multiple', 'scale', 'free_text')),
	CONSTRAINT "survey_questions_text_not_blank" CHECK (length(trim("survey_questions"."text")) > 0),
	CONSTRAINT "survey_questions_answered_range" CHECK ("survey_questions"."answered" is null or "survey_questions"."answered" >= 0)
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"line" integer NOT NULL,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"held_until" date,
	"audience" text DEFAULT '' NOT NULL,
	"respondents" integer,
	"visibility" text DEFAULT 'team' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"keeps_responses" boolean DEFAULT false NOT NULL,
	"created_by_user_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "surveys_id_team" UNIQUE("id","team_id"),
	CONSTRAINT "surveys_visibility" CHECK ("visibility" in ('team', 'municipality', 'program')),
	CONSTRAINT "surveys_source" CHECK ("source" in ('microsoft_forms', 'google_forms', 'csv', 'manual')),
	CONSTRAINT "surveys_title_not_blank" CHECK (length(trim("surveys"."title")) > 0),
	CONSTRAINT "surveys_until_after_start" CHECK ("surveys"."held_until" is null or "surveys"."held_until" >= "surveys"."held_on"),
	CONSTRAINT "surveys_respondents_range" CHECK ("surveys"."respondents" is null or "surveys"."respondents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "survey_id" integer;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_question_team_fk" FOREIGN KEY ("question_id","team_id") REFERENCES "public"."survey_questions"("id","team_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_options" ADD CONSTRAINT "survey_options_question_team_fk" FOREIGN KEY ("question_id","team_id") REFERENCES "public"."survey_questions"("id","team_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_survey_team_fk" FOREIGN KEY ("survey_id","team_id") REFERENCES "public"."surveys"("id","team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_team_fk" FOREIGN KEY ("survey_id","team_id") REFERENCES "public"."surveys"("id","team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_answers_question" ON "survey_answers" USING btree ("question_id","position");--> statement-breakpoint
CREATE INDEX "survey_options_question" ON "survey_options" USING btree ("question_id","position");--> statement-breakpoint
CREATE INDEX "survey_questions_survey" ON "survey_questions" USING btree ("survey_id","position");--> statement-breakpoint
CREATE INDEX "survey_responses_survey" ON "survey_responses" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "surveys_team_date" ON "surveys" USING btree ("team_id","held_on");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_survey_team_fk" FOREIGN KEY ("survey_id","team_id") REFERENCES "public"."surveys"("id","team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_survey_own" ON "activities" USING btree ("survey_id") WHERE "activities"."survey_id" is not null;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_survey_is_survey" CHECK ("activities"."survey_id" is null or "activities"."kind" = 'survey');