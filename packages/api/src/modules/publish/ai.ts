// AI help with captions (issue 13 §6): three suggestions for a post on one platform, in a tone,
// from the configured OpenAI-compatible provider, or from the local captioner when none is
// configured so that the feature works without a key. Counted against the plan's AI captions.
import type { Db } from "@glow/db";
import type { AiProvider } from "../../core/ai.ts";
import { releaseAllowance, useAllowance } from "../../core/billing/allowance.ts";
import { NotFoundError, UnavailableError } from "../../core/errors.ts";
import type { Tenant } from "../../core/tenancy.ts";
import { z } from "zod";
import type { CaptionRequest, CaptionSuggestions, CaptionTone } from "./ai.schemas.ts";
import { PLATFORM_RULES } from "./media.ts";
import { PLATFORM_IDS, type PlatformId } from "./platforms/types.ts";

/** Each platform's caption limit in characters: its rules' maxLength. */
export const CAPTION_LIMITS: Record<PlatformId, number> = Object.fromEntries(
  PLATFORM_IDS.map((platform) => [platform, PLATFORM_RULES[platform].maxLength]),
) as Record<PlatformId, number>;

export const LOCAL_CAPTION_MODEL = "glow-local-captions";
const PURPOSE = "publish.caption";
const SUGGESTIONS = 3;

// ── the local captioner ──

const TONE_WORDS: Record<CaptionTone, { openers: string[]; closers: string[] }> = {
  friendly: {
    openers: ["Hey friends!", "Good news:", "A little something for you:"],
    closers: ["Tell us what you think below.", "Hope it makes your day!", "Share it with someone who'd love it."],
  },
  professional: {
    openers: ["Update:", "Worth knowing:", "Key takeaway:"],
    closers: ["Questions? Get in touch.", "Learn more on our page.", "We'd value your perspective."],
  },
  playful: {
    openers: ["Guess what? 👀", "Okay, this is fun:", "Plot twist:"],
    closers: ["Who's in? 🙌", "Tag a friend who needs this 😄", "You know you want to ✨"],
  },
  bold: {
    openers: ["Big news.", "Don't miss this.", "This changes things."],
    closers: ["Be first.", "Make it happen.", "Don't wait."],
  },
};

/** Hashtags the local captioner adds, per platform (where they are how posts are found). */
const HASHTAGS: Partial<Record<PlatformId, number>> = { instagram: 5, tiktok: 3 };

const STOP_WORDS = new Set(
  "about after again also because been before being between both could does doing down during each from further have having here into just more most only other over same should some such than that their them then there these they this those through under until very were what when where which while with would your yours will shall our ours can't don't it's we're you're".split(
    " ",
  ),
);

/** A stable 32-bit number from text (FNV-1a): the same input always picks the same words. */
function stableHash(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0;
  return hash;
}

/** At most `limit` UTF-16 units (never more code points than that), cut at a word with "…". */
export function fitCaption(text: string, limit: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return trimmed;
  const room = trimmed.slice(0, limit - 1);
  const space = room.lastIndexOf(" ");
  const cut = space > limit / 2 ? room.slice(0, space) : Array.from(room).slice(0, -1).join("");
  return `${cut.replace(/[\s,;:.-]+$/u, "")}…`;
}

function firstSentence(text: string): string {
  const match = /^[\s\S]*?[.!?](?=\s|$)/u.exec(text);
  return (match ? match[0] : text).trim();
}

