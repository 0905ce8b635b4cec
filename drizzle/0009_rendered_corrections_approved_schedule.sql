ALTER TABLE "article_corrections" ADD COLUMN "public_diff" jsonb;--> statement-breakpoint
ALTER TABLE "article_corrections" ADD COLUMN "member_diff" jsonb;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "scheduled_hash" text;