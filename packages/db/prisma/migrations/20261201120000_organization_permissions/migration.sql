-- Platform admins' view of organizations (admin.orgs.*; packages/api/src/core/permissions.ts),
-- granted to admin like the permissions before them.
INSERT INTO "permissions" ("action", "entity", "access", "description") VALUES
  ('read', 'organizations', 'any', 'See every organization, its members and its parent and children'),
  ('write', 'organizations', 'any', 'Change members'' roles in any organization (support)')
ON CONFLICT ("action", "entity", "access") DO NOTHING;

INSERT INTO "role_permissions" ("role_id", "permission_id")
SELECT "roles"."id", "permissions"."id" FROM "roles" CROSS JOIN "permissions"
WHERE "roles"."name" = 'admin' AND "permissions"."entity" = 'organizations' AND "permissions"."access" = 'any'
ON CONFLICT DO NOTHING;
