// Development demo data for the publish screens (`pnpm dev`): a real workspace in the database,
// unlike the visitor demo of demo.ts. "Glow Studio" on the Pro plan with two sandbox accounts,
// posts over this month in each state (the scheduled ones queued for the publish job) and an
// inbox. Idempotent: a second run changes nothing.
import { seedRoles, type Prisma } from "@glow/db";
import type { AppServices } from "../../context.ts";
import { useAllowance } from "../../core/billing/allowance.ts";
import { tenantOf } from "../../core/tenancy.ts";
import { ensureMembership, ensureOrganization, ensurePerson } from "../coach/demo.ts";
import { ACCESS_TOKEN_CONTEXT, REFRESH_TOKEN_CONTEXT } from "./accounts.ts";
import { sandboxPlatform } from "./platforms/index.ts";
import { sandboxAccountId, SANDBOX_POSTS_PATH } from "./platforms/sandbox.ts";
import { publishTargetJob } from "./publishing.jobs.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export const PUBLISH_DEMO_ORGANIZATION = { slug: "glow-studio", name: "Glow Studio" } as const;

const ACCOUNTS = [
  { handle: "glowstudio", displayName: "Glow Studio (Sandbox)" },
  { handle: "glowstudio_clips", displayName: "Glow Studio Clips (Sandbox)" },
] as const;

/** Posts by day from now (null: a draft); `on` picks the accounts by index; failed ones say why. */
const POSTS: ReadonlyArray<{ content: string; day: number | null; hour: number; on: number[]; failed?: string; override?: string }> = [
  {
    content: "Spring collection is live: twelve new glazes, fired in small batches. Which is your favourite?",
    day: -10,
    hour: 9,
    on: [0, 1],
  },
  { content: "Behind the scenes: loading the kiln at 6 am. 240 pieces, one very long day.", day: -6, hour: 7, on: [0] },
  { content: "Workshop recap: eight first bowls, zero collapses. Proud of this group!", day: -3, hour: 18, on: [1] },
  {
    content: "Thank you for 10,000 followers! A giveaway is coming next week.",
    day: -2,
    hour: 12,
    on: [0],
    failed: "The platform refused the post: duplicate content (sandbox)",
  },
  { content: "Giveaway! Reply with your favourite mug colour to win a set of four. Winner picked Friday.", day: 1, hour: 17, on: [0, 1] },
  { content: "Open studio this Sunday from 11 to 4. Come say hello and see the wheels spin.", day: 3, hour: 9, on: [0] },
  {
    content: "New workshop dates: beginners on Tuesdays, glazing on Thursdays. Booking opens tomorrow.",
    day: 6,
    hour: 11,
    on: [0, 1],
    override: "New dates! Beginners Tue, glazing Thu. Booking opens tomorrow 🎉",
  },
  { content: "Why every glaze we use is lead-free and food safe: a short explainer.", day: 9, hour: 10, on: [1] },
  { content: "Draft: customers' kitchens with our bowls in use (ask permission first).", day: null, hour: 0, on: [1] },
  { content: "Ideas for the fifth birthday post: a timeline, the first bowl, the first kiln.", day: null, hour: 0, on: [0, 1] },
];

const MESSAGES: ReadonlyArray<{
  account: number;
  kind: "message" | "comment";
  author: string;
  handle: string;
  text: string;
  hoursAgo: number;
  read?: boolean;
}> = [
  { account: 0, kind: "comment", author: "Lena Hoffmann", handle: "lena.makes", text: "The blue one!! 😍", hoursAgo: 1 },
  { account: 0, kind: "message", author: "Tom Reyes", handle: "tomreyes", text: "Do you ship to Austria?", hoursAgo: 3 },
  {
    account: 1,
    kind: "comment",
    author: "Priya Shah",
    handle: "priya.shah",
    text: "Is the Saturday workshop good for beginners?",
    hoursAgo: 5,
  },
  {
    account: 1,
    kind: "message",
    author: "Ceramics Weekly",
    handle: "ceramicsweekly",
    text: "Would you do an interview about the spring glazes?",
    hoursAgo: 8,
  },
  {
    account: 0,
    kind: "comment",
    author: "Sam Lee",
    handle: "samlee",
    text: "Those kiln shots are so satisfying.",
    hoursAgo: 20,
    read: true,
  },
  {
    account: 1,
    kind: "comment",
    author: "Mara Lind",
    handle: "maralind",
    text: "Can I book a private session for four?",
    hoursAgo: 30,
    read: true,
  },
  {
    account: 0,
    kind: "message",
    author: "Rita Rivers",
    handle: "ritarivers",
    text: "A joint workshop with our yoga studio?",
    hoursAgo: 50,
  },
  {
    account: 1,
    kind: "comment",
    author: "Theo Okafor",
    handle: "theo-okafor",
    text: "Handmade is worth it. Lovely post.",
    hoursAgo: 70,
    read: true,
  },
];

/**
 * The publish demo: "Glow Studio" (owner user@glow.dev, admin@glow.dev staff) on the Pro plan
 * with two sandbox accounts, ten posts and eight messages. Needs the sandbox among the
 * platforms (its tokens are minted there); without it only the organization and plan are made.
 */
