import type { RouterOutputs } from "@glow/api/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type UserPage = RouterOutputs["admin"]["users"]["list"];

/**
 * The user id a filter means: an id as it is, or the account with exactly this email
 * (looked up with admin.users.list). Null when nobody has that email.
 */
export async function resolveUserFilter(
  text: string,
  search: (email: string) => Promise<UserPage>,
): Promise<{ userId: string } | { error: string } | null> {
  const value = text.trim();
  if (!value) return null;
  if (UUID.test(value)) return { userId: value.toLowerCase() };
  if (!value.includes("@")) return { error: "Enter an email address or a user id" };
  const page = await search(value);
  const user = page.items.find((candidate) => candidate.email?.toLowerCase() === value.toLowerCase());
  return user ? { userId: user.id } : { error: `No user with the email ${value}` };
}