/** The text's most frequent longer words, first-seen first among equals, as hashtags. */
function hashtagsOf(text: string, count: number): string[] {
  const existing = [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase());
  const words = [...text.toLowerCase().matchAll(/[\p{L}\p{N}']+/gu)].map((m) => m[0]).filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
  const frequency = new Map<string, number>();
  for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const ranked = [...frequency.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word.replace(/'/g, ""));
  return [...new Set([...existing, ...ranked])].slice(0, count).map((word) => `#${word}`);
}

/**
 * Three captions from the text alone, the same for the same input: the tone picks the
 * opening and closing words, X gets the shortest, Instagram and TikTok get hashtags.
 */
export function localCaptions(content: string, platform: PlatformId, tone: CaptionTone): string[] {
  const limit = CAPTION_LIMITS[platform];
  const body = content.replace(/\s+/g, " ").trim();
  const lead = firstSentence(body);
  const seed = stableHash(`${platform}\u0000${tone}\u0000${body}`);
  const { openers, closers } = TONE_WORDS[tone];
  const pick = (list: string[], offset: number) => list[(seed + offset) % list.length]!;
  const tags = hashtagsOf(body, HASHTAGS[platform] ?? 0).join(" ");
  // X is read at a glance: the first sentence, kept well under its limit.
  const main = platform === "x" ? fitCaption(lead, 200) : body;
  const drafts = [`${pick(openers, 0)} ${main}`, `${main} ${pick(closers, 1)}`, `${pick(openers, 2)} ${lead} ${pick(closers, 2)}`];
  return drafts.map((draft) => {
    if (!tags) return fitCaption(draft, limit);
    return `${fitCaption(draft, limit - tags.length - 2)}\n\n${tags}`;
  });
}

// ── the service ──

export interface CaptionContext {
  tenant: Tenant;
  db: Pick<Db, "aiRequestLog">;
  ai: AiProvider | null;
}

const providerAnswer = z.object({ suggestions: z.array(z.string()) });

function captionPrompt(content: string, platform: PlatformId, tone: CaptionTone) {
  const limit = CAPTION_LIMITS[platform];
  return [
    {
      role: "system" as const,
      content:
        `You write social media captions. Write ${SUGGESTIONS} different captions for ${platform} in a ${tone} tone, ` +
        `each at most ${limit} characters, keeping the post's facts. ` +
        (HASHTAGS[platform] ? "End each with a few relevant hashtags. " : "") +
        'Answer with JSON only: {"suggestions":["…","…","…"]}.',
    },
    { role: "user" as const, content },
  ];
}

/** The post's text for the platform: its target's override there when it has one. */
async function postText(tenant: Tenant, postId: string, platform: PlatformId): Promise<string | null> {
  return tenant.run(async (tx) => {
    const post = await tx.publishPost.findUnique({
      where: { id: postId },
      select: { content: true, targets: { where: { account: { platform } }, select: { content: true }, take: 1 } },
    });
    return post ? (post.targets[0]?.content ?? post.content) : null;
  });
}

async function askProvider(ai: AiProvider, context: CaptionContext, content: string, request: CaptionRequest): Promise<string[]> {
  const limit = CAPTION_LIMITS[request.platform];
  const text = await ai.complete(captionPrompt(content, request.platform, request.tone), {
    db: context.db,
    userId: context.tenant.userId,
    purpose: PURPOSE,
  });
  const answer = providerAnswer.safeParse(JSON.parse(text));
  const suggestions = answer.success ? answer.data.suggestions.map((s) => fitCaption(s, limit)).filter((s) => s.length > 0) : [];
  if (suggestions.length < SUGGESTIONS) throw new Error("AI provider answered off-format");
  return suggestions.slice(0, SUGGESTIONS);
}

/** The local captioner's answer, logged like a provider's call (no tokens, no cost). */
async function askLocal(context: CaptionContext, content: string, request: CaptionRequest): Promise<string[]> {
  const started = performance.now();
  const suggestions = localCaptions(content, request.platform, request.tone);
  await context.db.aiRequestLog.create({
    data: {
      userId: context.tenant.userId,
      provider: "local",
      model: LOCAL_CAPTION_MODEL,
      purpose: PURPOSE,
      promptTokens: 0,
      completionTokens: 0,
      costUsd: "0",
      durationMs: Math.round(performance.now() - started),
      succeeded: true,
      error: null,
    },
  });
  return suggestions;
}

/**
 * Uses one of the month's AI captions, then asks the provider (or the local captioner). The
 * use commits before the call, so no transaction waits on the provider; a failed call gives it back.
 */
export async function captionSuggestions(context: CaptionContext, request: CaptionRequest, now = new Date()): Promise<CaptionSuggestions> {
  const { tenant, ai } = context;
  const content = request.postId !== undefined ? await postText(tenant, request.postId, request.platform) : request.content!;
  if (content === null) throw new NotFoundError("No such post in this workspace", "postId");
  await tenant.run((tx) => useAllowance(tx, tenant.orgId, "aiCaptions", 1, now));
  if (!ai) return { suggestions: await askLocal(context, content, request), model: LOCAL_CAPTION_MODEL };
  try {
    return { suggestions: await askProvider(ai, context, content, request), model: ai.model };
  } catch {
    await tenant.run((tx) => releaseAllowance(tx, tenant.orgId, "aiCaptions", 1, now));
    throw new UnavailableError(
      "The caption assistant is not answering right now. Try again in a minute; this did not count against your plan.",
    );
  }
}
