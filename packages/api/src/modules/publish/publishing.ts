// Publishing one target, exactly once in effect. Each call to the platform is an attempt row
// written (and committed) before the call and closed after it, all under the target's row lock:
// a second worker on the same target waits for the lock and then sees the attempt; an attempt
// left open by a worker that died is resolved by asking the platform (findPublished), never by
// posting again, until the platform's own timeout has surely passed.
import type { Prisma } from "@glow/db";
import type { AppServices } from "../../context.ts";
import { RetryLaterError } from "../../core/jobs/definition.ts";
import { JOBS_SCHEMA } from "@glow/db";
import { markNeedsReconnect, refreshAccountTokens } from "./accounts.ts";
import { announceTarget, type TargetState } from "./events.ts";
import type { StoredMedia } from "./media.ts";
import { PlatformError, type PlatformId, type PlatformProfile, type SocialPlatform } from "./platforms/types.ts";

/** Longer than any platform call may take (http.ts gives up after 15 s, uploads after 60 s). */
export const PLATFORM_CALL_TIMEOUT_MS = 90_000;
/** Tries before a target that keeps meeting 429/5xx fails. */
export const MAX_PUBLISH_ATTEMPTS = 6;
/** How soon to look again at an open attempt that may still be in flight. */
const OPEN_ATTEMPT_RECHECK_MS = 5_000;

export interface PublishTargetInput {
  orgId: string;
  targetId: string;
}

export interface PublishOptions {
  /** Tests shorten it; production keeps PLATFORM_CALL_TIMEOUT_MS. */
  callTimeoutMs?: number;
  now?: () => Date;
  /** 0..1, for the backoff's jitter (tests pin it). */
  random?: () => number;
}

export type PublishOutcome = "published" | "failed" | "skipped";

/** The wait before retry `attempt` (1-based): 5 s doubling to at most 10 min, ±20 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

interface LockedTarget {
  id: string;
  post_id: string;
  account_id: string;
  state: TargetState;
  scheduled_at: Date | null;
  attempts: number;
  text: string;
  media: StoredMedia[];
}

interface Call {
  kind: "call";
  target: LockedTarget;
  attempt: { id: string; number: number; idempotencyKey: string };
  platform: SocialPlatform;
  accessToken: string;
  profile: PlatformProfile;
}

type Step =
  | Call
  | { kind: "refresh"; accountId: string }
  | { kind: "done"; outcome: PublishOutcome; announce: Announcement | null; reconnect?: { accountId: string; reason: string } }
  | { kind: "later"; ms: number; reason: string; announce: Announcement | null };

type Settled = Exclude<Step, Call | { kind: "refresh" }>;

/** A token this close to expiring is refreshed before the call (the refresh job keeps most far from it). */
const REFRESH_BEFORE_MS = 60_000;

interface Announcement {
  postId: string;
  targetId: string;
  accountId: string;
  state: TargetState;
  externalUrl: string | null;
  failureReason: string | null;
}

type Tx = Prisma.TransactionClient;
const TX_OPTIONS = { maxWait: 30_000, timeout: 120_000 };

async function lockTarget(tx: Tx, input: PublishTargetInput): Promise<LockedTarget | null> {
  const rows = await tx.$queryRaw<LockedTarget[]>`
    SELECT t.id, t.post_id, t.account_id, t.state::text AS state, t.scheduled_at, t.attempts,
           COALESCE(t.content, p.content) AS text, p.media
      FROM publish_targets t JOIN publish_posts p ON p.id = t.post_id
     WHERE t.id = ${input.targetId}::uuid AND t.org_id = ${input.orgId}::uuid
       FOR UPDATE OF t`;
  return rows[0] ?? null;
}

interface PreparedRow extends LockedTarget {
  platform: string | null;
  account_status: string | null;
  access_token: string | null;
  token_expires_at: Date | null;
  has_refresh_token: boolean | null;
  external_id: string | null;
  handle: string | null;
  display_name: string | null;
}

interface LastAttempt {
  id: string;
  number: number;
  outcome: string | null;
  idempotencyKey: string;
  startedAt: Date;
  error: string | null;
}

