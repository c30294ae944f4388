// What Instagram and Facebook Pages share: Meta's Graph API (one host, one error body, one
// rate-limit scheme) and Facebook Login, which has no refresh token — a long-lived user token
// is exchanged for a fresh one (fb_exchange_token), so that token is also the "refresh token".
import { createHmac } from "node:crypto";
import { callPlatform, decodeCursor, encodeCursor, type ErrorDialect } from "./http.ts";
import { PlatformError, type InboxItem, type PlatformCredentials, type PlatformId, type TokenSet } from "./types.ts";

export const GRAPH_VERSION = "v21.0";

/** Meta's error body: `{ error: { message, type, code, error_subcode, is_transient, fbtrace_id } }`. */
interface GraphErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean };
}

/** Graph API throttling codes: application (4), user (17), page (32), custom (613), Instagram publish limit (9). */
const THROTTLING_CODES = new Set([4, 9, 17, 32, 613]);

export type GraphParams = Record<string, string | number | boolean | undefined>;

export interface GraphPage<T> {
  data: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

export class MetaGraph {
  readonly #platform: PlatformId;
  readonly #credentials: PlatformCredentials;
  readonly #api: string;
  readonly #auth: string;

  constructor(platform: PlatformId, credentials: PlatformCredentials) {
    this.#platform = platform;
    this.#credentials = credentials;
    this.#api = `${(credentials.apiBaseUrl ?? "https://graph.facebook.com").replace(/\/+$/, "")}/${GRAPH_VERSION}`;
    this.#auth = `${(credentials.authBaseUrl ?? "https://www.facebook.com").replace(/\/+$/, "")}/${GRAPH_VERSION}`;
  }

  /** Facebook Login's dialog; Meta does not support PKCE, so `state` alone protects the redirect. */
  authorizeUrl(input: { state: string; redirectUri: string; scopes: string[] }): URL {
    const url = new URL(`${this.#auth}/dialog/oauth`);
    url.search = new URLSearchParams({
      client_id: this.#credentials.clientId,
      redirect_uri: input.redirectUri,
      state: input.state,
      response_type: "code",
      scope: input.scopes.join(","),
    }).toString();
    return url;
  }

  /** The code's short-lived user token, exchanged at once for a long-lived one (about 60 days). */
  async exchangeCode(input: { code: string; redirectUri: string }, scopes: string[]): Promise<TokenSet> {
    const short = await this.#token({ code: input.code, redirect_uri: input.redirectUri });
    return this.refresh(short.access_token, scopes);
  }

  async refresh(longLivedToken: string, scopes: string[]): Promise<TokenSet> {
    const token = await this.#token({ grant_type: "fb_exchange_token", fb_exchange_token: longLivedToken });
    return {
      accessToken: token.access_token,
      refreshToken: token.access_token,
      expiresAt: token.expires_in ? new Date(Date.now() + token.expires_in * 1000) : null,
      scopes,
    };
  }

  async #token(params: Record<string, string>): Promise<{ access_token: string; expires_in?: number }> {
    return this.get("/oauth/access_token", null, {
      client_id: this.#credentials.clientId,
      client_secret: this.#credentials.clientSecret,
      ...params,
    });
  }

  get<T>(path: string, accessToken: string | null, params: GraphParams = {}): Promise<T> {
    return this.#send<T>("GET", path, accessToken, params);
  }

  /** Graph writes take form-encoded parameters (nested values as JSON strings). */
  post<T>(path: string, accessToken: string, params: GraphParams): Promise<T> {
    return this.#send<T>("POST", path, accessToken, params);
  }

