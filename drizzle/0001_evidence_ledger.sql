CREATE TABLE "claim_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_id" integer NOT NULL,
	"stance" text NOT NULL,
	"source_id" integer NOT NULL,
	"quote_id" integer,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "claim_evidence_claim_source_quote" UNIQUE NULLS NOT DISTINCT("claim_id","stance","source_id","quote_id")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"negotiation_id" integer,
	"text" text NOT NULL,
	"claimant" text NOT NULL,
	"claimant_actor_key" text,
	"stated_on" date NOT NULL,
	"source_id" integer NOT NULL,
	"quote_id" integer,
	"status" text DEFAULT 'unreviewed' NOT NULL,
	"credibility" integer,
	"stated_share" real,
	"verdict" text,
	"reviewed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "source_link_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"final_url" text,
	"error" text,
	"sha256" text,
	"snapshot_id" integer
);
--> statement-breakpoint
CREATE TABLE "source_quotes" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"snapshot_id" integer NOT NULL,
	"exact" text NOT NULL,
	"prefix" text NOT NULL,
	"suffix" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text_sha256" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"status" text DEFAULT 'unverified' NOT NULL,
	"verified_at" timestamp with time zone,
	"verified_snapshot_id" integer,
	"verified_start" integer,
	"verified_end" integer
);
--> statement-breakpoint
CREATE TABLE "source_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"requested_url" text NOT NULL,
	"final_url" text NOT NULL,
	"http_status" integer NOT NULL,
	"content_type" text NOT NULL,
	"headers" jsonb NOT NULL,
	"byte_length" integer NOT NULL,
	"raw" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"text" text,
	"text_sha256" text,
	"text_status" text NOT NULL,
	"extractor" text,
	"page_title" text,
	"archived_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "csl" jsonb;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "link_status" text DEFAULT 'unchecked' NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "link_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claim_evidence" ADD CONSTRAINT "claim_evidence_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_evidence" ADD CONSTRAINT "claim_evidence_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_evidence" ADD CONSTRAINT "claim_evidence_quote_id_source_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."source_quotes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_negotiation_id_negotiations_id_fk" FOREIGN KEY ("negotiation_id") REFERENCES "public"."negotiations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_quote_id_source_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."source_quotes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_link_checks" ADD CONSTRAINT "source_link_checks_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_link_checks" ADD CONSTRAINT "source_link_checks_snapshot_id_source_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."source_snapshots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_quotes" ADD CONSTRAINT "source_quotes_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_quotes" ADD CONSTRAINT "source_quotes_snapshot_id_source_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."source_snapshots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_quotes" ADD CONSTRAINT "source_quotes_verified_snapshot_id_source_snapshots_id_fk" FOREIGN KEY ("verified_snapshot_id") REFERENCES "public"."source_snapshots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_snapshots" ADD CONSTRAINT "source_snapshots_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_evidence_source_idx" ON "claim_evidence" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "claims_negotiation_idx" ON "claims" USING btree ("negotiation_id","stated_on");--> statement-breakpoint
CREATE INDEX "claims_source_idx" ON "claims" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "source_link_checks_source_idx" ON "source_link_checks" USING btree ("source_id","checked_at");--> statement-breakpoint
CREATE INDEX "source_quotes_source_idx" ON "source_quotes" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "source_quotes_snapshot_idx" ON "source_quotes" USING btree ("snapshot_id");--> statement-breakpoint
CREATE INDEX "source_snapshots_source_idx" ON "source_snapshots" USING btree ("source_id","fetched_at");