// Posts: written once, carried to each account by a target with its own content override and
// state. Drafts are created and edited freely; scheduling validates each target against its
// platform's rules, counts against the plan, and hands each target to the publish job.
import type { TenantTx } from "@glow/db";
import type { Context } from "../../context.ts";
import { releaseAllowance, useAllowance } from "../../core/billing/allowance.ts";
import { FieldError, NotFoundError, PreconditionFailedError } from "../../core/errors.ts";
import type { Page } from "../../core/pagination.ts";
import type { Tenant } from "../../core/tenancy.ts";
import { announceTarget, type TargetState } from "./events.ts";
import { checkMedia, mediaUploadUrl, ruleRefusals, rulesFor, type StoredMedia } from "./media.ts";
import type { PlatformId } from "./platforms/types.ts";
import type { PostState, PostView, TargetView } from "./posts.schemas.ts";
import { publishTargetJob } from "./publishing.jobs.ts";
import { localToInstant, nextFreeSlot } from "./scheduling.ts";
import { readSlots } from "./slots.ts";

/** What a posts service needs: the tenant handle and the services it schedules and signs with. */
export type PostsContext = Pick<Context, "storage" | "uploads" | "platforms" | "jobs" | "events"> & { tenant: Tenant };

/** Targets in these states are with the platform (or on it): the post cannot change any more. */
const LOCKED: ReadonlySet<TargetState> = new Set(["publishing", "published"]);

/** A post's state from its targets' states. */
export function postState(states: readonly TargetState[]): PostState {
  const has = (state: TargetState) => states.includes(state);
  if (states.length === 0) return "draft";
  if (has("publishing")) return "publishing";
  if (has("scheduled")) return "scheduled";
  if (states.every((state) => state === "published")) return "published";
  if (has("published")) return "partial";
  if (has("failed")) return "failed";
  if (states.every((state) => state === "cancelled")) return "cancelled";
  return "draft";
}

const postInclude = {
  targets: {
    orderBy: { createdAt: "asc" },
    include: { account: { select: { platform: true, handle: true } } },
  },
} as const;

type PostRow = NonNullable<Awaited<ReturnType<typeof findPost>>>;

function findPost(tx: TenantTx, postId: string) {
  return tx.publishPost.findUnique({ where: { id: postId }, include: postInclude });
}

async function requirePost(tx: TenantTx, postId: string, lock = false): Promise<PostRow> {
  // The row lock serializes schedule/cancel/publishNow of one post (one allowance use per post).
  if (lock) await tx.$queryRaw`SELECT id FROM publish_posts WHERE id = ${postId}::uuid FOR UPDATE`;
  const post = await findPost(tx, postId);
  if (!post) throw new NotFoundError("No such post");
  return post;
}

async function views(ctx: PostsContext, tx: TenantTx, rows: PostRow[]): Promise<PostView[]> {
  const authorIds = [...new Set(rows.map((row) => row.authorId))];
  const authors = await tx.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } });
  const names = new Map(authors.map((author) => [author.id, author.name]));
  return Promise.all(
    rows.map(async (row) => {
      const media = row.media as unknown as StoredMedia[];
      const targets: TargetView[] = row.targets.map((target) => ({
        id: target.id,
        accountId: target.accountId,
        platform: target.account.platform,
        accountHandle: target.account.handle,
        content: target.content,
        text: target.content ?? row.content,
        state: target.state,
        scheduledAt: target.scheduledAt,
        publishedAt: target.publishedAt,
        externalId: target.externalId,
        externalUrl: target.externalUrl,
        failureReason: target.failureReason,
        attempts: target.attempts,
      }));
      return {
        id: row.id,
        content: row.content,
        media: await Promise.all(media.map(async (file) => ({ ...file, url: (await ctx.storage.signedReadUrl(file.key)).url }))),
        timeZone: row.timeZone,
        scheduledAt: row.scheduledAt,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        author: { id: row.authorId, name: names.get(row.authorId) ?? "Former member" },
        state: postState(targets.map((target) => target.state)),
        targets,
      };
    }),
  );
}

