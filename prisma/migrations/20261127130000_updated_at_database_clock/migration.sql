-- Every stored time from the database's clock (one clock for every app instance). Prisma's
-- @updatedAt and @default(now()) stamp rows with the app server's clock; the schema now leaves
-- them to Postgres: the column defaults (already now()) for created_at, and for updated_at a
-- trigger on every UPDATE, whoever writes the row (Prisma, raw SQL, an operator).
CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER organizations_set_updated_at BEFORE UPDATE ON "organizations" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER sites_set_updated_at BEFORE UPDATE ON "sites" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER readers_set_updated_at BEFORE UPDATE ON "readers" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER staff_set_updated_at BEFORE UPDATE ON "staff" FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- An audit event is stamped when its statement runs, not when its transaction began: events
-- written after a row lock (a settings change waits for the one before it) are then in commit
-- order by time too, which is the order the audit page shows.
ALTER TABLE "audit_events" ALTER COLUMN "created_at" SET DEFAULT clock_timestamp();
