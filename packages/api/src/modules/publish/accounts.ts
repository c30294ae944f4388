// Connected social accounts (publish.accounts.*): connecting through the platform's OAuth with
// PKCE, tokens sealed at rest (core/secrets.ts), refreshed before they expire, and an account
// whose refresh is refused marked "needs reconnect" with its owners told by email.
import { createHash, randomBytes } from "node:crypto";
import type { PublishAccountModel as PublishAccount } from "@glow/db";
import type { AppServices, Caller, Context } from "../../context.ts";
import { auditRequest, recordAudit } from "../../core/audit.ts";
import { checkGauge, lockGauge } from "../../core/billing/allowance.ts";
import { FieldError, LimitReachedError, NotFoundError, PreconditionFailedError } from "../../core/errors.ts";
import { enterTenant, type Tenant } from "../../core/tenancy.ts";
import type { AccountView } from "./accounts.schemas.ts";
import { PLATFORM_NAMES, PLATFORM_RULES } from "./media.ts";
import {
  PLATFORM_IDS,
  PlatformError,
  type PlatformId,
  type PlatformProfile,
  type PlatformRules,
  type SocialPlatform,
  type TokenSet,
} from "./platforms/types.ts";

/** The contexts tokens are sealed in: a ciphertext copied to the other column does not decrypt. */
export const ACCESS_TOKEN_CONTEXT = "publish_accounts.access_token";
export const REFRESH_TOKEN_CONTEXT = "publish_accounts.refresh_token";

const CONNECT_STATE_MS = 10 * 60 * 1000;
/** A token this close to expiry is refreshed before use. */
const REFRESH_MARGIN_MS = 60 * 1000;

export type AccountsContext = Pick<Context, "db" | "ip" | "userAgent" | "platforms" | "secrets" | "config"> & { tenant: Tenant };

/** Where the platform sends the person back: the web app finishes the connection there. */
export function connectRedirectUri(services: Pick<AppServices, "config">): string {
  return `${services.config.webUrl.replace(/\/$/, "")}/publish/connected`;
}

export function platformName(platform: PlatformId): string {
  return PLATFORM_NAMES[platform];
}

export function accountView(row: PublishAccount): AccountView {
  return {
    id: row.id,
    platform: row.platform,
    handle: row.handle,
    displayName: row.displayName,
    status: row.status,
    statusReason: row.statusReason,
    tokenExpiresAt: row.tokenExpiresAt,
    lastSyncedAt: row.lastSyncedAt,
    createdAt: row.createdAt,
  };
}

export function listPlatforms(services: Pick<AppServices, "platforms">): {
  items: Array<{ id: PlatformId; name: string; rules: PlatformRules & { mediaKinds: Array<"image" | "video"> }; available: boolean }>;
} {
  return {
    items: PLATFORM_IDS.filter((id) => id !== "sandbox" || services.platforms.get(id)).map((id) => {
      const platform = services.platforms.get(id);
      return {
        id,
        name: platform?.name ?? PLATFORM_NAMES[id],
        rules: { ...(platform?.rules ?? PLATFORM_RULES[id]), mediaKinds: [...(platform?.rules ?? PLATFORM_RULES[id]).mediaKinds] },
        available: platform !== null,
      };
    }),
  };
}

