// The "Add a …" form above each curation table: fields from the section, the rest here.
import { useCatalogChanged } from "@glow/react";
import { Button, FormError, Notice } from "@glow/ui";
import { useRef, type FormEvent, type ReactNode } from "react";
import { useFocusFirstInvalid } from "../../forms.ts";

export function CreateForm<Created>({
  title,
  create,
  alert,
  added,
  submitLabel,
  onSubmit,
  onCreated,
  children,
}: {
  /** The heading, and the form's accessible name, e.g. "Add a creator". */
  title: string;
  create: { isPending: boolean; error: unknown; data?: Created | undefined };
  /** What went wrong that no field shows. */
  alert: string | null;
  /** The confirmation once the server created it. */
  added(created: Created): string;
  submitLabel: string;
  /** Sends the form's data; resolves once the server created it. */
  onSubmit(data: FormData): Promise<unknown>;
  /** Resets what the inputs do not hold, e.g. a controlled checkbox. */
  onCreated?(): void;
  children: ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const changed = useCatalogChanged();
  useFocusFirstInvalid(formRef, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget)).then(
      () => {
        formRef.current?.reset();
        onCreated?.();
        changed();
      },
      // A refusal is shown from `create.error`, beside its field or in the alert.
      () => {},
    );
  }

  return (
    <div className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <form ref={formRef} noValidate onSubmit={submit} aria-label={title} className="flex flex-col gap-3">
        {children}
        <FormError message={alert} />
        {create.data !== undefined && !create.isPending && !create.error && <Notice tone="success">{added(create.data)}</Notice>}
        <Button type="submit" className="self-start" busy={create.isPending}>
          {submitLabel}
        </Button>
      </form>
    </div>
  );
}
