CREATE TABLE "external_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"external_id" text NOT NULL,
	"occurred_on" date NOT NULL,
	"actor1_code" text,
	"actor1_name" text,
	"actor1_country" text,
	"actor2_code" text,
	"actor2_name" text,
	"actor2_country" text,
	"event_code" text,
	"root_code" text,
	"quad_class" smallint,
	"goldstein" double precision,
	"num_mentions" integer,
	"num_sources" integer,
	"num_articles" integer,
	"is_root" boolean,
	"quantity" double precision,
	"location" text,
	"source_url" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_events_dataset_id" UNIQUE("dataset","external_id")
);
--> statement-breakpoint
CREATE TABLE "strike_nights" (
	"dataset" text NOT NULL,
	"night" date NOT NULL,
	"drones_launched" integer NOT NULL,
	"missiles_launched" integer NOT NULL,
	"drones_destroyed" integer NOT NULL,
	"missiles_destroyed" integer NOT NULL,
	"origin" text NOT NULL,
	CONSTRAINT "strike_nights_dataset_night_pk" PRIMARY KEY("dataset","night")
);
--> statement-breakpoint
CREATE TABLE "strike_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"row_key" text NOT NULL,
	"time_start" text NOT NULL,
	"time_end" text NOT NULL,
	"night" date NOT NULL,
	"model" text NOT NULL,
	"weapon_class" text NOT NULL,
	"scope" text NOT NULL,
	"target" text,
	"launch_place" text,
	"launched" integer,
	"destroyed" integer,
	"not_reach_goal" integer,
	"still_attacking" integer,
	"source" text,
	"details" jsonb,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strike_reports_dataset_row_key" UNIQUE("dataset","row_key")
);
--> statement-breakpoint
CREATE TABLE "timeline_datasets" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"attribution" text NOT NULL,
	"url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "external_events_day_idx" ON "external_events" USING btree ("dataset","occurred_on");--> statement-breakpoint
CREATE INDEX "strike_reports_night_idx" ON "strike_reports" USING btree ("dataset","night");