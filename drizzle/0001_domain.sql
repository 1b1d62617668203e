CREATE TABLE "municipalities" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefecture" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "municipalities_kind" CHECK ("kind" in ('city', 'town', 'village', 'prefecture', 'ward')),
	CONSTRAINT "municipalities_name_not_blank" CHECK (length(trim("municipalities"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "organizers" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizers_role" CHECK ("role" in ('advisor', 'chair', 'kanji', 'councilor', 'secretariat', 'other'))
);
--> statement-breakpoint
CREATE TABLE "pre_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "program_years" (
	"fiscal_year" integer PRIMARY KEY NOT NULL,
	"theme" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "program_years_fiscal_year_range" CHECK ("program_years"."fiscal_year" between 2000 and 2200)
);
--> statement-breakpoint
CREATE TABLE "study_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"number" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"venue" text DEFAULT '' NOT NULL,
	"is_online" boolean DEFAULT false NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "study_sessions_kind" CHECK ("kind" in ('study', 'followup', 'regional', 'other')),
	CONSTRAINT "study_sessions_number_positive" CHECK ("study_sessions"."number" > 0),
	CONSTRAINT "study_sessions_second_day_after_first" CHECK ("study_sessions"."ends_on" is null or "study_sessions"."ends_on" > "study_sessions"."starts_on"),
	CONSTRAINT "study_sessions_inside_fiscal_year" CHECK ("study_sessions"."starts_on" >= make_date("study_sessions"."fiscal_year", 4, 1) and coalesce("study_sessions"."ends_on", "study_sessions"."starts_on") < make_date("study_sessions"."fiscal_year" + 1, 4, 1))
);
--> statement-breakpoint
CREATE TABLE "account_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"email" text NOT NULL,
	"person_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "account_tokens_purpose" CHECK ("purpose" in ('invite', 'reset'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"ip" "inet",
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" "inet",
	"user_agent" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hr_viewers" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"municipality_id" integer NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" "inet",
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"full_name_kana" text DEFAULT '' NOT NULL,
	"municipality_id" integer,
	"directory_listed" boolean DEFAULT true NOT NULL,
	"directory_contact" text DEFAULT '' NOT NULL,
	"directory_show_contact" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "people_name_not_blank" CHECK (length(trim("people"."full_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "dialogue_group_teams" (
	"group_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "dialogue_groups_id_year" UNIQUE("id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "pre_assignment_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"pre_assignment_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"submitted_by_person_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"section" text DEFAULT '' NOT NULL,
	"is_hr_slot" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"moyamoya_visibility" text DEFAULT 'team_figure_only' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "teams_id_year" UNIQUE("id","fiscal_year"),
	CONSTRAINT "teams_moyamoya_visibility" CHECK ("moyamoya_visibility" in ('team_figure_only', 'members_visible'))
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"starts_at" time,
	"duration_minutes" integer DEFAULT 0 NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"guests" text DEFAULT '' NOT NULL,
	"session_id" integer,
	"interview_id" integer,
	"import_key" text,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "activities_kind" CHECK ("kind" in ('kickoff', 'study_session', 'followup', 'meeting', 'interview_prep', 'interview', 'survey', 'preassignment', 'report', 'partner_meeting', 'alumni_dialogue', 'local_study', 'offsite', 'vote', 'joint_paper', 'other')),
	CONSTRAINT "activities_duration_range" CHECK ("activities"."duration_minutes" between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "activity_attendees" (
	"activity_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "activity_attendees_activity_id_person_id_pk" PRIMARY KEY("activity_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "interview_homework" (
	"id" serial PRIMARY KEY NOT NULL,
	"interview_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'todo' NOT NULL,
	"due_on" date,
	"follow_up" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interview_homework_status" CHECK ("status" in ('todo', 'doing', 'done')),
	CONSTRAINT "interview_homework_body_not_blank" CHECK (length(trim("interview_homework"."body")) > 0)
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"interviewed_on" date NOT NULL,
	"interviewee" text NOT NULL,
	"role_category" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"questions" text DEFAULT '' NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"insights" text DEFAULT '' NOT NULL,
	"unease" text DEFAULT '' NOT NULL,
	"visibility" text DEFAULT 'team' NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "interviews_id_team" UNIQUE("id","team_id"),
	CONSTRAINT "interviews_role_category" CHECK ("role_category" in ('head', 'deputy_head', 'hr', 'manager', 'staff', 'council', 'community', 'external', 'alumni', 'other')),
	CONSTRAINT "interviews_visibility" CHECK ("visibility" in ('team', 'municipality', 'program')),
	CONSTRAINT "interviews_interviewee_not_blank" CHECK (length(trim("interviews"."interviewee")) > 0)
);
--> statement-breakpoint
CREATE TABLE "moyamoya_checkins" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"checked_on" date NOT NULL,
	"level" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moyamoya_checkins_level_range" CHECK ("moyamoya_checkins"."level" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "team_moyamoya" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"level" integer NOT NULL,
	"reflection" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_moyamoya_level_range" CHECK ("team_moyamoya"."level" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "sheet_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"sheet_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"section" text NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"author_user_id" integer NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sheet_comments_section" CHECK ("section" in ('currentState', 'idealIn10Years', 'targetOrganization', 'focusInitiatives', 'oneYearGoal', 'actionPlan', 'scenario', 'keywords')),
	CONSTRAINT "sheet_comments_body_not_blank" CHECK (length(trim("sheet_comments"."body")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sheet_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"sheet_id" integer NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"tag" text DEFAULT '' NOT NULL,
	"session_id" integer,
	"restored_from_version" integer,
	"author_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sheet_versions_version_positive" CHECK ("sheet_versions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "sheets" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"copied_from_version_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sheets_id_team" UNIQUE("id","team_id"),
	CONSTRAINT "sheets_version_non_negative" CHECK ("sheets"."current_version" >= 0)
);
--> statement-breakpoint
CREATE TABLE "change_chains" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"title" text NOT NULL,
	"reflection" text DEFAULT '' NOT NULL,
	"co_creation_step" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "change_chains_step" CHECK ("change_chains"."co_creation_step" is null or "co_creation_step" in ('share', 'empathy', 'cowork', 'cocreate'))
);
--> statement-breakpoint
CREATE TABLE "change_moments" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"stage" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "change_moments_stage" CHECK ("stage" in ('trigger', 'turning_point', 'change'))
);
--> statement-breakpoint
CREATE TABLE "alumni_group_members" (
	"group_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"joined_on" date,
	CONSTRAINT "alumni_group_members_group_id_person_id_pk" PRIMARY KEY("group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "alumni_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"municipality_id" integer,
	"founded_on" date,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "facilitator_offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facilitator_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer,
	"group_id" integer,
	"held_on" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"help_needed" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilitator_requests_status" CHECK ("status" in ('open', 'decided', 'done', 'cancelled')),
	CONSTRAINT "facilitator_requests_owner" CHECK ("facilitator_requests"."team_id" is not null or "facilitator_requests"."group_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"to_continue" text DEFAULT '' NOT NULL,
	"people_to_talk_to" text DEFAULT '' NOT NULL,
	"advice" text DEFAULT '' NOT NULL,
	"author_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"assigned_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"href" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "offsite_meeting_people" (
	"meeting_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "offsite_meeting_people_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id"),
	CONSTRAINT "offsite_meeting_people_role" CHECK ("role" in ('facilitator', 'attendee'))
);
--> statement-breakpoint
CREATE TABLE "offsite_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer,
	"team_id" integer,
	"held_on" date NOT NULL,
	"theme" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"guests" text DEFAULT '' NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "offsite_meetings_owner" CHECK ("offsite_meetings"."group_id" is not null or "offsite_meetings"."team_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "organizers" ADD CONSTRAINT "organizers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_assignments" ADD CONSTRAINT "pre_assignments_session_id_study_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."study_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_fiscal_year_program_years_fiscal_year_fk" FOREIGN KEY ("fiscal_year") REFERENCES "public"."program_years"("fiscal_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_viewers" ADD CONSTRAINT "hr_viewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_viewers" ADD CONSTRAINT "hr_viewers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_group_teams" ADD CONSTRAINT "dialogue_group_teams_group_year_fk" FOREIGN KEY ("group_id","fiscal_year") REFERENCES "public"."dialogue_groups"("id","fiscal_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_group_teams" ADD CONSTRAINT "dialogue_group_teams_team_year_fk" FOREIGN KEY ("team_id","fiscal_year") REFERENCES "public"."teams"("id","fiscal_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_groups" ADD CONSTRAINT "dialogue_groups_fiscal_year_program_years_fiscal_year_fk" FOREIGN KEY ("fiscal_year") REFERENCES "public"."program_years"("fiscal_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_assignment_submissions" ADD CONSTRAINT "pre_assignment_submissions_pre_assignment_id_pre_assignments_id_fk" FOREIGN KEY ("pre_assignment_id") REFERENCES "public"."pre_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_assignment_submissions" ADD CONSTRAINT "pre_assignment_submissions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_assignment_submissions" ADD CONSTRAINT "pre_assignment_submissions_submitted_by_person_id_people_id_fk" FOREIGN KEY ("submitted_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_fiscal_year_program_years_fiscal_year_fk" FOREIGN KEY ("fiscal_year") REFERENCES "public"."program_years"("fiscal_year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_session_id_study_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."study_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_interview_team_fk" FOREIGN KEY ("interview_id","team_id") REFERENCES "public"."interviews"("id","team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendees" ADD CONSTRAINT "activity_attendees_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendees" ADD CONSTRAINT "activity_attendees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_homework" ADD CONSTRAINT "interview_homework_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_homework" ADD CONSTRAINT "interview_homework_interview_team_fk" FOREIGN KEY ("interview_id","team_id") REFERENCES "public"."interviews"("id","team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moyamoya_checkins" ADD CONSTRAINT "moyamoya_checkins_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moyamoya_checkins" ADD CONSTRAINT "moyamoya_checkins_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_moyamoya" ADD CONSTRAINT "team_moyamoya_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_moyamoya" ADD CONSTRAINT "team_moyamoya_session_id_study_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."study_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_comments" ADD CONSTRAINT "sheet_comments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_comments" ADD CONSTRAINT "sheet_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_comments" ADD CONSTRAINT "sheet_comments_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_comments" ADD CONSTRAINT "sheet_comments_sheet_team_fk" FOREIGN KEY ("sheet_id","team_id") REFERENCES "public"."sheets"("id","team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_versions" ADD CONSTRAINT "sheet_versions_sheet_id_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_versions" ADD CONSTRAINT "sheet_versions_session_id_study_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."study_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_versions" ADD CONSTRAINT "sheet_versions_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheets" ADD CONSTRAINT "sheets_copied_from_version_id_sheet_versions_id_fk" FOREIGN KEY ("copied_from_version_id") REFERENCES "public"."sheet_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_chains" ADD CONSTRAINT "change_chains_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_moments" ADD CONSTRAINT "change_moments_chain_id_change_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."change_chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_group_members" ADD CONSTRAINT "alumni_group_members_group_id_alumni_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."alumni_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_group_members" ADD CONSTRAINT "alumni_group_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_groups" ADD CONSTRAINT "alumni_groups_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilitator_offers" ADD CONSTRAINT "facilitator_offers_request_id_facilitator_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."facilitator_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilitator_offers" ADD CONSTRAINT "facilitator_offers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilitator_requests" ADD CONSTRAINT "facilitator_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilitator_requests" ADD CONSTRAINT "facilitator_requests_group_id_alumni_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."alumni_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilitator_requests" ADD CONSTRAINT "facilitator_requests_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_assigned_by_user_id_users_id_fk" FOREIGN KEY ("assigned_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offsite_meeting_people" ADD CONSTRAINT "offsite_meeting_people_meeting_id_offsite_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."offsite_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offsite_meeting_people" ADD CONSTRAINT "offsite_meeting_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offsite_meetings" ADD CONSTRAINT "offsite_meetings_group_id_alumni_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."alumni_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offsite_meetings" ADD CONSTRAINT "offsite_meetings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offsite_meetings" ADD CONSTRAINT "offsite_meetings_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "municipalities_prefecture_name" ON "municipalities" USING btree ("prefecture","name");--> statement-breakpoint
CREATE UNIQUE INDEX "organizers_person" ON "organizers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pre_assignments_session" ON "pre_assignments" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "study_sessions_year_kind_number" ON "study_sessions" USING btree ("fiscal_year","kind","number");--> statement-breakpoint
CREATE INDEX "study_sessions_year_starts_on" ON "study_sessions" USING btree ("fiscal_year","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "account_tokens_hash" ON "account_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_user_at" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "auth_sessions_user" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hr_viewers_user_municipality" ON "hr_viewers" USING btree ("user_id","municipality_id");--> statement-breakpoint
CREATE INDEX "login_attempts_email_at" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "people_municipality" ON "people" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_person" ON "users" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_group_teams_team" ON "dialogue_group_teams" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "dialogue_group_teams_group" ON "dialogue_group_teams" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "dialogue_groups_year" ON "dialogue_groups" USING btree ("fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "pre_assignment_submissions_assignment_team" ON "pre_assignment_submissions" USING btree ("pre_assignment_id","team_id");--> statement-breakpoint
CREATE INDEX "pre_assignment_submissions_team" ON "pre_assignment_submissions" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_team_person" ON "team_members" USING btree ("team_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_one_hr_slot" ON "team_members" USING btree ("team_id") WHERE "team_members"."is_hr_slot" and "team_members"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "team_members_person" ON "team_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_municipality_year" ON "teams" USING btree ("municipality_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "teams_year" ON "teams" USING btree ("fiscal_year");--> statement-breakpoint
CREATE INDEX "activities_team_date" ON "activities" USING btree ("team_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_interview_own" ON "activities" USING btree ("interview_id") WHERE "activities"."kind" = 'interview';--> statement-breakpoint
CREATE UNIQUE INDEX "activities_team_import_key" ON "activities" USING btree ("team_id","import_key");--> statement-breakpoint
CREATE INDEX "activities_text_trgm" ON "activities" USING gin (("title" || ' ' || "notes" || ' ' || "guests") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "activity_attendees_person" ON "activity_attendees" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "interview_homework_interview" ON "interview_homework" USING btree ("interview_id");--> statement-breakpoint
CREATE INDEX "interview_homework_team_status" ON "interview_homework" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "interviews_team_date" ON "interviews" USING btree ("team_id","interviewed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "moyamoya_checkins_team_person_day" ON "moyamoya_checkins" USING btree ("team_id","person_id","checked_on");--> statement-breakpoint
CREATE INDEX "moyamoya_checkins_team_day" ON "moyamoya_checkins" USING btree ("team_id","checked_on");--> statement-breakpoint
CREATE UNIQUE INDEX "team_moyamoya_team_session" ON "team_moyamoya" USING btree ("team_id","session_id");--> statement-breakpoint
CREATE INDEX "sheet_comments_sheet_section" ON "sheet_comments" USING btree ("sheet_id","section");--> statement-breakpoint
CREATE INDEX "sheet_comments_team_open" ON "sheet_comments" USING btree ("team_id") WHERE "sheet_comments"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "sheet_versions_sheet_version" ON "sheet_versions" USING btree ("sheet_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "sheets_team" ON "sheets" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "change_chains_team" ON "change_chains" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "change_moments_chain" ON "change_moments" USING btree ("chain_id");--> statement-breakpoint
CREATE INDEX "alumni_group_members_person" ON "alumni_group_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "alumni_groups_municipality" ON "alumni_groups" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "facilitator_offers_request_person" ON "facilitator_offers" USING btree ("request_id","person_id");--> statement-breakpoint
CREATE INDEX "facilitator_requests_status_date" ON "facilitator_requests" USING btree ("status","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_team" ON "handovers" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_assignments_team_person" ON "mentor_assignments" USING btree ("team_id","person_id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_person" ON "mentor_assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread" ON "notifications" USING btree ("user_id","created_at") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "offsite_meetings_group_date" ON "offsite_meetings" USING btree ("group_id","held_on");