import type { TRPCRouterRecord } from "@trpc/server";
import { authedProcedure, tenantProcedure } from "../../trpc.ts";
import { completeConnect, disconnectAccount, listAccounts, listPlatforms, startConnect } from "./accounts.ts";
import {
  accountIdInput,
  accountOutput,
  accountsOutput,
  completeConnectInput,
  connectInput,
  connectOutput,
  disconnectOutput,
  platformsOutput,
} from "./accounts.schemas.ts";

// Owners connect and disconnect; everyone in the organization sees the accounts.
export const accountsRouter = {
  /** The platforms this server can connect to (configured credentials, or the local sandbox). */
  platforms: tenantProcedure("client")
    .output(platformsOutput)
    .query(({ ctx }) => listPlatforms(ctx)),
  list: tenantProcedure("client")
    .output(accountsOutput)
    .query(({ ctx }) => listAccounts(ctx)),
  /** Where to send the owner to approve Glow on the platform; the platform sends them back to the web app's /publish/connected. */
  connect: tenantProcedure("owner")
    .input(connectInput)
    .output(connectOutput)
    .mutation(({ ctx, input }) => startConnect(ctx, input.platform)),
  /** The web app's /publish/connected hands over the code and state the platform sent back. */
  completeConnect: authedProcedure
    .input(completeConnectInput)
    .output(accountOutput)
    .mutation(({ ctx, input }) => completeConnect(ctx, input)),
  disconnect: tenantProcedure("owner")
    .input(accountIdInput)
    .output(disconnectOutput)
    .mutation(({ ctx, input }) => disconnectAccount(ctx, input.accountId)),
} satisfies TRPCRouterRecord;
