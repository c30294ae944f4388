// The demo workspace (seed: "Demo user has Pro subscription; no database writes for demo user";
// decision 026): "Try the demo" gets its own copy of sample accounts, posts and messages in the
// cache for two hours. Reads and writes work on that copy only, with the real procedures' shapes;
// nothing reaches the database, the job queue or a platform.
import { randomUUID } from "node:crypto";
import { PlanLimitError } from "../../core/billing/allowance.ts";
import { PLAN_METRICS, PLANS, usagePeriod, type PlanMetric } from "../../core/billing/plans.ts";
import type { Cache } from "../../core/cache.ts";
import { FieldError, NotFoundError, PreconditionFailedError } from "../../core/errors.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { localCaptions, LOCAL_CAPTION_MODEL } from "./ai.ts";
import type { CaptionRequest, CaptionSuggestions } from "./ai.schemas.ts";
import type { DemoWorkspaceView } from "./demo.schemas.ts";
import type { TargetState } from "./events.ts";
import type { InboxMessageView } from "./inbox.schemas.ts";
import { PLATFORM_RULES, ruleRefusals, type StoredMedia } from "./media.ts";
import type { PlatformId } from "./platforms/types.ts";
import { postState } from "./posts.ts";
import type { CalendarView, PostState, PostView, TargetView } from "./posts.schemas.ts";
import { instantToLocal, localDayRange, localToInstant } from "./scheduling.ts";

/** How long a demo copy lives after "Try the demo". */
export const DEMO_TTL_MS = 2 * 60 * 60 * 1000;
/** How long a demo "post now" shows as publishing before it lands. */
export const DEMO_PUBLISH_DELAY_MS = 1500;
/** A demo copy holds at most this many posts (it lives in the cache, which is not for bulk). */
export const DEMO_MAX_POSTS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;
const ENDED = "This demo has ended; start a new one";

interface DemoAccount {
  id: string;
  platform: PlatformId;
  handle: string;
  displayName: string;
  createdAt: Date;
}

interface DemoTarget {
  id: string;
  accountId: string;
  content: string | null;
  state: TargetState;
  scheduledAt: Date | null;
  publishedAt: Date | null;
  externalId: string | null;
  externalUrl: string | null;
  failureReason: string | null;
  attempts: number;
  /** When a "post now" lands as published. */
  landsAt: Date | null;
}

interface DemoPost {
  id: string;
  content: string;
  mediaKeys: string[];
  timeZone: string | null;
  scheduledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  targets: DemoTarget[];
}

interface DemoMessage {
  id: string;
  accountId: string;
  kind: "message" | "comment";
  authorName: string;
  authorHandle: string | null;
  text: string;
  receivedAt: Date;
  readAt: Date | null;
  reply: { text: string; at: Date; byName: string } | null;
}

/** One visitor's demo copy, as stored in the cache. */
export interface DemoWorkspace {
  id: string;
  startedAt: Date;
  expiresAt: Date;
  visitor: { id: string; name: string };
  used: { scheduledPosts: number; aiCaptions: number };
  accounts: DemoAccount[];
  posts: DemoPost[];
  messages: DemoMessage[];
}

// ── sample media: small pictures drawn in SVG, served inline (the demo has no uploads) ──

