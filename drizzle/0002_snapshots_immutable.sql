-- Snapshots are evidence: once stored they never change. The only way out is an audited purge,
-- which names the snapshot in a transaction-local setting before deleting it.
CREATE OR REPLACE FUNCTION parley_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('parley.purge_snapshot', true) = OLD.id::text THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'snapshots are immutable: truncate refused';
  END IF;
  RAISE EXCEPTION 'snapshot % is immutable: % refused (only an audited purge may remove it)', OLD.id, lower(TG_OP);
END
$$;
--> statement-breakpoint
CREATE TRIGGER source_snapshots_immutable BEFORE UPDATE OR DELETE ON source_snapshots
  FOR EACH ROW EXECUTE FUNCTION parley_snapshot_immutable();
--> statement-breakpoint
CREATE TRIGGER source_snapshots_no_truncate BEFORE TRUNCATE ON source_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION parley_snapshot_immutable();
