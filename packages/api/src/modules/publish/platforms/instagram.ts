// Instagram professional accounts through the Instagram Graph API with Facebook Login: a
// post is a media container Meta fetches from our signed URL, then published; Direct
// messages go through the linked Facebook Page's conversations.
import { MetaGraph, messageItem, inboxCursor, inboxPosition, unixSeconds, type GraphPage, type ManagedPage } from "./meta.ts";
import {
  PlatformError,
  type InboxItem,
  type InboxPage,
  type PlatformCredentials,
  type PlatformProfile,
  type PlatformRules,
  type PublishMedia,
  type PublishRequest,
  type PublishedPost,
  type SocialPlatform,
  type TokenSet,
} from "./types.ts";

const SCOPES = [
  "instagram_basic",
  "instagram_content_publish",
  "instagram_manage_comments",
  "instagram_manage_messages",
  "pages_show_list",
  "pages_read_engagement",
  "business_management",
];

/** How long a video container may take to process before the attempt gives up (and is retried). */
const CONTAINER_WAIT_MS = 120_000;

interface InstagramMedia {
  id: string;
  caption?: string;
  timestamp: string;
  permalink?: string;
  comments?: GraphPage<InstagramComment>;
}

interface InstagramComment {
  id: string;
  text?: string;
  username?: string;
  timestamp: string;
  from?: { id: string; username?: string };
}

export class InstagramPlatform implements SocialPlatform {
  readonly id = "instagram" as const;
  readonly name = "Instagram";
  readonly rules: PlatformRules = { maxLength: 2200, requiresMedia: true, mediaKinds: ["image", "video"], maxMedia: 10 };
  readonly #inboxPageSize: number;
  readonly pkce = false;
  readonly #graph: MetaGraph;

  constructor(credentials: PlatformCredentials, options: { inboxPageSize?: number } = {}) {
    this.#inboxPageSize = options.inboxPageSize ?? 25;
    this.#graph = new MetaGraph("instagram", credentials);
  }

