import { linkClassName, Notice } from "@glow/ui";
import { Link } from "react-router";
import type { Account } from "../account.ts";

/** Asks a person to confirm their email address until they have. */
export function EmailReminder({ account }: { account: Account }) {
  if (!account.email || account.emailVerified) return null;
  return (
    <Notice tone="warning">
      <p>
        Please confirm your email address: we sent a link to <strong>{account.email}</strong>.{" "}
        <Link to="/settings" className={linkClassName}>
          Send a new link
        </Link>
      </p>
    </Notice>
  );
}
