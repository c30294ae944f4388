import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { authedProcedure, publicProcedure, rest, sessionProcedure } from "../../trpc.ts";
import { createApiToken, listApiTokens, revokeApiToken, TOKEN_SCOPES } from "./tokens.ts";
import { setCookies, type WithCookies } from "../../core/cookies.ts";
import { exchangeDesktopCode, startOAuth } from "./oauth/service.ts";
import {
  accountOutput,
  changePasswordInput,
  loginInput,
  oauthExchangeInput,
  oauthProvider,
  oauthStartInput,
  registerInput,
  requestResetInput,
  resetPasswordInput,
  revokeSessionInput,
  sessionOutput,
  signedInOutput,
  updateProfileInput,
  verifyEmailInput,
} from "./schemas.ts";
import { resendVerification, verifyEmail } from "./email.ts";
import { changePassword, requestPasswordReset, resetPassword } from "./password.ts";
import { updateProfile } from "./profile.ts";
import { loadAccount, login, logout, register } from "./service.ts";
import { listSessions, revokeOtherSessions, revokeSession } from "./sessions.ts";

/** What a mutation did: `{ revoked: true }`, `{ signedOut: true }`. */
const did = <K extends string>(what: K) => z.object({ [what]: z.literal(true) } as Record<K, z.ZodLiteral<true>>);

/** Sets the cookies a service asked for and answers the rest: services never touch the response. */
function withCookies<T extends object>(ctx: Context, { cookies, ...answer }: WithCookies<T>): Omit<T, "cookies"> {
  setCookies(ctx.response, cookies, ctx.secure);
  return answer;
}

const createTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token").max(60),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "Pick at least one scope").max(3),
  expiresAt: z
    .date()
    .refine((date) => date.getTime() > Date.now(), "Pick a date in the future")
    .refine((date) => date.getTime() < Date.now() + 366 * 86_400_000, "At most a year ahead")
    .optional(),
});
const tokenOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
});

export const authRouter = {
  register: publicProcedure
    .input(registerInput)
    .output(signedInOutput)
    .mutation(async ({ ctx, input }) => withCookies(ctx, await register(ctx, input))),
  login: publicProcedure
    .input(loginInput)
    .output(signedInOutput)
    .mutation(async ({ ctx, input }) => withCookies(ctx, await login(ctx, input))),
  logout: publicProcedure
    .input(z.void())
    .output(did("signedOut"))
    .mutation(async ({ ctx }) => withCookies(ctx, await logout(ctx))),
  me: publicProcedure
    .meta(rest("GET", "/me", "The signed-in account, or null", { tag: "account", optionalCredential: true }))
    .input(z.void())
    .output(accountOutput.nullable())
    .query(({ ctx }) => (ctx.caller ? loadAccount(ctx, ctx.caller.userId) : null)),

  profile: {
    update: authedProcedure
      .input(updateProfileInput)
      .output(accountOutput)
      .mutation(({ ctx, input }) => updateProfile(ctx, ctx.caller.userId, input.name)),
  },

  sessions: {
    list: sessionProcedure
      .input(z.void())
      .output(z.array(sessionOutput))
      .query(({ ctx }) => listSessions(ctx, ctx.caller.userId, ctx.caller.sessionId)),
    revoke: sessionProcedure
      .input(revokeSessionInput)
      .output(did("revoked"))
      .mutation(async ({ ctx, input }) => withCookies(ctx, await revokeSession(ctx, ctx.caller.userId, input.id))),
    revokeOthers: sessionProcedure
      .input(z.void())
      .output(z.object({ revoked: z.number() }))
      .mutation(({ ctx }) => revokeOtherSessions(ctx, ctx.caller.userId, ctx.caller.sessionId)),
  },

  password: {
    change: sessionProcedure
      .input(changePasswordInput)
      .output(did("changed"))
      .mutation(({ ctx, input }) => changePassword(ctx, ctx.caller, input)),
    requestReset: publicProcedure
      .input(requestResetInput)
      .output(did("requested"))
      .mutation(({ ctx, input }) => requestPasswordReset(ctx, input.email)),
    reset: publicProcedure
      .input(resetPasswordInput)
      .output(did("reset"))
      .mutation(({ ctx, input }) => resetPassword(ctx, input)),
  },

  email: {
    verify: publicProcedure
      .input(verifyEmailInput)
      .output(did("verified"))
      .mutation(({ ctx, input }) => verifyEmail(ctx, input.token)),
    resendVerification: authedProcedure
      .input(z.void())
      .output(z.object({ sent: z.boolean() }))
      .mutation(({ ctx }) => resendVerification(ctx, ctx.caller.userId)),
  },

  tokens: {
    create: sessionProcedure
      .input(createTokenInput)
      .output(tokenOutput.extend({ token: z.string() }))
      .mutation(({ ctx, input }) => createApiToken(ctx, ctx.caller, input)),
    list: sessionProcedure
      .input(z.void())
      .output(z.array(tokenOutput))
      .query(({ ctx }) => listApiTokens(ctx, ctx.caller.userId)),
    revoke: sessionProcedure
      .input(z.object({ id: z.uuid("Not a token id") }))
      .output(did("revoked"))
      .mutation(({ ctx, input }) => revokeApiToken(ctx, ctx.caller.userId, input.id)),
  },

  oauth: {
    providers: publicProcedure
      .input(z.void())
      .output(z.array(z.object({ id: oauthProvider, label: z.string() })))
      .query(({ ctx }) => ctx.oauth.enabled()),
    start: publicProcedure
      .input(oauthStartInput)
      .output(z.object({ url: z.url() }))
      .mutation(async ({ ctx, input }) => withCookies(ctx, await startOAuth(ctx, input.provider, input))),
    exchange: publicProcedure
      .input(oauthExchangeInput)
      .output(signedInOutput)
      .mutation(async ({ ctx, input }) => withCookies(ctx, await exchangeDesktopCode(ctx, input.code, input.codeVerifier))),
  },
} satisfies TRPCRouterRecord;
