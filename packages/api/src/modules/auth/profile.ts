// The account's profile (auth.profile.*): what others see of the person.
import type { Context } from "../../context.ts";
import type { Account } from "./schemas.ts";
import { loadAccount } from "./service.ts";

export async function updateProfile(ctx: Context, userId: string, name: string): Promise<Account> {
  await ctx.db.user.update({ where: { id: userId }, data: { name } });
  return loadAccount(ctx, userId);
}
