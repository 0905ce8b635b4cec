CREATE TABLE "implementation_record_sources" (
	"record_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "implementation_record_sources_record_id_source_id_pk" PRIMARY KEY("record_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "implementation_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"obligation_id" integer NOT NULL,
	"recorded_on" date NOT NULL,
	"rung" integer NOT NULL,
	"reversed" boolean DEFAULT false NOT NULL,
	"disputed" boolean DEFAULT false NOT NULL,
	"note" text,
	CONSTRAINT "implementation_records_rung_ladder" CHECK ("implementation_records"."rung" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "obligation_dispute_sources" (
	"dispute_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "obligation_dispute_sources_dispute_id_source_id_pk" PRIMARY KEY("dispute_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "obligation_disputes" (
	"id" serial PRIMARY KEY NOT NULL,
	"obligation_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"stated_on" date,
	"reading" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "obligation_sources" (
	"obligation_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "obligation_sources_obligation_id_source_id_pk" PRIMARY KEY("obligation_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "obligations" (
	"id" serial PRIMARY KEY NOT NULL,
	"provision_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"key" text NOT NULL,
	"action" text NOT NULL,
	"due_on" date,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "obligations_provision_key" UNIQUE("provision_id","key")
);
--> statement-breakpoint
ALTER TABLE "implementation_record_sources" ADD CONSTRAINT "implementation_record_sources_record_id_implementation_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."implementation_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_record_sources" ADD CONSTRAINT "implementation_record_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_records" ADD CONSTRAINT "implementation_records_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_dispute_sources" ADD CONSTRAINT "obligation_dispute_sources_dispute_id_obligation_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."obligation_disputes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_dispute_sources" ADD CONSTRAINT "obligation_dispute_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_disputes" ADD CONSTRAINT "obligation_disputes_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_disputes" ADD CONSTRAINT "obligation_disputes_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_sources" ADD CONSTRAINT "obligation_sources_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_sources" ADD CONSTRAINT "obligation_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "implementation_record_sources_source_idx" ON "implementation_record_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "implementation_records_obligation_idx" ON "implementation_records" USING btree ("obligation_id");--> statement-breakpoint
CREATE INDEX "obligation_dispute_sources_source_idx" ON "obligation_dispute_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "obligation_disputes_obligation_idx" ON "obligation_disputes" USING btree ("obligation_id");--> statement-breakpoint
CREATE INDEX "obligation_sources_source_idx" ON "obligation_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "obligations_actor_idx" ON "obligations" USING btree ("actor_id");