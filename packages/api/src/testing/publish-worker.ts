// A publish worker in a process of its own, for the kill -9 test: services on the test's
// database with the X provider pointed at the test's fake, running the publish jobs.
// Env: DATABASE_URL, PUBLISH_TOKEN_KEYS ("id:base64key"), FAKE_X_URL. Prints "ready" once working.
import { createDb } from "@glow/db";
import { createAppServices } from "../context.ts";
import type { JobDefinition } from "../core/jobs/definition.ts";
import { JobQueue } from "../core/jobs/queue.ts";
import { parseTokenKeys, TokenCipher } from "../core/secrets.ts";
import { Platforms } from "../modules/publish/platforms/registry.ts";
import { XPlatform } from "../modules/publish/platforms/x.ts";
import { PUBLISHING_JOBS } from "../modules/publish/publishing.jobs.ts";

const silent = { info() {}, warn() {}, error() {} };
const url = process.env.DATABASE_URL!;
const fakeUrl = process.env.FAKE_X_URL!;
const db = createDb({ url, poolSize: 4 });
const services = createAppServices({
  db,
  redis: null,
  logger: silent,
  version: "publish-worker",
  config: { publicUrl: "http://127.0.0.1:3000", webUrl: "http://localhost:5173", oauth: {} },
  requestLog: false,
  jobs: new JobQueue({ databaseUrl: url, logger: silent, pollingIntervalSeconds: 0.5 }),
  secrets: new TokenCipher(parseTokenKeys(process.env.PUBLISH_TOKEN_KEYS!)),
  platforms: new Platforms([
    new XPlatform({ clientId: "fake-x-client", clientSecret: "fake-x-secret", apiBaseUrl: fakeUrl, authBaseUrl: fakeUrl }),
  ]),
});
const jobs: readonly JobDefinition<never>[] = PUBLISHING_JOBS;
await services.jobs.work(jobs, services);
process.stdout.write("ready\n");
