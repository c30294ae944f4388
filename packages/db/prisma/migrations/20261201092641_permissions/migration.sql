-- CreateEnum
CREATE TYPE "permission_access" AS ENUM ('own', 'any');

-- CreateTable
CREATE TABLE "permissions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "access" "permission_access" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "permissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_permissions" (
    "role_id" UUID NOT NULL,
    "permission_id" UUID NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_id","permission_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "permissions_action_entity_access_key" ON "permissions"("action", "entity", "access");

-- CreateIndex
CREATE INDEX "role_permissions_permission_id_idx" ON "role_permissions"("permission_id");

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_permission_id_fkey" FOREIGN KEY ("permission_id") REFERENCES "permissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The permissions the code knows (packages/api/src/core/permissions.ts), granted to admin
-- as the code granted them before they were data.
INSERT INTO "permissions" ("action", "entity", "access", "description") VALUES
  ('read', 'users', 'any', 'See people, their sessions and their roles'),
  ('write', 'users', 'any', 'Change people''s roles, end their sessions, deactivate them'),
  ('write', 'roles', 'any', 'Create roles and grant or revoke their permissions'),
  ('read', 'audit', 'any', 'Read the audit log and the request log'),
  ('read', 'outbox', 'any', 'Read the development email outbox'),
  ('write', 'content', 'any', 'Curate categories, creators and videos'),
  ('read', 'metrics', 'any', 'See product metrics and server status')
ON CONFLICT ("action", "entity", "access") DO NOTHING;

INSERT INTO "role_permissions" ("role_id", "permission_id")
SELECT "roles"."id", "permissions"."id" FROM "roles" CROSS JOIN "permissions" WHERE "roles"."name" = 'admin'
ON CONFLICT DO NOTHING;
