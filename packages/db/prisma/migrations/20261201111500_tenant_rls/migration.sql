-- Row-level security for tenant data (docs/decisions/020-tenancy-rls.md).
--
-- Tenant work logs in as `glow_tenant`: not a superuser, no BYPASSRLS, owns no table and
-- is a member of no other role, so it can neither skip the policies below nor SET ROLE
-- back to the tables' owner. Each tenant transaction sets `app.org_id` (set_config(…, true),
-- so it ends with the transaction); with none set, every policy matches nothing.
-- The server gives the role its password at start (packages/db/src/tenant.ts).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'glow_tenant') THEN
    CREATE ROLE glow_tenant LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
  END IF;
EXCEPTION
  -- Two databases of one cluster migrating at once (tests): the other one made it.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- The organization whose rows this transaction may touch, or NULL when none is set.
CREATE OR REPLACE FUNCTION glow_current_org() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;

GRANT USAGE ON SCHEMA public TO glow_tenant;
GRANT EXECUTE ON FUNCTION glow_current_org() TO glow_tenant;

-- Core tenancy tables: written by core services as the owner; tenant work reads members.
ALTER TABLE "org_memberships" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "org_memberships" TO glow_tenant
  USING ("org_id" = glow_current_org()) WITH CHECK ("org_id" = glow_current_org());
GRANT SELECT ON "org_memberships" TO glow_tenant;

ALTER TABLE "org_invitations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "org_invitations" TO glow_tenant
  USING ("org_id" = glow_current_org()) WITH CHECK ("org_id" = glow_current_org());
GRANT SELECT ON "org_invitations" TO glow_tenant;

-- People: tenant work sees the id, name and email of the tenant's own members only.
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_members ON "users" FOR SELECT TO glow_tenant
  USING (EXISTS (SELECT 1 FROM "org_memberships" m WHERE m."user_id" = "users"."id" AND m."org_id" = glow_current_org()));
GRANT SELECT ("id", "name", "email") ON "users" TO glow_tenant;

-- Coach tables: each tenant's own rows.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['coach_assessments', 'coach_programs', 'coach_program_sessions', 'coach_program_items',
                           'coach_workout_logs', 'coach_workout_sets', 'coach_video_progress'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO glow_tenant USING ("org_id" = glow_current_org()) WITH CHECK ("org_id" = glow_current_org())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO glow_tenant', t);
  END LOOP;
  -- Templates and exercises: the tenant's own, plus Glow's library (org_id NULL) to read.
  FOREACH t IN ARRAY ARRAY['coach_templates', 'coach_exercises'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO glow_tenant USING ("org_id" = glow_current_org()) WITH CHECK ("org_id" = glow_current_org())', t);
    EXECUTE format('CREATE POLICY library_read ON %I FOR SELECT TO glow_tenant USING ("org_id" IS NULL)', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO glow_tenant', t);
  END LOOP;
END
$$;