/** The target locked, with its account, in one statement (the publish job's hot path). */
async function lockForPublish(tx: Tx, input: PublishTargetInput): Promise<PreparedRow | null> {
  const rows = await tx.$queryRaw<PreparedRow[]>`
    SELECT t.id, t.post_id, t.account_id, t.state::text AS state, t.scheduled_at, t.attempts,
           COALESCE(t.content, p.content) AS text, p.media,
           a.platform::text AS platform, a.status::text AS account_status, a.access_token,
           a.token_expires_at, a.refresh_token IS NOT NULL AS has_refresh_token, a.external_id, a.handle, a.display_name
      FROM publish_targets t
      JOIN publish_posts p ON p.id = t.post_id
      LEFT JOIN publish_accounts a ON a.id = t.account_id
     WHERE t.id = ${input.targetId}::uuid AND t.org_id = ${input.orgId}::uuid
       FOR UPDATE OF t`;
  return rows[0] ?? null;
}

async function finishTarget(
  tx: Tx,
  target: LockedTarget,
  data: {
    state: TargetState;
    failureReason?: string | null;
    externalId?: string;
    externalUrl?: string;
    publishedAt?: Date;
    scheduledAt?: Date;
  },
): Promise<Announcement> {
  await tx.publishTarget.update({ where: { id: target.id }, data });
  return {
    postId: target.post_id,
    targetId: target.id,
    accountId: target.account_id,
    state: data.state,
    externalUrl: data.externalUrl ?? null,
    failureReason: data.failureReason ?? null,
  };
}

/** What a platform's failure does to the target: retry later, or fail it (and the account, for a dead token). */
async function afterFailure(
  tx: Tx,
  target: LockedTarget,
  attempt: { id: string; number: number },
  error: unknown,
  now: Date,
  random: () => number,
  leaveOpen: boolean,
): Promise<Settled> {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PlatformError && error.kind === "unauthorized") {
    await tx.publishAttempt.update({ where: { id: attempt.id }, data: { outcome: "failed", error: message, finishedAt: now } });
    const reason = `The platform refused the account's access: reconnect the account (${message})`;
    const announce = await finishTarget(tx, target, { state: "failed", failureReason: reason });
    // Marked (and its owners emailed) after this transaction, by the accounts service.
    return { kind: "done", outcome: "failed", announce, reconnect: { accountId: target.account_id, reason: message } };
  }
  if (error instanceof PlatformError && error.kind === "rejected") {
    await tx.publishAttempt.update({ where: { id: attempt.id }, data: { outcome: "failed", error: message, finishedAt: now } });
    return { kind: "done", outcome: "failed", announce: await finishTarget(tx, target, { state: "failed", failureReason: message }) };
  }
  // Retryable: 429, 5xx, or no answer at all (then the post may exist: the attempt stays open to be looked up).
  if (!leaveOpen) {
    await tx.publishAttempt.update({ where: { id: attempt.id }, data: { outcome: "retry", error: message, finishedAt: now } });
  }
  if (attempt.number >= MAX_PUBLISH_ATTEMPTS && !leaveOpen) {
    const reason = `Gave up after ${attempt.number} tries: ${message}`;
    return { kind: "done", outcome: "failed", announce: await finishTarget(tx, target, { state: "failed", failureReason: reason }) };
  }
  const said = error instanceof PlatformError ? error.retryAfterMs : null;
  const ms = said !== null ? said + Math.round(250 * random()) : backoffMs(attempt.number, random);
  if (leaveOpen) return { kind: "later", ms, reason: message, announce: null };
  // The target's time moves to the retry, so the sweeper does not bring it back sooner.
  const announce = await finishTarget(tx, target, { state: "scheduled", scheduledAt: new Date(now.getTime() + ms) });
  return { kind: "later", ms, reason: message, announce };
}

