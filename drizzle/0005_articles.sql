CREATE TABLE "article_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"from_version_id" integer NOT NULL,
	"to_version_id" integer NOT NULL,
	"corrected_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"diff" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_renders" (
	"version_id" integer PRIMARY KEY NOT NULL,
	"rendered_at" timestamp with time zone NOT NULL,
	"output_hash" text NOT NULL,
	"public_page" text NOT NULL,
	"public_etag" text NOT NULL,
	"public_fragment" text NOT NULL,
	"member_fragment" text NOT NULL,
	"notes" jsonb NOT NULL,
	"source_summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL,
	"cited_keys" jsonb NOT NULL,
	"dependencies" jsonb NOT NULL,
	CONSTRAINT "article_versions_number" UNIQUE("article_id","number")
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scheduled_for" timestamp with time zone,
	"author_id" integer,
	"byline" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_version_id" integer,
	"first_published_at" timestamp with time zone,
	"render_rev" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "articles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "bottom_line_sources" (
	"bottom_line_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "bottom_line_sources_bottom_line_id_source_id_pk" PRIMARY KEY("bottom_line_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "bottom_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"issue_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"stated_on" date NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	"note" text,
	CONSTRAINT "bottom_lines_issue_actor_date" UNIQUE("issue_id","actor_id","stated_on"),
	CONSTRAINT "bottom_lines_interval" CHECK (0 <= "bottom_lines"."min" and "bottom_lines"."min" <= "bottom_lines"."max" and "bottom_lines"."max" <= 1)
);
--> statement-breakpoint
CREATE TABLE "issue_scales" (
	"issue_id" integer PRIMARY KEY NOT NULL,
	"scale" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_sources" (
	"negotiation_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "negotiation_sources_negotiation_id_source_id_pk" PRIMARY KEY("negotiation_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "party_role_sources" (
	"role_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "party_role_sources_role_id_source_id_pk" PRIMARY KEY("role_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "party_roles" (
	"id" serial PRIMARY KEY NOT NULL,
	"negotiation_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"role" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"note" text,
	CONSTRAINT "party_roles_period" CHECK ("party_roles"."to_on" is null or "party_roles"."to_on" >= "party_roles"."from_on")
);
--> statement-breakpoint
CREATE TABLE "position_sources" (
	"position_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "position_sources_position_id_source_id_pk" PRIMARY KEY("position_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" serial PRIMARY KEY NOT NULL,
	"provision_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"stated_on" date NOT NULL,
	"level" integer NOT NULL,
	"note" text,
	CONSTRAINT "positions_provision_actor_date" UNIQUE("provision_id","actor_id","stated_on"),
	CONSTRAINT "positions_level_ladder" CHECK ("positions"."level" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "provision_links" (
	"from_provision_id" integer NOT NULL,
	"to_provision_id" integer NOT NULL,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "provision_links_from_provision_id_to_provision_id_pk" PRIMARY KEY("from_provision_id","to_provision_id")
);
--> statement-breakpoint
CREATE TABLE "provision_weights" (
	"weight_set_id" integer NOT NULL,
	"provision_id" integer NOT NULL,
	"weight" double precision NOT NULL,
	"note" text,
	CONSTRAINT "provision_weights_weight_set_id_provision_id_pk" PRIMARY KEY("weight_set_id","provision_id"),
	CONSTRAINT "provision_weights_non_negative" CHECK ("provision_weights"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "weight_sets" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"key" text NOT NULL,
	"set_by" text NOT NULL,
	"set_on" date NOT NULL,
	"rationale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weight_sets_document_key" UNIQUE("document_id","key")
);
--> statement-breakpoint
ALTER TABLE "article_corrections" ADD CONSTRAINT "article_corrections_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_corrections" ADD CONSTRAINT "article_corrections_from_version_id_article_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."article_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_corrections" ADD CONSTRAINT "article_corrections_to_version_id_article_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."article_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_renders" ADD CONSTRAINT "article_renders_version_id_article_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."article_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottom_line_sources" ADD CONSTRAINT "bottom_line_sources_bottom_line_id_bottom_lines_id_fk" FOREIGN KEY ("bottom_line_id") REFERENCES "public"."bottom_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottom_line_sources" ADD CONSTRAINT "bottom_line_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottom_lines" ADD CONSTRAINT "bottom_lines_issue_id_negotiation_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."negotiation_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottom_lines" ADD CONSTRAINT "bottom_lines_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_scales" ADD CONSTRAINT "issue_scales_issue_id_negotiation_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."negotiation_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_sources" ADD CONSTRAINT "negotiation_sources_negotiation_id_negotiations_id_fk" FOREIGN KEY ("negotiation_id") REFERENCES "public"."negotiations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_sources" ADD CONSTRAINT "negotiation_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_role_sources" ADD CONSTRAINT "party_role_sources_role_id_party_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."party_roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_role_sources" ADD CONSTRAINT "party_role_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_roles" ADD CONSTRAINT "party_roles_negotiation_id_negotiations_id_fk" FOREIGN KEY ("negotiation_id") REFERENCES "public"."negotiations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_roles" ADD CONSTRAINT "party_roles_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_sources" ADD CONSTRAINT "position_sources_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_sources" ADD CONSTRAINT "position_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_links" ADD CONSTRAINT "provision_links_from_provision_id_provisions_id_fk" FOREIGN KEY ("from_provision_id") REFERENCES "public"."provisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_links" ADD CONSTRAINT "provision_links_to_provision_id_provisions_id_fk" FOREIGN KEY ("to_provision_id") REFERENCES "public"."provisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_weights" ADD CONSTRAINT "provision_weights_weight_set_id_weight_sets_id_fk" FOREIGN KEY ("weight_set_id") REFERENCES "public"."weight_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_weights" ADD CONSTRAINT "provision_weights_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_sets" ADD CONSTRAINT "weight_sets_document_id_framework_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."framework_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_corrections_article_idx" ON "article_corrections" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "article_corrections_at_idx" ON "article_corrections" USING btree ("corrected_at");--> statement-breakpoint
CREATE INDEX "article_versions_dependencies_idx" ON "article_versions" USING gin ("dependencies");--> statement-breakpoint
CREATE INDEX "articles_status_idx" ON "articles" USING btree ("status","first_published_at");--> statement-breakpoint
CREATE INDEX "bottom_line_sources_source_idx" ON "bottom_line_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "negotiation_sources_source_idx" ON "negotiation_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "party_role_sources_source_idx" ON "party_role_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "party_roles_negotiation_idx" ON "party_roles" USING btree ("negotiation_id");--> statement-breakpoint
CREATE INDEX "position_sources_source_idx" ON "position_sources" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "positions_actor_idx" ON "positions" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "provision_links_to_idx" ON "provision_links" USING btree ("to_provision_id");