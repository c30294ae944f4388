// The composer's "AI caption" button for both apps: a popover with a tone, three captions for
// the text so far on one platform, and a click to use one. Each ask counts one of the plan's
// AI captions; past the limit the server refuses, naming the plan (PlanLimitNotice shows it).
import type { RouterInputs } from "@glow/api/client";
import { Button, FormError } from "@glow/ui";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useDescribeError } from "./provider.tsx";
import { PlanLimitNotice, planLimitOf } from "./publish-plan.tsx";
import { useTRPC } from "./trpc.ts";

type CaptionInput = RouterInputs["publish"]["ai"]["caption"];
export type CaptionTone = CaptionInput["tone"];
export const CAPTION_TONES: ReadonlyArray<{ value: CaptionTone; label: string }> = [
  { value: "friendly", label: "Friendly" },
  { value: "professional", label: "Professional" },
  { value: "playful", label: "Playful" },
  { value: "bold", label: "Bold" },
];

/** The popover itself, given how to ask (the real procedure or the demo's): for AiCaptionButton and the demo. */
export function AiCaptionPopover({
  content,
  ask,
  onPick,
  planLink,
  label = "AI caption",
}: {
  content: string;
  ask: (tone: CaptionTone) => Promise<{ suggestions: string[] }>;
  onPick: (caption: string) => void;
  /** Where a plan-limit refusal leads (the app's link to its plan page). */
  planLink?: ReactNode;
  label?: string;
}) {
  const describeError = useDescribeError();
  const [open, setOpen] = useState(false);
  const [tone, setTone] = useState<CaptionTone>("friendly");
  const caption = useMutation({ mutationFn: (chosen: CaptionTone) => ask(chosen) });
  const panelId = useId();
  const toneId = useId();
  const root = useRef<HTMLDivElement>(null);
  // Escape or a click outside closes it, as popovers do.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    const onClick = (event: MouseEvent) => root.current && !root.current.contains(event.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  const empty = !content.trim();
  return (
    <div ref={root} className="relative inline-flex flex-col" data-ai-caption>
      <Button
        variant="secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        disabled={empty}
        title={empty ? "Write something first" : undefined}
      >
        {label}
      </Button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="AI caption suggestions"
          className="absolute top-full left-0 z-20 mt-2 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-3 rounded-xl bg-white p-4 shadow-lg ring-1 ring-slate-200"
        >
          <div className="flex items-end gap-2">
            <div className="flex flex-1 flex-col gap-1">
              <label htmlFor={toneId} className="text-sm font-medium text-slate-700">
                Tone
              </label>
              <select
                id={toneId}
                value={tone}
                onChange={(event) => setTone(event.target.value as CaptionTone)}
                className="rounded-lg bg-white px-3 py-1.5 text-base text-slate-900 ring-1 ring-slate-300 sm:text-sm"
              >
                {CAPTION_TONES.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </div>
            <Button busy={caption.isPending} onClick={() => caption.mutate(tone)}>
              {caption.data ? "Again" : "Suggest"}
            </Button>
          </div>
          {caption.error &&
            (planLimitOf(caption.error) ? (
              <PlanLimitNotice error={caption.error} link={planLink} />
            ) : (
              <FormError message={describeError(caption.error)} />
            ))}
          {caption.data && (
            <ul aria-label="Caption suggestions" className="flex flex-col gap-2">
              {caption.data.suggestions.map((suggestion) => (
                <li key={suggestion}>
                  <button
                    type="button"
                    onClick={() => {
                      onPick(suggestion);
                      caption.reset();
                      setOpen(false);
                    }}
                    className="w-full rounded-lg bg-glow-50 px-3 py-2 text-left text-sm break-words text-slate-800 hover:bg-glow-100 focus-visible:outline-2 focus-visible:outline-glow-500"
                  >
                    {suggestion}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** "AI caption" for a workspace: publish.ai.caption on the text written so far (staff and owners). */
export function AiCaptionButton({
  orgId,
  content,
  platform,
  onPick,
  planLink,
}: {
  orgId: string;
  content: string;
  platform: CaptionInput["platform"];
  onPick: (caption: string) => void;
  planLink?: ReactNode;
}) {
  const trpc = useTRPC();
  const caption = useMutation(trpc.publish.ai.caption.mutationOptions());
  return (
    <AiCaptionPopover
      content={content}
      onPick={onPick}
      planLink={planLink}
      ask={(tone) => caption.mutateAsync({ orgId, content: content.trim(), platform, tone })}
    />
  );
}
