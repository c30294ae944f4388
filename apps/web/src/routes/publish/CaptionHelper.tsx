// The composer's "AI caption" button: three captions for the text written so far, on the
// first chosen account's platform and in a tone; picking one replaces the text. Each ask
// counts one of the plan's AI captions (the server refuses, naming the plan, past the limit).
import type { RouterInputs } from "@glow/api/client";
import { errorMessage, useTRPC } from "@glow/react";
import { Button, FormError } from "@glow/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

type CaptionInput = RouterInputs["publish"]["ai"]["caption"];
type Tone = CaptionInput["tone"];
const TONES: Array<{ value: Tone; label: string }> = [
  { value: "friendly", label: "Friendly" },
  { value: "professional", label: "Professional" },
  { value: "playful", label: "Playful" },
  { value: "bold", label: "Bold" },
];

export function CaptionHelper({
  orgId,
  content,
  platform,
  onPick,
}: {
  orgId: string;
  content: string;
  platform: CaptionInput["platform"];
  onPick: (caption: string) => void;
}) {
  const trpc = useTRPC();
  const [tone, setTone] = useState<Tone>("friendly");
  const caption = useMutation(trpc.publish.ai.caption.mutationOptions());
  return (
    <div className="flex flex-col gap-2" data-caption-helper>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Tone
          <select
            value={tone}
            onChange={(event) => setTone(event.target.value as Tone)}
            className="rounded-lg bg-white px-3 py-1.5 text-base text-slate-900 ring-1 ring-slate-300 sm:text-sm"
          >
            {TONES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <Button
          variant="secondary"
          busy={caption.isPending}
          disabled={!content.trim()}
          onClick={() => caption.mutate({ orgId, content: content.trim(), platform, tone })}
        >
          AI caption
        </Button>
      </div>
      <FormError message={caption.error ? errorMessage(caption.error) : null} />
      {caption.data && (
        <ul aria-label="Caption suggestions" className="flex flex-col gap-1">
          {caption.data.suggestions.map((suggestion) => (
            <li key={suggestion}>
              <button
                type="button"
                onClick={() => {
                  onPick(suggestion);
                  caption.reset();
                }}
                className="w-full rounded-lg bg-glow-50 px-3 py-2 text-left text-sm text-slate-800 hover:bg-glow-100 focus-visible:outline-2 focus-visible:outline-glow-500"
              >
                {suggestion}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