async function viewOf(ctx: PostsContext, tx: TenantTx, postId: string): Promise<PostView> {
  const row = await findPost(tx, postId);
  if (!row) throw new NotFoundError("No such post");
  return (await views(ctx, tx, [row]))[0]!;
}

/** The accounts named by targets, each the organization's own (RLS hides others': "no such account"). */
async function requireAccounts(tx: TenantTx, targets: ReadonlyArray<{ accountId: string }>) {
  const accounts = await tx.publishAccount.findMany({
    where: { id: { in: targets.map((target) => target.accountId) } },
    select: { id: true, platform: true, status: true, handle: true },
  });
  const byId = new Map(accounts.map((account) => [account.id, account]));
  for (const [index, target] of targets.entries()) {
    if (!byId.has(target.accountId)) throw new FieldError(`targets.${index}.accountId`, "No such account in this organization");
  }
  return byId;
}

export function postUploadUrl(ctx: PostsContext, input: { contentType: string; bytes: number }) {
  return mediaUploadUrl(ctx, ctx.tenant.orgId, input);
}

export async function createPost(
  ctx: PostsContext,
  input: { content: string; media: Array<{ key: string }>; targets: Array<{ accountId: string; content?: string | null | undefined }> },
): Promise<PostView> {
  const { tenant } = ctx;
  const media = await checkMedia(ctx, tenant.orgId, input.media);
  return tenant.run(async (tx) => {
    await requireAccounts(tx, input.targets);
    const post = await tx.publishPost.create({
      data: {
        orgId: tenant.orgId,
        authorId: tenant.userId,
        content: input.content,
        media: media as never,
        targets: {
          create: input.targets.map((target) => ({ orgId: tenant.orgId, accountId: target.accountId, content: target.content ?? null })),
        },
      },
      select: { id: true },
    });
    return viewOf(ctx, tx, post.id);
  });
}

export async function updatePost(
  ctx: PostsContext,
  input: {
    postId: string;
    content?: string | undefined;
    media?: Array<{ key: string }> | undefined;
    targets?: Array<{ accountId: string; content?: string | null | undefined }> | undefined;
  },
): Promise<PostView> {
  const { tenant } = ctx;
  const before = await tenant.run((tx) => requirePost(tx, input.postId));
  const media = input.media ? await checkMedia(ctx, tenant.orgId, input.media, before.media as unknown as StoredMedia[]) : undefined;
  const { view, sent } = await tenant.run(async (tx) => {
    const post = await requirePost(tx, input.postId, true);
    if (post.targets.some((target) => LOCKED.has(target.state))) {
      throw new PreconditionFailedError("This post is being published or was published: it cannot change any more");
    }
    const scheduled = post.targets.find((target) => target.state === "scheduled");
    await tx.publishPost.update({
      where: { id: post.id },
      data: { ...(input.content !== undefined ? { content: input.content } : {}), ...(media ? { media: media as never } : {}) },
    });
    const added: string[] = [];
    if (input.targets) {
      await requireAccounts(tx, input.targets);
      const keep = new Set(input.targets.map((target) => target.accountId));
      await tx.publishTarget.deleteMany({ where: { postId: post.id, accountId: { notIn: [...keep] } } });
      for (const target of input.targets) {
        const existing = post.targets.find((row) => row.accountId === target.accountId);
        if (existing) {
          if (target.content !== undefined) {
            await tx.publishTarget.update({ where: { id: existing.id }, data: { content: target.content ?? null } });
          }
          continue;
        }
        // A target added to a scheduled post is scheduled with the others.
        const created = await tx.publishTarget.create({
          data: {
            orgId: tenant.orgId,
            postId: post.id,
            accountId: target.accountId,
            content: target.content ?? null,
            ...(scheduled ? { state: "scheduled", scheduledAt: scheduled.scheduledAt } : {}),
          },
          select: { id: true },
        });
        if (scheduled) added.push(created.id);
      }
    }
    // A scheduled post must still meet every platform's rules after the edit.
    if (scheduled) await validateForPlatforms(ctx, tx, post.id);
    return { view: await viewOf(ctx, tx, post.id), sent: added };
  });
  for (const targetId of sent) {
    const target = view.targets.find((row) => row.id === targetId)!;
    await ctx.jobs.send(publishTargetJob, { orgId: tenant.orgId, targetId }, { startAfter: target.scheduledAt!, singletonKey: targetId });
  }
  return view;
}

