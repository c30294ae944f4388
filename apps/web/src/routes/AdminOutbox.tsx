import { errorData, errorMessage, useTRPC } from "@glow/react";
import { Button, EmptyState, ErrorMessage, formatDateTime, linkClassName, Spinner, TextField } from "@glow/ui";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { hasPermission, type Account } from "../account.ts";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { formText, usePageTitle } from "../forms.ts";

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** An email's text with its links clickable, so a developer can open verification and reset links. */
function EmailText({ text }: { text: string }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm text-slate-700">
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className={linkClassName + " break-all"}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}

function Outbox() {
  const trpc = useTRPC();
  const [recipient, setRecipient] = useState("");
  const emails = useInfiniteQuery(
    trpc.admin.outbox.list.infiniteQueryOptions(
      { limit: 20, ...(recipient ? { to: recipient } : {}) },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = emails.data?.pages.flatMap((page) => page.items) ?? [];

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRecipient(formText(new FormData(event.currentTarget), "to").trim());
  }

  if (errorData(emails.error)?.code === "FORBIDDEN") return <NoAccess screen="The outbox" />;

  return (
    <>
      <form role="search" onSubmit={filter} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Recipient" name="to" type="email" placeholder="someone@example.com" className="sm:w-80" />
        <div className="flex gap-3">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          <Button variant="secondary" busy={emails.isRefetching && !emails.isFetchingNextPage} onClick={() => void emails.refetch()}>
            Refresh
          </Button>
        </div>
      </form>
      {emails.isLoading && <Spinner label="Loading emails" />}
      {emails.error && <ErrorMessage message={errorMessage(emails.error)} onRetry={() => void emails.refetch()} />}
      {emails.data && items.length === 0 && (
        <EmptyState title={recipient ? `No emails to ${recipient}` : "No emails yet"}>
          Verification and password-reset emails land here when the server has no mail server set up.
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="flex flex-col gap-3" aria-label="Emails">
          {items.map((email) => (
            <li key={email.id} data-email>
              <article className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <h2 className="font-semibold text-slate-900">{email.subject}</h2>
                  <time className="text-xs text-slate-500" dateTime={email.createdAt.toISOString()}>
                    {formatDateTime(email.createdAt)}
                  </time>
                </header>
                <p className="break-all text-sm text-slate-600">To: {email.to}</p>
                <EmailText text={email.text} />
              </article>
            </li>
          ))}
        </ul>
      )}
      {emails.hasNextPage && (
        <Button variant="secondary" className="self-center" busy={emails.isFetchingNextPage} onClick={() => void emails.fetchNextPage()}>
          Load older emails
        </Button>
      )}
    </>
  );
}

function AdminOutbox({ account }: { account: Account }) {
  if (!hasPermission(account, { action: "read", entity: "outbox" })) return <NoAccess screen="The outbox" />;
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Outbox</h1>
        <p className="mt-1 text-slate-600">Emails the server would have sent, newest first. Open their links from here while developing.</p>
      </div>
      <Outbox />
    </>
  );
}

export function AdminOutboxPage() {
  usePageTitle("Outbox");
  return <RequireAccount>{(account) => <AdminOutbox account={account} />}</RequireAccount>;
}
