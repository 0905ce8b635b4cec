CREATE TABLE "external_event_days" (
	"dataset" text NOT NULL,
	"day" date NOT NULL,
	"events" integer NOT NULL,
	"quantity" double precision NOT NULL,
	CONSTRAINT "external_event_days_dataset_day_pk" PRIMARY KEY("dataset","day")
);
--> statement-breakpoint
-- Events imported before this table existed get their day totals now.
INSERT INTO "external_event_days" ("dataset", "day", "events", "quantity")
SELECT "dataset", "occurred_on", count(*)::int, coalesce(sum("quantity"), 0)
FROM "external_events" GROUP BY "dataset", "occurred_on";
