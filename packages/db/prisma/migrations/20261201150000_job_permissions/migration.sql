-- The admin's Jobs screens (admin.jobs.*; packages/api/src/core/permissions.ts), granted to
-- admin like the permissions before them.
INSERT INTO "permissions" ("action", "entity", "access", "description") VALUES
  ('read', 'jobs', 'any', 'See the background job queues, their jobs and dead letters'),
  ('write', 'jobs', 'any', 'Retry or cancel background jobs')
ON CONFLICT ("action", "entity", "access") DO NOTHING;

INSERT INTO "role_permissions" ("role_id", "permission_id")
SELECT "roles"."id", "permissions"."id" FROM "roles" CROSS JOIN "permissions"
WHERE "roles"."name" = 'admin' AND "permissions"."entity" = 'jobs' AND "permissions"."access" = 'any'
ON CONFLICT DO NOTHING;
