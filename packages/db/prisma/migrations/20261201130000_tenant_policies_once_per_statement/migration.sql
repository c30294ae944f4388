-- The tenant policies of 20261201111500_tenant_rls, re-created with `(SELECT glow_current_org())`
-- in place of `glow_current_org()`: a sub-select without outer references is an initplan, so
-- PostgreSQL computes the organization once per statement instead of once per row (the
-- benchmark's coach.programs.current called it about 2,000 times). Same names, roles,
-- commands and meaning; the users policy's EXISTS sub-query likewise.

DROP POLICY tenant_isolation ON "org_memberships";
CREATE POLICY tenant_isolation ON "org_memberships" TO glow_tenant
  USING ("org_id" = (SELECT glow_current_org())) WITH CHECK ("org_id" = (SELECT glow_current_org()));

DROP POLICY tenant_isolation ON "org_invitations";
CREATE POLICY tenant_isolation ON "org_invitations" TO glow_tenant
  USING ("org_id" = (SELECT glow_current_org())) WITH CHECK ("org_id" = (SELECT glow_current_org()));

DROP POLICY tenant_members ON "users";
CREATE POLICY tenant_members ON "users" FOR SELECT TO glow_tenant
  USING (EXISTS (SELECT 1 FROM "org_memberships" m WHERE m."user_id" = "users"."id" AND m."org_id" = (SELECT glow_current_org())));

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['coach_assessments', 'coach_programs', 'coach_program_sessions', 'coach_program_items',
                           'coach_workout_logs', 'coach_workout_sets', 'coach_video_progress',
                           'coach_templates', 'coach_exercises'] LOOP
    EXECUTE format('DROP POLICY tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO glow_tenant USING ("org_id" = (SELECT glow_current_org())) WITH CHECK ("org_id" = (SELECT glow_current_org()))', t);
  END LOOP;
END
$$;
