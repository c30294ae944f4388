// Facebook Pages through Meta's Graph API: the person logs in with Facebook Login, Glow posts
// as the first Page they manage (with that Page's own token), reads its Messenger
// conversations and the comments on its recent posts, and answers both.
import { MetaGraph, messageItem, inboxCursor, inboxPosition, unixSeconds, type GraphPage } from "./meta.ts";
import {
  PlatformError,
  type InboxItem,
  type InboxPage,
  type PlatformCredentials,
  type PlatformProfile,
  type PlatformRules,
  type PublishRequest,
  type PublishedPost,
  type SocialPlatform,
  type TokenSet,
} from "./types.ts";

const SCOPES = ["pages_show_list", "pages_read_engagement", "pages_manage_posts", "pages_manage_engagement", "pages_messaging"];

interface PagePost {
  id: string;
  message?: string;
  created_time: string;
  permalink_url?: string;
  comments?: GraphPage<GraphComment>;
}

interface GraphComment {
  id: string;
  message?: string;
  created_time: string;
  from?: { id: string; name?: string };
}

export class FacebookPlatform implements SocialPlatform {
  readonly id = "facebook" as const;
  readonly name = "Facebook";
  readonly rules: PlatformRules = { maxLength: 63_206, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 10 };
  readonly #inboxPageSize: number;
  readonly pkce = false;
  readonly #graph: MetaGraph;

  constructor(credentials: PlatformCredentials, options: { inboxPageSize?: number } = {}) {
    this.#inboxPageSize = options.inboxPageSize ?? 25;
    this.#graph = new MetaGraph("facebook", credentials);
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

  async profile(accessToken: string): Promise<PlatformProfile> {
    const [page] = await this.#graph.pages(accessToken);
    if (!page) throw new PlatformError("facebook", "rejected", "This Facebook account manages no Page to publish to");
    return { externalId: page.id, handle: page.username ?? page.id, displayName: page.name };
  }

  async publish(accessToken: string, account: PlatformProfile, request: PublishRequest): Promise<PublishedPost> {
    const pageToken = await this.#pageToken(accessToken, account);
    const pageId = account.externalId;
    const video = request.media.find((media) => media.kind === "video");
    if (video) {
      const uploaded = await this.#graph.post<{ id: string }>(`/${pageId}/videos`, pageToken, {
        file_url: video.url,
        description: request.text,
      });
      // A Page's post ids are `<page id>_<object id>`, which is how findPublished sees the video's post again.
      return { externalId: `${pageId}_${uploaded.id}`, url: `https://www.facebook.com/${pageId}/videos/${uploaded.id}` };
    }
    if (request.media.length === 1) {
      const photo = await this.#graph.post<{ id: string; post_id?: string }>(`/${pageId}/photos`, pageToken, {
        url: request.media[0]!.url,
        message: request.text,
      });
      const postId = photo.post_id ?? photo.id;
      return { externalId: postId, url: `https://www.facebook.com/${postId}` };
    }
    // Several photos: each uploaded unpublished, then attached to one feed post.
    const attached: Record<string, string> = {};
    for (const [index, media] of request.media.entries()) {
      const photo = await this.#graph.post<{ id: string }>(`/${pageId}/photos`, pageToken, { url: media.url, published: false });
      attached[`attached_media[${index}]`] = JSON.stringify({ media_fbid: photo.id });
    }
    const post = await this.#graph.post<{ id: string }>(`/${pageId}/feed`, pageToken, { message: request.text, ...attached });
    return { externalId: post.id, url: `https://www.facebook.com/${post.id}` };
  }

  /** The Graph API takes no idempotency key: the Page's posts since the attempt, by the same text. */
  async findPublished(
    accessToken: string,
    account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null> {
    const pageToken = await this.#pageToken(accessToken, account);
    const posts = await this.#graph.get<GraphPage<PagePost>>(`/${account.externalId}/posts`, pageToken, {
      fields: "id,message,created_time,permalink_url",
      since: unixSeconds(attempt.since) - 60, // a minute of slack for clocks that differ
      limit: 100,
    });
    const post = posts.data.find((candidate) => candidate.message === attempt.text);
    return post ? { externalId: post.id, url: post.permalink_url ?? `https://www.facebook.com/${post.id}` } : null;
  }

  /** Messenger conversations first, then comments on the Page's posts; the cursor says which and where. */
  async fetchInbox(accessToken: string, account: PlatformProfile, cursor: string | null): Promise<InboxPage> {
    const pageToken = await this.#pageToken(accessToken, account);
    const position = inboxPosition(cursor);
    if (position.stage === "messages") {
      const page = await this.#graph.conversations(
        pageToken,
        account.externalId,
        { id: account.externalId, platform: "messenger" },
        position.after,
        this.#inboxPageSize,
      );
      return {
        items: page.items.map(messageItem),
        cursor: page.after ? inboxCursor({ stage: "messages", after: page.after }) : inboxCursor({ stage: "comments", after: null }),
      };
    }
    const posts = await this.#graph.get<GraphPage<PagePost>>(`/${account.externalId}/posts`, pageToken, {
      fields: "id,created_time,comments.limit(50){id,message,created_time,from}",
      limit: this.#inboxPageSize,
      after: position.after ?? undefined,
    });
    const items = posts.data.flatMap((post) =>
      (post.comments?.data ?? [])
        .filter((comment) => comment.from?.id !== account.externalId)
        .map((comment): InboxItem => ({
          externalId: comment.id,
          kind: "comment",
          parentExternalId: post.id,
          authorName: comment.from?.name ?? "Facebook user",
          authorHandle: null,
          text: comment.message ?? "",
          receivedAt: new Date(comment.created_time),
        })),
    );
    const after = posts.paging?.next ? posts.paging.cursors?.after : undefined;
    return { items, cursor: after ? inboxCursor({ stage: "comments", after }) : null };
  }

  async reply(
    accessToken: string,
    account: PlatformProfile,
    item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
    text: string,
  ): Promise<{ externalId: string }> {
    const pageToken = await this.#pageToken(accessToken, account);
    if (item.kind === "message") return this.#graph.replyToMessage(pageToken, account.externalId, item.externalId, text);
    const comment = await this.#graph.post<{ id: string }>(`/${item.externalId}/comments`, pageToken, { message: text });
    return { externalId: comment.id };
  }

  /** Page actions need the Page's token, which the person's token reads from the Page itself. */
  async #pageToken(accessToken: string, account: PlatformProfile): Promise<string> {
    const page = await this.#graph.get<{ id: string; access_token?: string }>(`/${account.externalId}`, accessToken, {
      fields: "access_token",
    });
    if (!page.access_token) throw new PlatformError("facebook", "unauthorized", "Glow may no longer manage this Page");
    return page.access_token;
  }
}
