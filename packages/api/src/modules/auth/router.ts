import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, publicProcedure } from "../../trpc.ts";
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
import * as auth from "./service.ts";

const ok = z.object({ ok: z.literal(true) });

export const authRouter = {
  register: publicProcedure.input(registerInput).output(signedInOutput).mutation(({ ctx, input }) => auth.register(ctx, input)),
  login: publicProcedure.input(loginInput).output(signedInOutput).mutation(({ ctx, input }) => auth.login(ctx, input)),
  logout: publicProcedure.input(z.void()).output(ok).mutation(({ ctx }) => auth.logout(ctx)),
  me: publicProcedure
    .input(z.void())
    .output(accountOutput.nullable())
    .query(({ ctx }) => (ctx.session ? auth.loadAccount(ctx, ctx.session.userId) : null)),

  profile: {
    update: authedProcedure
      .input(updateProfileInput)
      .output(accountOutput)
      .mutation(({ ctx, input }) => auth.updateProfile(ctx, ctx.session.userId, input.name)),
  },

  sessions: {
    list: authedProcedure
      .input(z.void())
      .output(z.array(sessionOutput))
      .query(({ ctx }) => auth.listSessions(ctx, ctx.session.userId, ctx.session.sessionId)),
    revoke: authedProcedure
      .input(revokeSessionInput)
      .output(ok)
      .mutation(({ ctx, input }) => auth.revokeSession(ctx, ctx.session.userId, input.id)),
    revokeOthers: authedProcedure
      .input(z.void())
      .output(z.object({ revoked: z.number() }))
      .mutation(({ ctx }) => auth.revokeOtherSessions(ctx, ctx.session.userId, ctx.session.sessionId)),
  },

  password: {
    change: authedProcedure.input(changePasswordInput).output(ok).mutation(({ ctx, input }) => auth.changePassword(ctx, ctx.session, input)),
    requestReset: publicProcedure.input(requestResetInput).output(ok).mutation(({ ctx, input }) => auth.requestPasswordReset(ctx, input.email)),
    reset: publicProcedure.input(resetPasswordInput).output(ok).mutation(({ ctx, input }) => auth.resetPassword(ctx, input)),
  },

  email: {
    verify: publicProcedure.input(verifyEmailInput).output(ok).mutation(({ ctx, input }) => auth.verifyEmail(ctx, input.token)),
    resendVerification: authedProcedure
      .input(z.void())
      .output(z.object({ sent: z.boolean() }))
      .mutation(({ ctx }) => auth.resendVerification(ctx, ctx.session.userId)),
  },

  oauth: {
    providers: publicProcedure
      .input(z.void())
      .output(z.array(z.object({ id: oauthProvider, label: z.string() })))
      .query(({ ctx }) => ctx.oauth.enabled()),
    start: publicProcedure
      .input(oauthStartInput)
      .output(z.object({ url: z.url() }))
      .mutation(({ ctx, input }) => startOAuth(ctx, input.provider, input)),
    exchange: publicProcedure
      .input(oauthExchangeInput)
      .output(signedInOutput)
      .mutation(({ ctx, input }) => exchangeDesktopCode(ctx, input.code, input.codeVerifier)),
  },
} satisfies TRPCRouterRecord;