  authorizeUrl(input: { state: string; codeVerifier: string; redirectUri: string }): URL {
    return this.#graph.authorizeUrl({ state: input.state, redirectUri: input.redirectUri, scopes: SCOPES });
  }

  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    return this.#graph.exchangeCode(input, SCOPES);
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.#graph.refresh(refreshToken, SCOPES);
  }

  /** The Instagram professional account linked to the first Page that has one. */
  async profile(accessToken: string): Promise<PlatformProfile> {
    const page = (await this.#graph.pages(accessToken)).find((candidate) => candidate.instagram_business_account);
    const account = page?.instagram_business_account;
    if (!account) throw new PlatformError("instagram", "rejected", "No Instagram professional account is linked to a Page of this person");
    return { externalId: account.id, handle: account.username ?? account.id, displayName: account.name ?? account.username ?? account.id };
  }

  async publish(accessToken: string, account: PlatformProfile, request: PublishRequest): Promise<PublishedPost> {
    if (request.media.length === 0) throw new PlatformError("instagram", "rejected", "Instagram needs an image or a video");
    const userId = account.externalId;
    let containerId: string;
    if (request.media.length === 1) {
      containerId = await this.#container(accessToken, userId, request.media[0]!, { caption: request.text });
    } else {
      const children: string[] = [];
      for (const media of request.media) children.push(await this.#container(accessToken, userId, media, { is_carousel_item: true }));
      containerId = await this.#createContainer(accessToken, userId, {
        media_type: "CAROUSEL",
        children: children.join(","),
        caption: request.text,
      });
    }
    const published = await this.#graph.post<{ id: string }>(`/${userId}/media_publish`, accessToken, { creation_id: containerId });
    const media = await this.#graph.get<{ id: string; permalink?: string }>(`/${published.id}`, accessToken, { fields: "id,permalink" });
    return { externalId: published.id, url: media.permalink ?? `https://www.instagram.com/${account.handle}/` };
  }

  async #container(accessToken: string, userId: string, media: PublishMedia, extra: Record<string, string | boolean>): Promise<string> {
    const source: Record<string, string> =
      media.kind === "video" ? { media_type: extra.is_carousel_item ? "VIDEO" : "REELS", video_url: media.url } : { image_url: media.url };
    return this.#createContainer(accessToken, userId, { ...source, ...extra });
  }

  /** Creates a container and waits until Meta has fetched and processed the file. */
  async #createContainer(accessToken: string, userId: string, params: Record<string, string | boolean>): Promise<string> {
    const { id } = await this.#graph.post<{ id: string }>(`/${userId}/media`, accessToken, params);
    const deadline = Date.now() + CONTAINER_WAIT_MS;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      const container = await this.#graph.get<{ status_code?: string; status?: string }>(`/${id}`, accessToken, {
        fields: "status_code,status",
      });
      if (container.status_code === "FINISHED" || container.status_code === "PUBLISHED") return id;
      if (container.status_code === "ERROR" || container.status_code === "EXPIRED") {
        throw new PlatformError(
          "instagram",
          "rejected",
          `Instagram could not process the media: ${container.status ?? container.status_code}`,
        );
      }
      if (Date.now() + wait > deadline) throw new PlatformError("instagram", "unavailable", "Instagram is still processing the media");
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Instagram takes no idempotency key: the account's media since the attempt, by the same caption. */
  async findPublished(
    accessToken: string,
    account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null> {
    const media = await this.#graph.get<GraphPage<InstagramMedia>>(`/${account.externalId}/media`, accessToken, {
      fields: "id,caption,timestamp,permalink",
      since: unixSeconds(attempt.since) - 60,
      limit: 50,
    });
    const found = media.data.find(
      (candidate) => candidate.caption === attempt.text && new Date(candidate.timestamp) >= new Date(attempt.since.getTime() - 60_000),
    );
    return found ? { externalId: found.id, url: found.permalink ?? `https://www.instagram.com/${account.handle}/` } : null;
  }

  /** Direct messages (through the linked Page) first, then comments on recent media. */
  async fetchInbox(accessToken: string, account: PlatformProfile, cursor: string | null): Promise<InboxPage> {
    const position = inboxPosition(cursor);
    if (position.stage === "messages") {
      const page = await this.#linkedPage(accessToken, account);
      const conversations = await this.#graph.conversations(
        page.access_token,
        page.id,
        { id: account.externalId, platform: "instagram" },
        position.after,
        this.#inboxPageSize,
      );
      return {
        items: conversations.items.map(messageItem),
        cursor: conversations.after
          ? inboxCursor({ stage: "messages", after: conversations.after })
          : inboxCursor({ stage: "comments", after: null }),
      };
    }
    const media = await this.#graph.get<GraphPage<InstagramMedia>>(`/${account.externalId}/media`, accessToken, {
      fields: "id,timestamp,comments.limit(50){id,text,username,timestamp,from}",
      limit: this.#inboxPageSize,
      after: position.after ?? undefined,
    });
    const items = media.data.flatMap((post) =>
      (post.comments?.data ?? [])
        .filter((comment) => comment.from?.id !== account.externalId && comment.username !== account.handle)
        .map((comment): InboxItem => ({
          externalId: comment.id,
          kind: "comment",
          parentExternalId: post.id,
          authorName: comment.username ?? comment.from?.username ?? "Instagram user",
          authorHandle: comment.username ?? comment.from?.username ?? null,
          text: comment.text ?? "",
          receivedAt: new Date(comment.timestamp),
        })),
    );
    const after = media.paging?.next ? media.paging.cursors?.after : undefined;
    return { items, cursor: after ? inboxCursor({ stage: "comments", after }) : null };
  }

  async reply(
    accessToken: string,
    account: PlatformProfile,
    item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
    text: string,
  ): Promise<{ externalId: string }> {
    if (item.kind === "message") {
      const page = await this.#linkedPage(accessToken, account);
      return this.#graph.replyToMessage(page.access_token, page.id, item.externalId, text);
    }
    const reply = await this.#graph.post<{ id: string }>(`/${item.externalId}/replies`, accessToken, { message: text });
    return { externalId: reply.id };
  }

  /** Instagram Direct is reached through the Facebook Page the account is linked to, with that Page's token. */
  async #linkedPage(accessToken: string, account: PlatformProfile): Promise<ManagedPage> {
    const page = (await this.#graph.pages(accessToken)).find(
      (candidate) => candidate.instagram_business_account?.id === account.externalId,
    );
    if (!page) throw new PlatformError("instagram", "unauthorized", "The Instagram account is no longer linked to a Page Glow may manage");
    return page;
  }
}