async function prepare(
  services: AppServices,
  input: PublishTargetInput,
  options: Required<PublishOptions>,
  refreshFirst = true,
): Promise<Step> {
  return services.db.$transaction(async (tx) => {
    const now = options.now();
    const target = await lockForPublish(tx, input);
    if (!target || (target.state !== "scheduled" && target.state !== "publishing")) {
      return { kind: "done", outcome: "skipped", announce: null };
    }
    if (target.state === "scheduled" && target.scheduled_at && target.scheduled_at.getTime() > now.getTime()) {
      return { kind: "later", ms: target.scheduled_at.getTime() - now.getTime(), reason: "not due yet", announce: null };
    }
    if (!target.platform || target.account_status !== "active") {
      const announce = await finishTarget(tx, target, { state: "failed", failureReason: "Reconnect the account to publish to it" });
      return { kind: "done", outcome: "failed", announce };
    }
    const platform = services.platforms.get(target.platform as PlatformId);
    if (!platform) {
      const announce = await finishTarget(tx, target, {
        state: "failed",
        failureReason: `${target.platform} is not configured on this server`,
      });
      return { kind: "done", outcome: "failed", announce };
    }
    if (
      refreshFirst &&
      target.has_refresh_token &&
      target.token_expires_at &&
      target.token_expires_at.getTime() < now.getTime() + REFRESH_BEFORE_MS
    ) {
      return { kind: "refresh", accountId: target.account_id };
    }
    const accessToken = services.secrets.decrypt(target.access_token!, "publish_accounts.access_token");
    const profile: PlatformProfile = { externalId: target.external_id!, handle: target.handle!, displayName: target.display_name! };

    // Read after the lock is held, never joined into the locking statement: a run that waited for
    // the lock must see the attempt its predecessor committed (a join would read the older snapshot).
    const [last = null] = await tx.$queryRaw<LastAttempt[]>`
      SELECT id, number, outcome, idempotency_key AS "idempotencyKey", started_at AS "startedAt", error
        FROM publish_attempts WHERE target_id = ${target.id}::uuid ORDER BY number DESC LIMIT 1`;
    if (last && last.outcome === null) {
      // A previous run is still in its call, or died in it: ask the platform whether that post exists.
      let found;
      try {
        found = await platform.findPublished(accessToken, profile, {
          idempotencyKey: last.idempotencyKey,
          text: target.text,
          since: last.startedAt,
        });
      } catch (error) {
        if (error instanceof PlatformError && !error.retryable) return afterFailure(tx, target, last, error, now, options.random, false);
        return { kind: "later", ms: OPEN_ATTEMPT_RECHECK_MS, reason: "could not look up the open attempt", announce: null };
      }
      if (found) {
        await tx.publishAttempt.update({
          where: { id: last.id },
          data: { outcome: "published", externalId: found.externalId, finishedAt: now },
        });
        const announce = await finishTarget(tx, target, {
          state: "published",
          externalId: found.externalId,
          externalUrl: found.url,
          publishedAt: now,
          failureReason: null,
        });
        return { kind: "done", outcome: "published", announce };
      }
      const age = now.getTime() - last.startedAt.getTime();
      if (age < options.callTimeoutMs) {
        return {
          kind: "later",
          ms: Math.min(OPEN_ATTEMPT_RECHECK_MS, options.callTimeoutMs - age),
          reason: "an earlier attempt may still be in flight",
          announce: null,
        };
      }
      // No post, and no call can still be running: that attempt never reached the platform.
      await tx.publishAttempt.update({ where: { id: last.id }, data: { outcome: "unknown-not-found", finishedAt: now } });
    }
    const number = (last?.number ?? 0) + 1;
    if (number > MAX_PUBLISH_ATTEMPTS) {
      const reason = `Gave up after ${number - 1} tries: ${last?.error ?? "the platform did not answer"}`;
      return { kind: "done", outcome: "failed", announce: await finishTarget(tx, target, { state: "failed", failureReason: reason }) };
    }
    // The attempt is recorded and the target marked publishing in one statement, committed before the call.
    const idempotencyKey = `${target.id}:${number}`;
    const [made] = await tx.$queryRaw<Array<{ id: string }>>`
      WITH attempt AS (
        INSERT INTO publish_attempts (org_id, target_id, number, idempotency_key, started_at)
        VALUES (${input.orgId}::uuid, ${target.id}::uuid, ${number}, ${idempotencyKey}, ${now})
        RETURNING id)
      UPDATE publish_targets SET state = 'publishing', attempts = ${number}, updated_at = now()
        FROM attempt WHERE publish_targets.id = ${target.id}::uuid
      RETURNING attempt.id`;
    const attempt = { id: made!.id, number, idempotencyKey };
    return { kind: "call", target, attempt, platform, accessToken, profile } satisfies Call;
  }, TX_OPTIONS);
}

async function announceChange(services: AppServices, orgId: string, change: Announcement | null): Promise<void> {
  if (change) await announceTarget(services.events, orgId, { ...change, at: new Date() });
}

/**
 * Publishes the target if it is due and not published yet. Throws RetryLaterError when it must
 * run again later (not due, rate limited, an earlier attempt to resolve first).
 */