export async function seedPublishDemo(
  services: Pick<AppServices, "db" | "secrets" | "platforms" | "jobs" | "config">,
  now = new Date(),
): Promise<void> {
  const { db } = services;
  await seedRoles(db);
  const owner = await ensurePerson(db, { email: "user@glow.dev", name: "Uma User" });
  const staff = await ensurePerson(db, { email: "admin@glow.dev", name: "Ada Admin" });
  const orgId = await ensureOrganization(db, PUBLISH_DEMO_ORGANIZATION);
  await ensureMembership(db, orgId, owner, "owner");
  await ensureMembership(db, orgId, staff, "staff");
  await db.planSubscription.upsert({ where: { orgId }, update: {}, create: { orgId, plan: "pro", provider: "sandbox", status: "active" } });

  const sandbox = sandboxPlatform(services.platforms);
  if (!sandbox) return;
  const tenant = tenantOf(db, orgId, owner, "owner");
  const accountIds = await tenant.run(async (tx) => {
    const ids: string[] = [];
    for (const { handle, displayName } of ACCOUNTS) {
      const profile = { externalId: sandboxAccountId(handle), handle, displayName };
      const key = { orgId_platform_externalId: { orgId, platform: "sandbox" as const, externalId: profile.externalId } };
      const existing = await tx.publishAccount.findUnique({ where: key, select: { id: true } });
      if (existing) {
        ids.push(existing.id);
        continue;
      }
      const tokens = sandbox.mintTokens(profile);
      const row = await tx.publishAccount.create({
        data: {
          orgId,
          platform: "sandbox",
          ...profile,
          accessToken: services.secrets.encrypt(tokens.accessToken, ACCESS_TOKEN_CONTEXT),
          refreshToken: tokens.refreshToken === null ? null : services.secrets.encrypt(tokens.refreshToken, REFRESH_TOKEN_CONTEXT),
          tokenExpiresAt: tokens.expiresAt,
          scopes: tokens.scopes,
          connectedById: owner,
        },
      });
      ids.push(row.id);
    }
    return ids;
  });

  const queued = await tenant.run(async (tx) => {
    if ((await tx.publishPost.count({ where: { orgId } })) > 0) return [];
    const jobs: Array<{ targetId: string; at: Date }> = [];
    let counted = 0;
    for (const [index, sample] of POSTS.entries()) {
      const at = sample.day === null ? null : new Date(now.getTime() + sample.day * DAY_MS);
      at?.setUTCHours(sample.hour, 0, 0, 0);
      const past = at !== null && at <= now;
      const createdAt = new Date((at ?? now).getTime() - (2 + index) * DAY_MS);
      const post = await tx.publishPost.create({
        data: {
          orgId,
          authorId: index % 3 === 2 ? staff : owner,
          content: sample.content,
          timeZone: at ? "Europe/Berlin" : null,
          scheduledAt: at,
          createdAt,
          updatedAt: createdAt,
        },
      });
      for (const [position, accountIndex] of sample.on.entries()) {
        const base: Prisma.PublishTargetUncheckedCreateInput = {
          orgId,
          postId: post.id,
          accountId: accountIds[accountIndex]!,
          content: position === 1 ? (sample.override ?? null) : null,
          state: at === null ? "draft" : "scheduled",
          scheduledAt: at,
          createdAt: new Date(createdAt.getTime() + position),
        };
        if (past && sample.failed) Object.assign(base, { state: "failed", attempts: 1, failureReason: sample.failed });
        else if (past) {
          const externalId = `seed_${post.id.slice(0, 8)}_${position}`;
          Object.assign(base, {
            state: "published",
            attempts: 1,
            publishedAt: at,
            externalId,
            externalUrl: `${services.config.publicUrl}${SANDBOX_POSTS_PATH}${externalId}`,
          });
        }
        const target = await tx.publishTarget.create({ data: base });
        if (target.state === "scheduled") jobs.push({ targetId: target.id, at: at! });
      }
      if (at && at.getUTCMonth() === now.getUTCMonth() && at.getUTCFullYear() === now.getUTCFullYear()) counted += 1;
    }
    // Scheduled and published posts of this month count against the plan, as scheduling them would have.
    if (counted > 0) await useAllowance(tx, orgId, "scheduledPosts", counted, now);
    await tx.publishInboxMessage.createMany({
      data: MESSAGES.map((message, index) => {
        const receivedAt = new Date(now.getTime() - message.hoursAgo * 60 * 60 * 1000);
        return {
          orgId,
          accountId: accountIds[message.account]!,
          externalId: `seed_message_${index + 1}`,
          kind: message.kind,
          authorName: message.author,
          authorHandle: message.handle,
          text: message.text,
          receivedAt,
          readAt: message.read ? new Date(receivedAt.getTime() + 30 * 60 * 1000) : null,
        };
      }),
      skipDuplicates: true,
    });
    return jobs;
  });
  // Sent once the rows are committed; the singleton key keeps one job per target (the sweeper would send them too).
  for (const { targetId, at } of queued) {
    await services.jobs.send(publishTargetJob, { orgId, targetId }, { startAfter: at, singletonKey: targetId });
  }
}