export async function getPost(ctx: PostsContext, postId: string): Promise<PostView> {
  return ctx.tenant.run((tx) => viewOf(ctx, tx, postId));
}

export async function listPosts(
  ctx: PostsContext,
  input: { cursor?: string | undefined; limit: number; state?: PostState | undefined; from?: Date | undefined; to?: Date | undefined },
): Promise<Page<PostView>> {
  const [afterMs, afterId] = input.cursor ? (input.cursor.split("_") as [string, string]) : [null, null];
  const stateWhere =
    input.state === undefined
      ? {}
      : input.state === "partial"
        ? { AND: [{ targets: { some: { state: "published" as const } } }, { targets: { some: { state: "failed" as const } } }] }
        : input.state === "draft"
          ? { targets: { every: { state: "draft" as const } } }
          : { targets: { some: { state: input.state } } };
  return ctx.tenant.run(async (tx) => {
    const rows = await tx.publishPost.findMany({
      where: {
        ...stateWhere,
        ...(input.from || input.to
          ? { scheduledAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } }
          : {}),
        ...(afterMs
          ? { OR: [{ createdAt: { lt: new Date(Number(afterMs)) } }, { createdAt: new Date(Number(afterMs)), id: { lt: afterId! } }] }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      include: postInclude,
    });
    const more = rows.length > input.limit;
    const kept = more ? rows.slice(0, input.limit) : rows;
    const last = kept.at(-1);
    return { items: await views(ctx, tx, kept), nextCursor: more && last ? `${last.createdAt.getTime()}_${last.id}` : null };
  });
}

/** Refuses (BAD_REQUEST on targets.<i>.content or media) unless every live target meets its platform's rules and its account is usable. */
async function validateForPlatforms(ctx: PostsContext, tx: TenantTx, postId: string): Promise<void> {
  const post = await tx.publishPost.findUnique({
    where: { id: postId },
    include: {
      targets: { orderBy: { createdAt: "asc" }, include: { account: { select: { platform: true, status: true, handle: true } } } },
    },
  });
  if (!post) throw new NotFoundError("No such post");
  const media = post.media as unknown as StoredMedia[];
  for (const [index, target] of post.targets.entries()) {
    if (target.account.status !== "active") {
      throw new FieldError(`targets.${index}.accountId`, `@${target.account.handle} must be reconnected before posting to it`);
    }
    const platform = target.account.platform as PlatformId;
    const [refusal] = ruleRefusals(rulesFor(ctx, platform), platform, target.content ?? post.content, media, `targets.${index}`);
    if (refusal) throw refusal;
  }
}

/**
 * Schedules every target of the post for `at` (validating each against its platform first);
 * one use of the plan's scheduled posts when the post was not scheduled already.
 */
async function scheduleAt(ctx: PostsContext, postId: string, at: Date, timeZone: string | null): Promise<PostView> {
  const { tenant } = ctx;
  const view = await tenant.run(async (tx) => {
    const post = await requirePost(tx, postId, true);
    if (post.targets.some((target) => LOCKED.has(target.state))) {
      throw new PreconditionFailedError("This post is being published or was published: it cannot be scheduled again");
    }
    await validateForPlatforms(ctx, tx, postId);
    if (!post.targets.some((target) => target.state === "scheduled")) await useAllowance(tx, tenant.orgId, "scheduledPosts");
    await tx.publishTarget.updateMany({
      where: { postId },
      data: { state: "scheduled", scheduledAt: at, failureReason: null },
    });
    await tx.publishPost.update({ where: { id: postId }, data: { scheduledAt: at, timeZone: timeZone ?? post.timeZone } });
    return viewOf(ctx, tx, postId);
  });
  for (const target of view.targets) {
    // Rescheduling an already queued target: that job finds the new time and sends itself again.
    await ctx.jobs.send(publishTargetJob, { orgId: tenant.orgId, targetId: target.id }, { startAfter: at, singletonKey: target.id });
    await announceTarget(ctx.events, tenant.orgId, {
      postId,
      targetId: target.id,
      accountId: target.accountId,
      state: target.state,
      externalUrl: null,
      failureReason: null,
      at: new Date(),
    });
  }
  return view;
}

export function schedulePost(
  ctx: PostsContext,
  input: { postId: string; at: string; timeZone: string },
  now = new Date(),
): Promise<PostView> {
  const at = localToInstant(input.at, input.timeZone, "at");
  if (at.getTime() <= now.getTime()) throw new FieldError("at", `${input.at} in ${input.timeZone} has passed: pick a later time`);
  return scheduleAt(ctx, input.postId, at, input.timeZone);
}

export function publishPostNow(ctx: PostsContext, postId: string): Promise<PostView> {
  return scheduleAt(ctx, postId, new Date(), null);
}

/** Schedules the post at the next weekly slot that no other scheduled post holds. */
export async function queuePost(ctx: PostsContext, input: { postId: string; timeZone?: string | undefined }, now = new Date()) {
  const { slots, timeZone } = await readSlots(ctx.tenant);
  if (!timeZone || slots.length === 0) throw new PreconditionFailedError("Set up posting slots first (publish.slots.set)");
  const taken = await ctx.tenant.run((tx) =>
    tx.publishPost.findMany({
      where: { id: { not: input.postId }, scheduledAt: { gt: now }, targets: { some: { state: { in: ["scheduled", "publishing"] } } } },
      select: { scheduledAt: true },
    }),
  );
  const at = nextFreeSlot(slots, timeZone, now, new Set(taken.map((row) => row.scheduledAt!.getTime())));
  if (!at) throw new PreconditionFailedError("Every posting slot of the next 12 weeks is taken");
  return scheduleAt(ctx, input.postId, at, input.timeZone ?? timeZone);
}

/** Takes back the post's scheduled targets (the jobs find them cancelled and stop); gives the plan's use back. */
export async function cancelPost(ctx: PostsContext, postId: string): Promise<PostView> {
  const { tenant } = ctx;
  const { view, cancelled } = await tenant.run(async (tx) => {
    const post = await requirePost(tx, postId, true);
    const taken = post.targets.filter((target) => target.state === "scheduled");
    if (taken.length === 0) {
      throw new PreconditionFailedError(
        post.targets.some((target) => target.state === "publishing") ? "This post is being published now" : "This post is not scheduled",
      );
    }
    await tx.publishTarget.updateMany({ where: { postId, state: "scheduled" }, data: { state: "cancelled" } });
    if (!post.targets.some((target) => LOCKED.has(target.state))) {
      await tx.publishPost.update({ where: { id: postId }, data: { scheduledAt: null } });
      await releaseAllowance(tx, tenant.orgId, "scheduledPosts");
    }
    return { view: await viewOf(ctx, tx, postId), cancelled: taken };
  });
  for (const target of cancelled) {
    await announceTarget(ctx.events, tenant.orgId, {
      postId,
      targetId: target.id,
      accountId: target.accountId,
      state: "cancelled",
      externalUrl: null,
      failureReason: null,
      at: new Date(),
    });
  }
  return view;
}