export async function publishTarget(
  services: AppServices,
  input: PublishTargetInput,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
  const settings: Required<PublishOptions> = {
    callTimeoutMs: options.callTimeoutMs ?? PLATFORM_CALL_TIMEOUT_MS,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
  };
  let step = await prepare(services, input, settings);
  if (step.kind === "refresh") {
    // Outside the transaction: a refresh is a platform call, and it locks the account row itself.
    await refreshAccountTokens(services, step.accountId, REFRESH_BEFORE_MS);
    step = await prepare(services, input, settings, false);
  }
  if (step.kind === "refresh") throw new Error("unreachable: no second refresh");
  if (step.kind !== "call") return settle(services, input, step);

  const { target, attempt, platform, accessToken, profile } = step;
  await announceChange(services, input.orgId, {
    postId: target.post_id,
    targetId: target.id,
    accountId: target.account_id,
    state: "publishing",
    externalUrl: null,
    failureReason: null,
  });
  let result: Awaited<ReturnType<SocialPlatform["publish"]>> | null = null;
  let failure: unknown = null;
  try {
    const media = await Promise.all(
      (target.media ?? []).map(async (file) => ({
        kind: file.kind,
        contentType: file.contentType,
        bytes: file.bytes,
        url: (await services.storage.signedReadUrl(file.key)).url,
      })),
    );
    result = await platform.publish(accessToken, profile, { text: target.text, media, idempotencyKey: attempt.idempotencyKey });
  } catch (error) {
    failure = error;
  }

  if (result) {
    // The post exists: the attempt and the target say so together, in one statement.
    const now = settings.now();
    const published = result;
    const rows = await services.db.$queryRaw<Array<{ id: string }>>`
      WITH closed AS (
        UPDATE publish_attempts SET outcome = 'published', external_id = ${published.externalId}, finished_at = ${now}, error = NULL
         WHERE id = ${attempt.id}::uuid RETURNING target_id)
      UPDATE publish_targets SET state = 'published', external_id = ${published.externalId}, external_url = ${published.url},
             published_at = ${now}, failure_reason = NULL, updated_at = now()
        FROM closed WHERE publish_targets.id = closed.target_id AND publish_targets.org_id = ${input.orgId}::uuid
      RETURNING publish_targets.id`;
    const announce: Announcement | null = rows.length
      ? {
          postId: target.post_id,
          targetId: target.id,
          accountId: target.account_id,
          state: "published",
          externalUrl: published.url,
          failureReason: null,
        }
      : null;
    return settle(services, input, { kind: "done", outcome: rows.length ? "published" : "skipped", announce });
  }

  const finished = await services.db.$transaction(async (tx): Promise<Settled> => {
    const now = settings.now();
    const locked = await lockTarget(tx, input);
    if (!locked) return { kind: "done", outcome: "skipped", announce: null };
    // No answer (timeout, connection lost): the post may exist, so the attempt stays open for the lookup.
    const unanswered = !(failure instanceof PlatformError) || failure.status === null;
    return afterFailure(tx, locked, attempt, failure, now, settings.random, unanswered);
  }, TX_OPTIONS);
  return settle(services, input, finished);
}

async function settle(services: AppServices, input: PublishTargetInput, step: Settled): Promise<PublishOutcome> {
  if (step.kind === "done" && step.reconnect) await markNeedsReconnect(services, step.reconnect.accountId, step.reconnect.reason);
  await announceChange(services, input.orgId, step.announce);
  if (step.kind === "later") throw new RetryLaterError(Math.max(0, step.ms), step.reason);
  return step.outcome;
}

/**
 * Targets due for more than a minute that no queued job carries (a restart lost it, or it was
 * never sent): their jobs again. Returns how many were sent.
 */
export async function sweepDueTargets(
  services: AppServices,
  send: (input: PublishTargetInput) => Promise<unknown>,
  queue: string,
  now = new Date(),
): Promise<number> {
  const rows = await services.db.$queryRawUnsafe<Array<{ id: string; org_id: string }>>(
    `SELECT t.id, t.org_id FROM publish_targets t
      WHERE t.state IN ('scheduled', 'publishing') AND t.scheduled_at <= $1
        AND NOT EXISTS (
          SELECT 1 FROM ${JOBS_SCHEMA}.job j
           WHERE j.name = $2 AND j.state IN ('created', 'retry', 'active') AND j.data->>'targetId' = t.id::text)
      ORDER BY t.scheduled_at LIMIT 500`,
    new Date(now.getTime() - 60_000),
    queue,
  );
  for (const row of rows) await send({ orgId: row.org_id, targetId: row.id });
  return rows.length;
}