export async function listAccounts(ctx: AccountsContext): Promise<{ items: AccountView[] }> {
  const rows = await ctx.tenant.run((tx) =>
    tx.publishAccount.findMany({ where: { orgId: ctx.tenant.orgId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  );
  return { items: rows.map(accountView) };
}

function configured(services: Pick<AppServices, "platforms">, platform: PlatformId, field: string): SocialPlatform {
  const provider = services.platforms.get(platform);
  if (!provider) throw new FieldError(field, `${PLATFORM_NAMES[platform]} is not set up on this server`);
  return provider;
}

const stateId = (state: string) => createHash("sha256").update(state).digest("hex");

/** Starts a connection: a single-use state (only its hash stored) and a PKCE verifier, valid for 10 minutes. */
export async function startConnect(ctx: AccountsContext, platform: PlatformId): Promise<{ authorizeUrl: string }> {
  const provider = configured(ctx, platform, "platform");
  const state = randomBytes(32).toString("base64url");
  const codeVerifier = randomBytes(32).toString("base64url");
  const now = new Date();
  await ctx.tenant.run(async (tx) => {
    await tx.publishConnectState.deleteMany({ where: { orgId: ctx.tenant.orgId, expiresAt: { lt: now } } });
    await tx.publishConnectState.create({
      data: {
        id: stateId(state),
        orgId: ctx.tenant.orgId,
        userId: ctx.tenant.userId,
        platform,
        codeVerifier,
        expiresAt: new Date(now.getTime() + CONNECT_STATE_MS),
      },
    });
  });
  return { authorizeUrl: provider.authorizeUrl({ state, codeVerifier, redirectUri: connectRedirectUri(ctx) }).toString() };
}

/** A platform's refusal or outage during a person's action, as the domain error they can act on. */
export function platformRefusal(error: unknown, field: string | null): Error {
  if (!(error instanceof PlatformError)) return error instanceof Error ? error : new Error(String(error));
  const name = PLATFORM_NAMES[error.platform];
  if (error.kind === "rate_limited") return new LimitReachedError(`${name} asks Glow to slow down; try again in a minute`);
  if (error.kind === "unavailable") return new PreconditionFailedError(`${name} is not answering right now; try again in a minute`);
  const message = `${name} refused: ${error.message}`;
  return field ? new FieldError(field, message) : new PreconditionFailedError(message);
}

/**
 * Finishes a connection from the platform's redirect: the state must be unexpired, started by
 * this caller, who is still an owner of its organization; it is spent whatever happens next.
 * The account is stored (or re-activated) with its tokens sealed, within the plan's accounts limit.
 */
export async function completeConnect(ctx: Context & { caller: Caller }, input: { state: string; code: string }): Promise<AccountView> {
  const id = stateId(input.state);
  const expired = () => new FieldError("state", "This connection has expired or was already used: connect the account again");
  const pending = await ctx.db.publishConnectState.findUnique({ where: { id } });
  if (!pending || pending.userId !== ctx.caller.userId || pending.expiresAt <= new Date()) throw expired();
  const { count } = await ctx.db.publishConnectState.deleteMany({ where: { id } });
  if (count === 0) throw expired(); // spent by a concurrent call
  const tenant = await enterTenant(ctx, pending.orgId, ctx.caller.userId, "owner");
  const provider = configured(ctx, pending.platform, "state");

  let tokens: TokenSet;
  let profile: PlatformProfile;
  try {
    tokens = await provider.exchangeCode({ code: input.code, codeVerifier: pending.codeVerifier, redirectUri: connectRedirectUri(ctx) });
    profile = await provider.profile(tokens.accessToken);
  } catch (error) {
    throw platformRefusal(error, "code");
  }

  const orgId = tenant.orgId;
  const sealed = {
    accessToken: ctx.secrets.encrypt(tokens.accessToken, ACCESS_TOKEN_CONTEXT),
    refreshToken: tokens.refreshToken === null ? null : ctx.secrets.encrypt(tokens.refreshToken, REFRESH_TOKEN_CONTEXT),
    tokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes,
  };
  const { row, reconnected } = await tenant.run(async (tx) => {
    await lockGauge(tx, orgId, "accounts");
    const key = { orgId_platform_externalId: { orgId, platform: pending.platform, externalId: profile.externalId } };
    const existing = await tx.publishAccount.findUnique({ where: key, select: { id: true } });
    if (!existing) await checkGauge(tx, orgId, "accounts", await tx.publishAccount.count({ where: { orgId } }));
    const stored = await tx.publishAccount.upsert({
      where: key,
      create: {
        orgId,
        platform: pending.platform,
        externalId: profile.externalId,
        handle: profile.handle,
        displayName: profile.displayName,
        connectedById: ctx.caller.userId,
        ...sealed,
      },
      update: { handle: profile.handle, displayName: profile.displayName, status: "active", statusReason: null, ...sealed },
    });
    return { row: stored, reconnected: existing !== null };
  });
  await auditRequest(ctx, {
    action: "publish.account.connected",
    actorId: ctx.caller.userId,
    details: { orgId, accountId: row.id, platform: row.platform, handle: row.handle, reconnected },
  });
  return accountView(row);
}

/** Removes an account, unless posts are scheduled or publishing to it (they would lose their target). */
export async function disconnectAccount(ctx: AccountsContext, accountId: string): Promise<{ id: string }> {
  const orgId = ctx.tenant.orgId;
  const row = await ctx.tenant.run(async (tx) => {
    // Locks the account so that nothing is scheduled to it while it goes.
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM publish_accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
    const account = locked ? await tx.publishAccount.findFirst({ where: { id: accountId, orgId } }) : null;
    if (!account) throw new NotFoundError("No such account");
    const pending = await tx.publishTarget.count({ where: { accountId, state: { in: ["scheduled", "publishing"] } } });
    if (pending > 0) {
      throw new PreconditionFailedError(
        `${pending} post${pending === 1 ? " is" : "s are"} scheduled to this account: cancel ${pending === 1 ? "it" : "them"} or remove the account from ${pending === 1 ? "it" : "them"} first`,
      );
    }
    await tx.publishAccount.delete({ where: { id: accountId } });
    return account;
  });
  await auditRequest(ctx, {
    action: "publish.account.disconnected",
    actorId: ctx.tenant.userId,
    details: { orgId, accountId, platform: row.platform, handle: row.handle },
  });
  return { id: accountId };
}

// ── tokens in use ──

/** An account that cannot be used until an owner connects it again. */
export class AccountNeedsReconnectError extends PreconditionFailedError {
  readonly accountId: string;

  constructor(account: Pick<PublishAccount, "id" | "platform" | "handle" | "statusReason">) {
    super(
      `Reconnect the account @${account.handle} on ${PLATFORM_NAMES[account.platform]}${account.statusReason ? ` (${account.statusReason})` : ""}`,
    );
    this.accountId = account.id;
  }
}

export interface ConnectedAccount {
  row: PublishAccount;
  platform: SocialPlatform;
  profile: PlatformProfile;
  accessToken: string;
}

type TokenServices = Pick<AppServices, "db" | "secrets" | "platforms" | "mailer" | "logger" | "config">;

/**
 * What a job needs to call the platform for an account: its provider, profile and an access
 * token, refreshed first when it expires within a minute. Throws AccountNeedsReconnectError
 * when the account needs reconnecting (or its refresh is refused now).
 */
export async function connectedAccount(services: TokenServices, account: PublishAccount): Promise<ConnectedAccount> {
  let row = account;
  if (row.status === "active" && row.refreshToken && row.tokenExpiresAt && row.tokenExpiresAt.getTime() < Date.now() + REFRESH_MARGIN_MS) {
    row = (await refreshAccountTokens(services, row.id, REFRESH_MARGIN_MS)).account ?? row;
  }
  if (row.status !== "active") throw new AccountNeedsReconnectError(row);
  const platform = services.platforms.get(row.platform);
  if (!platform) throw new PreconditionFailedError(`${PLATFORM_NAMES[row.platform]} is not set up on this server any more`);
  return {
    row,
    platform,
    profile: { externalId: row.externalId, handle: row.handle, displayName: row.displayName },
    accessToken: services.secrets.decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT),
  };
}

export type RefreshOutcome = "refreshed" | "fresh" | "needs_reconnect" | "skipped";

/**
 * Refreshes an account's tokens unless they are good for `withinMs` more (another worker may
 * just have). The account's row is locked meanwhile, so a rotating refresh token is spent once.
 * A refusal marks the account needs_reconnect; an outage (PlatformError retryable) is thrown.
 */
export async function refreshAccountTokens(
  services: TokenServices,
  accountId: string,
  withinMs: number,
): Promise<{ outcome: RefreshOutcome; account: PublishAccount | null }> {
  let refused: { account: PublishAccount; reason: string } | null = null;
  const result = await services.db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM publish_accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
      const account = await tx.publishAccount.findUnique({ where: { id: accountId } });
      if (!account || account.status !== "active" || !account.refreshToken) return { outcome: "skipped" as const, account };
      if (account.tokenExpiresAt && account.tokenExpiresAt.getTime() > Date.now() + withinMs) return { outcome: "fresh" as const, account };
      const platform = services.platforms.get(account.platform);
      if (!platform) return { outcome: "skipped" as const, account };
      let tokens: TokenSet;
      try {
        tokens = await platform.refresh(services.secrets.decrypt(account.refreshToken, REFRESH_TOKEN_CONTEXT));
      } catch (error) {
        if (!(error instanceof PlatformError) || error.retryable) throw error;
        const reason = error.message.slice(0, 300);
        const updated = await tx.publishAccount.update({
          where: { id: accountId },
          data: { status: "needs_reconnect", statusReason: reason },
        });
        refused = { account: updated, reason };
        return { outcome: "needs_reconnect" as const, account: updated };
      }
      const updated = await tx.publishAccount.update({
        where: { id: accountId },
        data: {
          accessToken: services.secrets.encrypt(tokens.accessToken, ACCESS_TOKEN_CONTEXT),
          // Platforms that do not rotate refresh tokens answer none: the old one stays valid.
          ...(tokens.refreshToken !== null ? { refreshToken: services.secrets.encrypt(tokens.refreshToken, REFRESH_TOKEN_CONTEXT) } : {}),
          tokenExpiresAt: tokens.expiresAt,
          scopes: tokens.scopes.length > 0 ? tokens.scopes : account.scopes,
        },
      });
      return { outcome: "refreshed" as const, account: updated };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  const marked = refused as { account: PublishAccount; reason: string } | null;
  if (marked) await tellOwnersToReconnect(services, marked.account, marked.reason);
  return result;
}

/**
 * Marks an account needs_reconnect after a platform refused its token (a publish or an inbox
 * sync answered unauthorized), and tells its owners once.
 */
export async function markNeedsReconnect(services: TokenServices, accountId: string, reason: string): Promise<void> {
  const statusReason = reason.slice(0, 300);
  const { count } = await services.db.publishAccount.updateMany({
    where: { id: accountId, status: "active" },
    data: { status: "needs_reconnect", statusReason },
  });
  if (count === 0) return;
  const account = await services.db.publishAccount.findUnique({ where: { id: accountId } });
  if (account) await tellOwnersToReconnect(services, account, statusReason);
}

/** The audit entry and an email to each owner of the account's organization. */
async function tellOwnersToReconnect(services: TokenServices, account: PublishAccount, reason: string): Promise<void> {
  await recordAudit(services.db, {
    action: "publish.account.needs_reconnect",
    details: { orgId: account.orgId, accountId: account.id, platform: account.platform, handle: account.handle, reason },
  });
  const [organization, owners] = await Promise.all([
    services.db.organization.findUnique({ where: { id: account.orgId }, select: { name: true } }),
    services.db.orgMembership.findMany({
      where: { orgId: account.orgId, role: "owner", user: { deactivatedAt: null, email: { not: null } } },
      select: { user: { select: { email: true, name: true } } },
    }),
  ]);
  const name = PLATFORM_NAMES[account.platform];
  const link = `${services.config.webUrl.replace(/\/$/, "")}/publish/accounts`;
  for (const { user } of owners) {
    try {
      await services.mailer.send({
        to: user.email!,
        subject: `Reconnect @${account.handle} on ${name} in Glow`,
        text:
          `Hello ${user.name},\n\n${name} no longer accepts Glow's access to @${account.handle}` +
          `${organization ? ` in ${organization.name}` : ""} (${reason}). Posts to it will not be published, and its messages ` +
          `will not arrive, until you connect it again:\n\n${link}\n`,
      });
    } catch (error) {
      services.logger.warn({ err: error, accountId: account.id }, "could not send the reconnect email");
    }
  }
}