  async #send<T>(method: "GET" | "POST", path: string, accessToken: string | null, params: GraphParams): Promise<T> {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) if (value !== undefined) values[key] = String(value);
    // Proves the token is used by this app's server, so a leaked token alone cannot call the API ("Require App Secret").
    if (accessToken) values.appsecret_proof = appSecretProof(accessToken, this.#credentials.clientSecret);
    const url = new URL(`${this.#api}${path}`);
    if (method === "GET") url.search = new URLSearchParams(values).toString();
    const answer = await callPlatform<T>(this.#platform, graphDialect, {
      method,
      url,
      accessToken,
      form: method === "POST" ? values : undefined,
    });
    return answer.body;
  }

  /** The Facebook Pages the person manages, with each Page's own access token (and its Instagram account). */
  async pages(accessToken: string): Promise<ManagedPage[]> {
    const page = await this.get<GraphPage<ManagedPage>>("/me/accounts", accessToken, {
      fields: "id,name,username,access_token,instagram_business_account{id,username,name}",
      limit: 100,
    });
    return page.data;
  }

  /** One page of a Page's conversations (Messenger, or Instagram Direct for the Page's IG account), as inbox messages. */
  async conversations(
    pageToken: string,
    pageId: string,
    owner: { id: string; platform: "messenger" | "instagram" },
    after: string | null,
    limit: number,
  ): Promise<{ items: GraphMessage[]; after: string | null }> {
    const page = await this.get<GraphPage<{ id: string; messages?: GraphPage<GraphMessage> }>>(`/${pageId}/conversations`, pageToken, {
      platform: owner.platform,
      fields: "id,updated_time,messages.limit(25){id,message,from,created_time}",
      limit,
      after: after ?? undefined,
    });
    const items = page.data.flatMap((conversation) => conversation.messages?.data ?? []).filter((message) => message.from?.id !== owner.id);
    return { items, after: page.paging?.next ? (page.paging.cursors?.after ?? null) : null };
  }

  /** Replies to the sender of a direct message, within Meta's 24-hour standard messaging window. */
  async replyToMessage(pageToken: string, pageId: string, messageId: string, text: string): Promise<{ externalId: string }> {
    const message = await this.get<GraphMessage>(`/${messageId}`, pageToken, { fields: "id,from" });
    if (!message.from?.id) throw new PlatformError(this.#platform, "rejected", "The message has no sender to answer");
    const sent = await this.post<{ recipient_id: string; message_id: string }>(`/${pageId}/messages`, pageToken, {
      recipient: JSON.stringify({ id: message.from.id }),
      message: JSON.stringify({ text }),
      messaging_type: "RESPONSE",
    });
    return { externalId: sent.message_id };
  }
}

export interface ManagedPage {
  id: string;
  name: string;
  username?: string;
  access_token: string;
  instagram_business_account?: { id: string; username?: string; name?: string };
}

export interface GraphMessage {
  id: string;
  message?: string;
  created_time: string;
  from?: { id: string; name?: string; username?: string; email?: string };
}

/** Meta's own reset estimate, in minutes per business use case (Retry-After, when sent, comes first). */
function usageResetMs(headers: Headers): number | null {
  const usage = headers.get("x-business-use-case-usage");
  if (!usage) return null;
  try {
    const byBusiness = JSON.parse(usage) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const minutes = Math.max(
      0,
      ...Object.values(byBusiness)
        .flat()
        .map((entry) => entry.estimated_time_to_regain_access ?? 0),
    );
    return minutes > 0 ? minutes * 60_000 : null;
  } catch {
    return null; // a malformed header says nothing
  }
}

const graphErrorOf = (body: unknown): GraphErrorBody["error"] | undefined =>
  body && typeof body === "object" && "error" in body && typeof body.error === "object" ? (body as GraphErrorBody).error : undefined;

/** Meta says what went wrong in `error.code` more than in the status (a throttled call is often a 400). */
export const graphDialect: ErrorDialect = {
  messageOf: (body) => graphErrorOf(body)?.message,
  retryAfterMs: (headers) => usageResetMs(headers),
  classify(status, body) {
    const error = graphErrorOf(body);
    if (!error) return null;
    if (error.code !== undefined && THROTTLING_CODES.has(error.code)) return "rate_limited";
    if (error.code === 190 || error.code === 102) return "unauthorized"; // the token expired or was revoked
    if (status >= 500 || error.is_transient || error.code === 2) return "unavailable";
    return status === 401 ? "unauthorized" : status === 429 ? "rate_limited" : "rejected";
  },
};

export const appSecretProof = (accessToken: string, appSecret: string): string =>
  createHmac("sha256", appSecret).update(accessToken).digest("hex");

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Inbox cursors walk two Graph listings in turn: the Page's conversations, then its posts' comments. */
export interface InboxPosition {
  stage: "messages" | "comments";
  after: string | null;
}

export const inboxPosition = (cursor: string | null): InboxPosition =>
  decodeCursor<InboxPosition>(cursor, { stage: "messages", after: null });
export const inboxCursor = (position: InboxPosition): string => encodeCursor(position);

/** A direct message as an inbox item. */
export function messageItem(message: GraphMessage): InboxItem {
  return {
    externalId: message.id,
    kind: "message",
    parentExternalId: null,
    authorName: message.from?.name ?? message.from?.username ?? "Someone",
    authorHandle: message.from?.username ?? null,
    text: message.message ?? "",
    receivedAt: new Date(message.created_time),
  };
}
