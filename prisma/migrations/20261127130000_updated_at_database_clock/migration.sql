-- updated_at from the database's clock: Prisma's @updatedAt stamps rows with the app server's
-- clock, every other stored time in this schema is Postgres' now() (one clock for every instance).
-- A trigger sets it on every UPDATE, whoever writes the row (Prisma, raw SQL, an operator).
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
