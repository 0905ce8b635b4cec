CREATE TABLE "forecast_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"version" integer NOT NULL,
	"dated_on" date NOT NULL,
	"text" text NOT NULL,
	"reason" text,
	CONSTRAINT "forecast_criteria_question_version" UNIQUE("question_id","version"),
	CONSTRAINT "forecast_criteria_version_positive" CHECK ("forecast_criteria"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "forecast_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"noted_on" date NOT NULL,
	"description" text NOT NULL,
	"likelihood_ratio" double precision NOT NULL,
	"source_id" integer,
	"claim_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "forecast_evidence_ratio_positive" CHECK ("forecast_evidence"."likelihood_ratio" > 0),
	CONSTRAINT "forecast_evidence_tied" CHECK ("forecast_evidence"."source_id" is not null or "forecast_evidence"."claim_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "forecast_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"negotiation_id" integer,
	"title" text NOT NULL,
	"close_on" date NOT NULL,
	"prior" double precision,
	"prior_note" text,
	"resolution" text,
	"resolved_on" date,
	"resolution_note" text,
	"resolution_source_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_questions_key_unique" UNIQUE("key"),
	CONSTRAINT "forecast_questions_prior" CHECK ("forecast_questions"."prior" is null or ("forecast_questions"."prior" > 0 and "forecast_questions"."prior" < 1)),
	CONSTRAINT "forecast_questions_resolution" CHECK (("forecast_questions"."resolution" is null) = ("forecast_questions"."resolved_on" is null))
);
--> statement-breakpoint
CREATE TABLE "forecast_sources" (
	"forecast_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "forecast_sources_forecast_id_source_id_pk" PRIMARY KEY("forecast_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "forecasts" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"forecaster" text NOT NULL,
	"staff_id" integer,
	"probability" double precision NOT NULL,
	"made_on" date NOT NULL,
	"rationale" text NOT NULL,
	"criteria_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecasts_question_forecaster_day" UNIQUE("question_id","forecaster","made_on"),
	CONSTRAINT "forecasts_probability_open" CHECK ("forecasts"."probability" > 0 and "forecasts"."probability" < 1)
);
--> statement-breakpoint
ALTER TABLE "forecast_criteria" ADD CONSTRAINT "forecast_criteria_question_id_forecast_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."forecast_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_evidence" ADD CONSTRAINT "forecast_evidence_question_id_forecast_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."forecast_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_evidence" ADD CONSTRAINT "forecast_evidence_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_evidence" ADD CONSTRAINT "forecast_evidence_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_questions" ADD CONSTRAINT "forecast_questions_negotiation_id_negotiations_id_fk" FOREIGN KEY ("negotiation_id") REFERENCES "public"."negotiations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_questions" ADD CONSTRAINT "forecast_questions_resolution_source_id_sources_id_fk" FOREIGN KEY ("resolution_source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_sources" ADD CONSTRAINT "forecast_sources_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_sources" ADD CONSTRAINT "forecast_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_question_id_forecast_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."forecast_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_evidence_question_idx" ON "forecast_evidence" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "forecast_questions_negotiation_idx" ON "forecast_questions" USING btree ("negotiation_id");--> statement-breakpoint
CREATE INDEX "forecast_sources_source_idx" ON "forecast_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "forecasts_question_idx" ON "forecasts" USING btree ("question_id","made_on");
