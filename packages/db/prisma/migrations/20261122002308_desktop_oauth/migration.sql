-- AlterTable
ALTER TABLE "oauth_states" ADD COLUMN     "desktop_challenge" TEXT;