function samplePicture(from: string, to: string, label: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" viewBox="0 0 1080 1080">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="1080" height="1080" fill="url(#g)"/>` +
    `<text x="540" y="560" font-family="sans-serif" font-size="72" fill="white" text-anchor="middle">${label}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

const DEMO_MEDIA: ReadonlyArray<StoredMedia & { url: string }> = [
  { key: "demo/studio-morning.svg", label: "Studio morning", colors: ["#f97316", "#db2777"] },
  { key: "demo/new-glaze.svg", label: "New glaze", colors: ["#0ea5e9", "#6366f1"] },
  { key: "demo/workshop.svg", label: "Workshop", colors: ["#22c55e", "#0d9488"] },
].map(({ key, label, colors }) => {
  const url = samplePicture(colors[0]!, colors[1]!, label);
  return { key, kind: "image" as const, contentType: "image/svg+xml", bytes: url.length, url };
});
const mediaByKey = new Map(DEMO_MEDIA.map((file) => [file.key, file]));

// ── the sample workspace ──

const SAMPLE_POSTS: ReadonlyArray<{
  content: string;
  /** Days from now; null for a draft. */
  day: number | null;
  hour: number;
  platforms: PlatformId[];
  media?: string[];
  /** What happened to each target, by platform, when it is not what the day implies. */
  outcome?: Partial<Record<PlatformId, "failed" | "cancelled">>;
  xOverride?: string;
}> = [
  {
    content: "Our spring collection is here: twelve new glazes, fired in small batches in the studio. Which one is your favourite?",
    day: -12,
    hour: 9,
    platforms: ["x", "instagram", "linkedin"],
    media: ["demo/new-glaze.svg"],
  },
  {
    content: "Behind the scenes: loading the kiln at 6 am. Coffee first, then 240 pieces.",
    day: -9,
    hour: 7,
    platforms: ["x", "instagram"],
    media: ["demo/studio-morning.svg"],
  },
  {
    content: "We are hiring a studio assistant (part-time, Berlin). Love clay, people and tidy shelves? Write to us.",
    day: -7,
    hour: 10,
    platforms: ["linkedin", "x"],
  },
  {
    content: "Saturday workshop: throw your first bowl on the wheel. Six seats left!",
    day: -5,
    hour: 12,
    platforms: ["instagram", "x"],
    media: ["demo/workshop.svg"],
    outcome: { instagram: "failed" },
  },
  {
    content: "Thank you for 10,000 followers! A giveaway is coming next week.",
    day: -3,
    hour: 18,
    platforms: ["x"],
    outcome: { x: "failed" },
  },
  {
    content: "How we price handmade ceramics: materials, kiln time, and the hours nobody sees. A short thread.",
    day: -1,
    hour: 8,
    platforms: ["linkedin"],
  },
  {
    content: "Giveaway! Comment with your favourite mug colour to win a set of four. Winner picked Friday.",
    day: 1,
    hour: 17,
    platforms: ["x", "instagram"],
    media: ["demo/new-glaze.svg"],
    xOverride: "Giveaway! Reply with your favourite mug colour to win a set of four 🎁 Winner picked Friday.",
  },
  {
    content: "Open studio this Sunday from 11 to 4. Come say hello and see the wheels spin.",
    day: 3,
    hour: 9,
    platforms: ["instagram", "linkedin"],
    media: ["demo/studio-morning.svg"],
  },
  {
    content: "New workshop dates are up: beginners on Tuesdays, glazing on Thursdays. Link in bio.",
    day: 6,
    hour: 11,
    platforms: ["instagram", "x", "linkedin"],
    media: ["demo/workshop.svg"],
  },
  {
    content: "A note on lead-free glazes and why every piece we sell is food safe.",
    day: 9,
    hour: 10,
    platforms: ["linkedin"],
    outcome: { linkedin: "cancelled" },
  },
  {
    content: "Draft: photo series of customers' kitchens with our bowls in use. Ask permission first!",
    day: null,
    hour: 0,
    platforms: ["instagram"],
  },
  {
    content: "Ideas for the studio's fifth birthday post: a timeline, the first bowl, the first kiln.",
    day: null,
    hour: 0,
    platforms: ["x", "linkedin"],
  },
];

const SAMPLE_MESSAGES: ReadonlyArray<{
  platform: PlatformId;
  kind: "message" | "comment";
  author: string;
  handle: string;
  text: string;
  hoursAgo: number;
  read?: boolean;
  reply?: string;
}> = [
  { platform: "instagram", kind: "comment", author: "Lena Hoffmann", handle: "lena.makes", text: "The blue one!! 😍", hoursAgo: 1 },
  { platform: "x", kind: "comment", author: "Tom Reyes", handle: "tomreyes", text: "Do you ship to Austria?", hoursAgo: 2 },
  {
    platform: "instagram",
    kind: "message",
    author: "Priya Shah",
    handle: "priya.shah",
    text: "Hi! Is the Saturday workshop good for complete beginners?",
    hoursAgo: 3,
  },
  {
    platform: "linkedin",
    kind: "comment",
    author: "Martin Vogel",
    handle: "martin-vogel",
    text: "Great breakdown of the pricing. Sharing with my team.",
    hoursAgo: 5,
  },
  {
    platform: "x",
    kind: "message",
    author: "Ceramics Weekly",
    handle: "ceramicsweekly",
    text: "We'd love to feature your spring glazes. Are you open to an interview?",
    hoursAgo: 7,
  },
  { platform: "instagram", kind: "comment", author: "Jonas Berg", handle: "jonas.b", text: "Green for me, please 🌿", hoursAgo: 9 },
  {
    platform: "linkedin",
    kind: "message",
    author: "Aiko Tanaka",
    handle: "aiko-tanaka",
    text: "Is the assistant role still open? I attached my CV.",
    hoursAgo: 11,
  },
  {
    platform: "x",
    kind: "comment",
    author: "Sam Lee",
    handle: "samlee",
    text: "Those kiln shots are so satisfying.",
    hoursAgo: 14,
    read: true,
  },
  {
    platform: "instagram",
    kind: "comment",
    author: "Mara Lind",
    handle: "maralind",
    text: "Can I book a private session for four people?",
    hoursAgo: 20,
    read: true,
  },
  {
    platform: "x",
    kind: "comment",
    author: "Ben Holloway",
    handle: "benh",
    text: "Congrats on 10k!",
    hoursAgo: 26,
    read: true,
    reply: "Thank you, Ben! 🙏",
  },
  {
    platform: "instagram",
    kind: "message",
    author: "Greta Novak",
    handle: "greta.novak",
    text: "My mug arrived, it's perfect. Thank you!",
    hoursAgo: 30,
    read: true,
    reply: "So glad you love it, Greta!",
  },
  {
    platform: "linkedin",
    kind: "comment",
    author: "Omar Haddad",
    handle: "omar-haddad",
    text: "Food-safe glazes: which supplier do you use?",
    hoursAgo: 40,
    read: true,
  },
  {
    platform: "instagram",
    kind: "comment",
    author: "Lucia Ferreira",
    handle: "lucia.f",
    text: "Six seats left? Taking one!",
    hoursAgo: 50,
    read: true,
  },
  {
    platform: "x",
    kind: "message",
    author: "Rita Rivers",
    handle: "ritarivers",
    text: "Would you do a joint workshop with our yoga studio?",
    hoursAgo: 60,
  },
  {
    platform: "linkedin",
    kind: "comment",
    author: "Theo Okafor",
    handle: "theo-okafor",
    text: "Handmade is worth it. Lovely post.",
    hoursAgo: 70,
    read: true,
  },
];

function fakePublished(target: DemoTarget, account: DemoAccount, at: Date): void {
  target.state = "published";
  target.publishedAt = at;
  target.externalId = `demo-${target.id.slice(0, 8)}`;
  // A reserved top-level domain: clearly not a real post, and never resolves.
  target.externalUrl = `https://demo.glow.invalid/${account.platform}/${account.handle}/${target.externalId}`;
  target.failureReason = null;
  target.attempts = Math.max(1, target.attempts);
  target.landsAt = null;
}

/** A fresh copy of the sample workspace, its dates around `now`. */
export function sampleWorkspace(now: Date): DemoWorkspace {
  const at = (days: number, hour: number) => {
    const day = new Date(now.getTime() + days * DAY_MS);
    day.setUTCHours(hour, 0, 0, 0);
    return day;
  };
  const created = new Date(now.getTime() - 30 * DAY_MS);
  const accounts: DemoAccount[] = [
    { id: randomUUID(), platform: "x", handle: "glowstudio", displayName: "Glow Studio", createdAt: created },
    { id: randomUUID(), platform: "instagram", handle: "glow.studio", displayName: "Glow Studio Ceramics", createdAt: created },
    { id: randomUUID(), platform: "linkedin", handle: "glow-studio", displayName: "Glow Studio GmbH", createdAt: created },
  ];
  const accountOn = (platform: PlatformId) => accounts.find((account) => account.platform === platform)!;
  const used = { scheduledPosts: 0, aiCaptions: 4 };
  const posts = SAMPLE_POSTS.map((sample, index): DemoPost => {
    const when = sample.day === null ? null : at(sample.day, sample.hour);
    const createdAt = new Date((when ?? now).getTime() - (3 + index) * DAY_MS);
    const targets = sample.platforms.map((platform): DemoTarget => {
      const target: DemoTarget = {
        id: randomUUID(),
        accountId: accountOn(platform).id,
        content: platform === "x" && sample.xOverride ? sample.xOverride : null,
        state: when ? "scheduled" : "draft",
        scheduledAt: when,
        publishedAt: null,
        externalId: null,
        externalUrl: null,
        failureReason: null,
        attempts: 0,
        landsAt: null,
      };
      const outcome = sample.outcome?.[platform];
      if (outcome === "cancelled") target.state = "cancelled";
      else if (when && when <= now && outcome === "failed") {
        target.state = "failed";
        target.attempts = 1;
        target.failureReason =
          platform === "instagram"
            ? "The image could not be fetched by Instagram (demo)"
            : "Duplicate content: this was posted already (demo)";
      } else if (when && when <= now) fakePublished(target, accountOn(platform), when);
      return target;
    });
    if (when && targets.some((target) => target.state !== "draft" && target.state !== "cancelled")) used.scheduledPosts += 1;
    return {
      id: randomUUID(),
      content: sample.content,
      mediaKeys: sample.media ?? [],
      timeZone: when ? "Europe/Berlin" : null,
      scheduledAt: when,
      createdAt,
      updatedAt: createdAt,
      targets,
    };
  });
  const visitor = { id: randomUUID(), name: "You (demo)" };
  const messages = SAMPLE_MESSAGES.map((sample): DemoMessage => {
    const receivedAt = new Date(now.getTime() - sample.hoursAgo * 60 * 60 * 1000);
    return {
      id: randomUUID(),
      accountId: accountOn(sample.platform).id,
      kind: sample.kind,
      authorName: sample.author,
      authorHandle: sample.handle,
      text: sample.text,
      receivedAt,
      readAt: sample.read ? new Date(receivedAt.getTime() + 30 * 60 * 1000) : null,
      reply: sample.reply ? { text: sample.reply, at: new Date(receivedAt.getTime() + 45 * 60 * 1000), byName: "Glow Studio" } : null,
    };
  });
  return { id: randomUUID(), startedAt: now, expiresAt: new Date(now.getTime() + DEMO_TTL_MS), visitor, used, accounts, posts, messages };
}

// ── the copy in the cache ──

const demoKey = (demoId: string) => `publish:demo:${demoId}`;

/** Targets whose moment has come: a "post now" lands, a scheduled time passes (nothing is sent anywhere). */
function settle(workspace: DemoWorkspace, now: Date): void {
  for (const post of workspace.posts) {
    for (const target of post.targets) {
      const account = workspace.accounts.find((a) => a.id === target.accountId)!;
      if (target.state === "publishing" && target.landsAt && target.landsAt <= now) fakePublished(target, account, target.landsAt);
      else if (target.state === "scheduled" && target.scheduledAt && target.scheduledAt <= now)
        fakePublished(target, account, target.scheduledAt);
    }
  }
}

/** The visitor's copy (their own, to change), or NOT_FOUND once it has expired. */
async function load(cache: Cache, demoId: string, now: Date): Promise<DemoWorkspace> {
  const stored = await cache.get<DemoWorkspace>(demoKey(demoId));
  if (!stored || stored.expiresAt.getTime() <= now.getTime()) throw new NotFoundError(ENDED);
  // The in-process cache hands out the stored object itself: never change that one.
  const workspace = structuredClone(stored);
  settle(workspace, now);
  return workspace;
}

/** Stores the changed copy until the demo's original end (a write never extends it). */
async function save(cache: Cache, workspace: DemoWorkspace, now: Date): Promise<void> {
  const seconds = (workspace.expiresAt.getTime() - now.getTime()) / 1000;
  if (seconds <= 0) throw new NotFoundError(ENDED);
  await cache.set(demoKey(workspace.id), workspace, seconds);
}

/** Loads, changes and stores the copy; two tabs writing at the same instant may lose one write (a demo's trade-off). */
async function change<T>(cache: Cache, demoId: string, now: Date, work: (workspace: DemoWorkspace) => T): Promise<T> {
  const workspace = await load(cache, demoId, now);
  const result = work(workspace);
  await save(cache, workspace, now);
  return result;
}

function useDemoAllowance(workspace: DemoWorkspace, metric: "scheduledPosts" | "aiCaptions"): void {
  const limit = PLANS.pro.limits[metric]!;
  if (workspace.used[metric] + 1 > limit) throw new PlanLimitError("pro", metric, limit);
  workspace.used[metric] += 1;
}

// ── views: the real procedures' shapes ──

function accountOf(workspace: DemoWorkspace, accountId: string): DemoAccount {
  return workspace.accounts.find((account) => account.id === accountId)!;
}

function postView(workspace: DemoWorkspace, post: DemoPost): PostView {
  const targets: TargetView[] = post.targets.map((target) => {
    const account = accountOf(workspace, target.accountId);
    return {
      id: target.id,
      accountId: target.accountId,
      platform: account.platform,
      accountHandle: account.handle,
      content: target.content,
      text: target.content ?? post.content,
      state: target.state,
      scheduledAt: target.scheduledAt,
      publishedAt: target.publishedAt,
      externalId: target.externalId,
      externalUrl: target.externalUrl,
      failureReason: target.failureReason,
      attempts: target.attempts,
    };
  });
  return {
    id: post.id,
    content: post.content,
    media: post.mediaKeys.map((key) => mediaByKey.get(key)!),
    timeZone: post.timeZone,
    scheduledAt: post.scheduledAt,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    author: workspace.visitor,
    state: postState(targets.map((target) => target.state)),
    targets,
  };
}

function messageView(workspace: DemoWorkspace, message: DemoMessage): InboxMessageView {
  const account = accountOf(workspace, message.accountId);
  const { id, accountId, kind, authorName, authorHandle, text, receivedAt, readAt, reply } = message;
  return {
    id,
    accountId,
    platform: account.platform,
    accountHandle: account.handle,
    kind,
    authorName,
    authorHandle,
    text,
    receivedAt,
    readAt,
    reply,
  };
}

function workspaceView(workspace: DemoWorkspace, now: Date): DemoWorkspaceView {
  const { tier, name, monthlyPriceCents, limits } = PLANS.pro;
  const used: Record<PlanMetric, number> = { ...workspace.used, accounts: workspace.accounts.length, members: 1 };
  return {
    demoId: workspace.id,
    expiresAt: workspace.expiresAt,
    name: "Glow Studio (demo)",
    plan: {
      tier,
      name,
      monthlyPriceCents,
      limits: { ...limits },
      status: "active",
      currentPeriodEnd: workspace.expiresAt,
      provider: "demo",
    },
    usage: Object.fromEntries(
      PLAN_METRICS.map((metric) => [metric, { used: used[metric], limit: limits[metric], period: usagePeriod(metric, now) }]),
    ) as DemoWorkspaceView["usage"],
    accounts: workspace.accounts.map((account) => ({
      ...account,
      status: "active" as const,
      statusReason: null,
      tokenExpiresAt: null,
      lastSyncedAt: now,
      demo: true as const,
    })),
    media: [...DEMO_MEDIA],
  };
}

function requirePost(workspace: DemoWorkspace, postId: string): DemoPost {
  const post = workspace.posts.find((p) => p.id === postId);
  if (!post) throw new NotFoundError("No such post");
  return post;
}

// ── the demo's procedures ──

/** Starts a visitor's demo: a fresh sample copy in the cache for two hours. */
export async function startDemo(
  cache: Cache,
  now = new Date(),
): Promise<{ demoId: string; expiresAt: Date; workspace: DemoWorkspaceView }> {
  const workspace = sampleWorkspace(now);
  await cache.set(demoKey(workspace.id), workspace, Math.max(1, DEMO_TTL_MS / 1000));
  return { demoId: workspace.id, expiresAt: workspace.expiresAt, workspace: workspaceView(workspace, now) };
}

export async function demoWorkspace(cache: Cache, demoId: string, now = new Date()): Promise<DemoWorkspaceView> {
  return workspaceView(await load(cache, demoId, now), now);
}

export async function listDemoPosts(
  cache: Cache,
  input: {
    demoId: string;
    cursor?: string | undefined;
    limit: number;
    state?: PostState | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
  },
  now = new Date(),
): Promise<Page<PostView>> {
  const workspace = await load(cache, input.demoId, now);
  const posts = workspace.posts
    .map((post) => postView(workspace, post))
    .filter((post) => input.state === undefined || post.state === input.state)
    .filter(
      (post) =>
        (!input.from && !input.to) ||
        (post.scheduledAt && (!input.from || post.scheduledAt >= input.from) && (!input.to || post.scheduledAt < input.to)),
    );
  return newestFirstPage(
    posts,
    (post) => post.createdAt,
    input,
    (post) => post,
  );
}

export async function getDemoPost(cache: Cache, input: { demoId: string; postId: string }, now = new Date()): Promise<PostView> {
  const workspace = await load(cache, input.demoId, now);
  return postView(workspace, requirePost(workspace, input.postId));
}

export function createDemoPost(
  cache: Cache,
  input: {
    demoId: string;
    content: string;
    media: Array<{ key: string }>;
    targets: Array<{ accountId: string; content?: string | null | undefined }>;
  },
  now = new Date(),
): Promise<PostView> {
  return change(cache, input.demoId, now, (workspace) => {
    if (workspace.posts.length >= DEMO_MAX_POSTS)
      throw new PreconditionFailedError(`A demo holds at most ${DEMO_MAX_POSTS} posts; start a new one`);
    for (const [index, target] of input.targets.entries()) {
      if (!workspace.accounts.some((account) => account.id === target.accountId))
        throw new FieldError(`targets.${index}.accountId`, "No such account in this demo");
    }
    for (const [index, file] of input.media.entries()) {
      if (!mediaByKey.has(file.key)) throw new FieldError(`media.${index}.key`, "The demo attaches its sample images only");
    }
    const post: DemoPost = {
      id: randomUUID(),
      content: input.content,
      mediaKeys: input.media.map((file) => file.key),
      timeZone: null,
      scheduledAt: null,
      createdAt: now,
      updatedAt: now,
      targets: input.targets.map((target) => ({
        id: randomUUID(),
        accountId: target.accountId,
        content: target.content ?? null,
        state: "draft",
        scheduledAt: null,
        publishedAt: null,
        externalId: null,
        externalUrl: null,
        failureReason: null,
        attempts: 0,
        landsAt: null,
      })),
    };
    workspace.posts.push(post);
    return postView(workspace, post);
  });
}

/** As posts.ts schedules: every target checked against its platform's rules, one scheduled post used unless it was scheduled already. */
function scheduleDemoTargets(workspace: DemoWorkspace, post: DemoPost, at: Date, now: Date, state: "scheduled" | "publishing"): PostView {
  if (post.targets.some((target) => target.state === "publishing" || target.state === "published")) {
    throw new PreconditionFailedError("This post is being published or was published: it cannot be scheduled again");
  }
  const media = post.mediaKeys.map((key) => mediaByKey.get(key)!);
  for (const [index, target] of post.targets.entries()) {
    const { platform } = accountOf(workspace, target.accountId);
    const [refusal] = ruleRefusals(PLATFORM_RULES[platform], platform, target.content ?? post.content, media, `targets.${index}`);
    if (refusal) throw refusal;
  }
  if (!post.targets.some((target) => target.state === "scheduled")) useDemoAllowance(workspace, "scheduledPosts");
  for (const target of post.targets) {
    Object.assign(target, {
      state,
      scheduledAt: at,
      failureReason: null,
      landsAt: state === "publishing" ? new Date(now.getTime() + DEMO_PUBLISH_DELAY_MS) : null,
    });
  }
  post.scheduledAt = at;
  post.updatedAt = now;
  return postView(workspace, post);
}

export function scheduleDemoPost(
  cache: Cache,
  input: { demoId: string; postId: string; at: string; timeZone: string },
  now = new Date(),
): Promise<PostView> {
  const at = localToInstant(input.at, input.timeZone, "at");
  if (at.getTime() <= now.getTime()) throw new FieldError("at", `${input.at} in ${input.timeZone} has passed: pick a later time`);
  return change(cache, input.demoId, now, (workspace) => {
    const post = requirePost(workspace, input.postId);
    post.timeZone = input.timeZone; // a refusal below stores nothing
    return scheduleDemoTargets(workspace, post, at, now, "scheduled");
  });
}

/** Shows the post as publishing, then as published a moment later with a made-up URL; nothing is sent anywhere. */
export function publishDemoPostNow(cache: Cache, input: { demoId: string; postId: string }, now = new Date()): Promise<PostView> {
  return change(cache, input.demoId, now, (workspace) =>
    scheduleDemoTargets(workspace, requirePost(workspace, input.postId), now, now, "publishing"),
  );
}

export function cancelDemoPost(cache: Cache, input: { demoId: string; postId: string }, now = new Date()): Promise<PostView> {
  return change(cache, input.demoId, now, (workspace) => {
    const post = requirePost(workspace, input.postId);
    const scheduled = post.targets.filter((target) => target.state === "scheduled");
    if (scheduled.length === 0) {
      throw new PreconditionFailedError(
        post.targets.some((target) => target.state === "publishing") ? "This post is being published now" : "This post is not scheduled",
      );
    }
    for (const target of scheduled) target.state = "cancelled";
    if (!post.targets.some((target) => target.state === "publishing" || target.state === "published")) {
      post.scheduledAt = null;
      workspace.used.scheduledPosts = Math.max(0, workspace.used.scheduledPosts - 1);
    }
    post.updatedAt = now;
    return postView(workspace, post);
  });
}

export async function demoCalendar(
  cache: Cache,
  input: { demoId: string; from: string; to: string; timeZone: string },
  now = new Date(),
): Promise<CalendarView> {
  const { start, end } = localDayRange(input.from, input.to, input.timeZone);
  const workspace = await load(cache, input.demoId, now);
  const entries = workspace.posts
    .filter((post) => post.scheduledAt && post.scheduledAt >= start && post.scheduledAt < end)
    .map((post) => {
      const view = postView(workspace, post);
      const at = post.scheduledAt!;
      const excerpt = post.content.length > 80 ? `${post.content.slice(0, 79)}…` : post.content;
      return {
        postId: post.id,
        at,
        ...instantToLocal(at, input.timeZone),
        excerpt,
        state: view.state,
        platforms: view.targets.map((t) => t.platform),
      };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return { timeZone: input.timeZone, entries };
}

/**
 * The demo's lists page as the real ones do (newest first, ties by id; the cursor is
 * "<epoch ms>_<id>", core/pagination's instant-and-id keyset), over the cached copy.
 */
function newestFirstPage<T extends { id: string }, V>(
  items: readonly T[],
  instant: (item: T) => Date,
  input: { cursor?: string | undefined; limit: number },
  view: (item: T) => V,
): Page<V> {
  const [afterMs, afterId] = input.cursor ? (input.cursor.split("_") as [string, string]) : [null, null];
  const rows = [...items]
    .sort((a, b) => instant(b).getTime() - instant(a).getTime() || (a.id < b.id ? 1 : -1))
    .filter(
      (item) =>
        afterMs === null ||
        instant(item).getTime() < Number(afterMs) ||
        (instant(item).getTime() === Number(afterMs) && item.id < afterId!),
    );
  return toPage(rows.slice(0, input.limit + 1), input.limit, { keyOf: (item) => `${instant(item).getTime()}_${item.id}` }, view);
}

export async function listDemoInbox(
  cache: Cache,
  input: { demoId: string; cursor?: string | undefined; limit: number; accountId?: string | undefined; unread?: boolean | undefined },
  now = new Date(),
): Promise<Page<InboxMessageView>> {
  const workspace = await load(cache, input.demoId, now);
  const messages = workspace.messages
    .filter((message) => input.accountId === undefined || message.accountId === input.accountId)
    .filter((message) => input.unread === undefined || (message.readAt === null) === input.unread);
  return newestFirstPage(
    messages,
    (message) => message.receivedAt,
    input,
    (message) => messageView(workspace, message),
  );
}

export function markDemoRead(
  cache: Cache,
  input: { demoId: string; messageIds: string[] },
  now = new Date(),
): Promise<{ updated: number }> {
  return change(cache, input.demoId, now, (workspace) => {
    const wanted = new Set(input.messageIds);
    let updated = 0;
    for (const message of workspace.messages) {
      if (!wanted.has(message.id) || message.readAt) continue;
      message.readAt = now;
      updated += 1;
    }
    return { updated };
  });
}

/** Records the reply on the copy (as if the platform took it) and marks the message read. */
export function replyInDemo(
  cache: Cache,
  input: { demoId: string; messageId: string; text: string },
  now = new Date(),
): Promise<InboxMessageView> {
  return change(cache, input.demoId, now, (workspace) => {
    const message = workspace.messages.find((m) => m.id === input.messageId);
    if (!message) throw new NotFoundError("No such message");
    message.reply = { text: input.text, at: now, byName: workspace.visitor.name };
    message.readAt ??= now;
    return messageView(workspace, message);
  });
}

/** Captions from the local captioner only: a demo never spends a configured provider's tokens. */
export function demoCaption(cache: Cache, input: CaptionRequest & { demoId: string }, now = new Date()): Promise<CaptionSuggestions> {
  return change(cache, input.demoId, now, (workspace) => {
    const post = input.postId !== undefined ? workspace.posts.find((p) => p.id === input.postId) : null;
    if (input.postId !== undefined && !post) throw new NotFoundError("No such post in this demo", "postId");
    const override = post?.targets.find((target) => accountOf(workspace, target.accountId).platform === input.platform)?.content;
    const content = post ? (override ?? post.content) : input.content!;
    useDemoAllowance(workspace, "aiCaptions");
    return { suggestions: localCaptions(content, input.platform, input.tone), model: LOCAL_CAPTION_MODEL };
  });
}
