// Publish's inbox as it looks, for both apps and the demo: the account filter with unread
// counts, and each message or comment with its reply (or a box to write one). Data comes in
// as props; the data-bound PublishInbox (packages/react) and the demo pass their own.
import { useId, useState, type FormEvent } from "react";
import { Badge } from "../Badge.tsx";
import { Button } from "../Button.tsx";
import { cn } from "../cn.ts";
import { FormError } from "../FormError.tsx";
import { formatDateTime, formatRelativeTime } from "../format.ts";
import { LinkButton } from "../LinkButton.tsx";

export interface InboxMessage {
  id: string;
  accountId: string;
  platform: string;
  accountHandle: string;
  kind: "message" | "comment";
  authorName: string;
  authorHandle: string | null;
  text: string;
  receivedAt: Date;
  readAt: Date | null;
  reply: { text: string; at: Date; byName: string } | null;
}

export interface InboxAccountChoice {
  id: string;
  /** "@maya.makes · Instagram" */
  label: string;
  unread: number;
}

const chipClassName = (active: boolean) =>
  cn(
    "inline-flex shrink-0 items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ring-1",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500",
    active ? "bg-glow-600 text-white ring-glow-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
  );

function UnreadCount({ count, active }: { count: number; active: boolean }) {
  if (count === 0) return null;
  return (
    <span
      data-unread-count={count}
      className={cn("rounded-full px-1.5 text-xs font-semibold", active ? "bg-white/25 text-white" : "bg-glow-100 text-glow-700")}
    >
      {count}
      <span className="sr-only"> unread</span>
    </span>
  );
}

/** Which account's messages to show (all, or one, each with its unread count) and whether only the unread. */
export function InboxFilters({
  accounts,
  totalUnread,
  accountId,
  onAccountChange,
  unreadOnly,
  onUnreadOnlyChange,
}: {
  accounts: readonly InboxAccountChoice[];
  totalUnread: number;
  accountId: string | null;
  onAccountChange: (accountId: string | null) => void;
  unreadOnly: boolean;
  onUnreadOnlyChange: (unreadOnly: boolean) => void;
}) {
  const unreadId = useId();
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <div role="group" aria-label="Accounts" className="-mx-1 flex flex-wrap gap-2 px-1">
        <button
          type="button"
          aria-pressed={accountId === null}
          className={chipClassName(accountId === null)}
          onClick={() => onAccountChange(null)}
        >
          All accounts <UnreadCount count={totalUnread} active={accountId === null} />
        </button>
        {accounts.map((account) => (
          <button
            key={account.id}
            type="button"
            data-account-filter={account.id}
            aria-pressed={accountId === account.id}
            className={chipClassName(accountId === account.id)}
            onClick={() => onAccountChange(account.id)}
          >
            <span className="max-w-48 truncate">{account.label}</span>{" "}
            <UnreadCount count={account.unread} active={accountId === account.id} />
          </button>
        ))}
      </div>
      <div className="flex items-center gap-2">
        <input
          id={unreadId}
          type="checkbox"
          checked={unreadOnly}
          onChange={(event) => onUnreadOnlyChange(event.target.checked)}
          className="size-4 accent-glow-600"
        />
        <label htmlFor={unreadId} className="text-sm font-medium text-slate-700">
          Unread only
        </label>
      </div>
    </div>
  );
}

function ReplyBox({
  message,
  onReply,
  describeError,
}: {
  message: InboxMessage;
  onReply: (text: string) => Promise<unknown>;
  describeError: (error: unknown) => string;
}) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = useId();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) return setProblem("Write a reply first.");
    setSending(true);
    setProblem(null);
    try {
      await onReply(text.trim());
      setText("");
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setSending(false);
    }
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-2" aria-label={`Reply to ${message.authorName}`}>
      <label htmlFor={fieldId} className="sr-only">
        Reply to {message.authorName}
      </label>
      <textarea
        id={fieldId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={2}
        maxLength={5000}
        placeholder={message.kind === "comment" ? "Answer this comment" : "Write a reply"}
        aria-invalid={problem ? true : undefined}
        className={cn(
          "w-full min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 sm:text-sm",
          "focus:outline-2 focus:outline-offset-0 focus:outline-glow-500",
          problem ? "ring-red-500" : "ring-slate-300",
        )}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" className="py-1" busy={sending}>
          Reply
        </Button>
        <FormError message={problem} />
      </div>
    </form>
  );
}

function InboxMessageItem({
  message,
  platformName,
  canAnswer,
  onMarkRead,
  onReply,
  describeError,
}: {
  message: InboxMessage;
  platformName: string;
  canAnswer: boolean;
  onMarkRead: (messageId: string) => void;
  onReply: (messageId: string, text: string) => Promise<unknown>;
  describeError: (error: unknown) => string;
}) {
  const unread = message.readAt === null;
  return (
    <li
      data-message={message.id}
      data-unread={unread}
      className={cn(
        "flex min-w-0 flex-col gap-2 rounded-xl p-4 ring-1",
        unread ? "bg-glow-50/60 ring-glow-500/30" : "bg-white ring-slate-200",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">
            {message.authorName}
            {message.authorHandle && <span className="font-normal text-slate-500"> @{message.authorHandle}</span>}
          </p>
          <p className="text-xs text-slate-500">
            {message.kind === "comment" ? "Comment" : "Message"} to @{message.accountHandle} on {platformName} ·{" "}
            <time dateTime={message.receivedAt.toISOString()} title={formatDateTime(message.receivedAt)}>
              {formatRelativeTime(message.receivedAt)}
            </time>
          </p>
        </div>
        <div className="flex items-center gap-2">
          {unread && <Badge tone="glow">Unread</Badge>}
          {unread && canAnswer && (
            <LinkButton onClick={() => onMarkRead(message.id)} aria-label={`Mark the message from ${message.authorName} read`}>
              Mark read
            </LinkButton>
          )}
        </div>
      </div>
      <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{message.text}</p>
      {message.reply ? (
        <div data-reply className="ml-3 flex flex-col gap-1 border-l-2 border-glow-500/40 pl-3">
          <p className="text-xs text-slate-500">
            {message.reply.byName} replied · {formatRelativeTime(message.reply.at)}
          </p>
          <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{message.reply.text}</p>
        </div>
      ) : (
        canAnswer && <ReplyBox message={message} onReply={(text) => onReply(message.id, text)} describeError={describeError} />
      )}
    </li>
  );
}

/** Messages and comments, newest first; staff and owners mark them read and reply (`canAnswer`). */
export function InboxMessageList({
  messages,
  platformNames = {},
  canAnswer,
  onMarkRead,
  onReply,
  describeError,
}: {
  messages: readonly InboxMessage[];
  /** Platform id → its name ("x" → "X"); the id when missing. */
  platformNames?: Readonly<Record<string, string>>;
  canAnswer: boolean;
  onMarkRead: (messageId: string) => void;
  /** Resolves once the reply is sent; a rejection is shown under the box (`describeError` words it). */
  onReply: (messageId: string, text: string) => Promise<unknown>;
  describeError: (error: unknown) => string;
}) {
  return (
    <ul aria-label="Inbox" className="flex flex-col gap-3">
      {messages.map((message) => (
        <InboxMessageItem
          key={message.id}
          message={message}
          platformName={platformNames[message.platform] ?? message.platform}
          canAnswer={canAnswer}
          onMarkRead={onMarkRead}
          onReply={onReply}
          describeError={describeError}
        />
      ))}
    </ul>
  );
}
