// An exercise's video: choose a file → coach.exercises.uploadUrl → PUT it there with progress →
// the key goes with the exercise's create or update. Refusals (too big, not a video) are the
// server's words, shown beside the field.
import type { RouterInputs } from "@glow/api/client";
import { errorData, errorMessage, useTRPC } from "@glow/react";
import { Button, cn, ProgressBar } from "@glow/ui";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { UploadRefused, uploadFile } from "./upload.ts";

/** The types the server takes; whatever the browser says the file is goes as it is, so a wrong one gets the server's words. */
type VideoContentType = RouterInputs["coach"]["exercises"]["uploadUrl"]["contentType"];

/** What happens to the exercise's video on save. */
export type VideoChoice = { kind: "keep" } | { kind: "remove" } | { kind: "uploaded"; key: string; fileName: string };

type Phase =
  { step: "idle" } | { step: "uploading" | "done"; fileName: string; sent: number; total: number } | { step: "failed"; message: string };

const kilobytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The message of a refused uploadUrl call: the field it names (size, contentType, fileName), else the whole error. */
function uploadUrlProblem(error: unknown): string {
  const fields = errorData(error)?.fieldErrors;
  const named = fields && (fields.size ?? fields.contentType ?? fields.fileName ?? fields.file);
  return named?.join(" ") ?? errorMessage(error);
}

export function VideoUpload({
  orgId,
  hasVideo,
  value,
  onChange,
  onBusy,
  error,
}: {
  orgId: string;
  /** The exercise already has a video. */
  hasVideo: boolean;
  value: VideoChoice;
  onChange: (choice: VideoChoice) => void;
  /** Whether an upload is under way (the form waits for it). */
  onBusy: (busy: boolean) => void;
  /** The server's refusal of the key on save ("videoKey" / "file"). */
  error?: string | null | undefined;
}) {
  const trpc = useTRPC();
  const inputId = useId();
  const errorId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const uploadUrl = useMutation(trpc.coach.exercises.uploadUrl.mutationOptions());
  useEffect(() => () => abort.current?.abort(), []);

  async function upload(file: File) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: "uploading", fileName: file.name, sent: 0, total: file.size });
    onBusy(true);
    try {
      const target = await uploadUrl
        .mutateAsync({
          orgId,
          fileName: file.name.slice(0, 200) || "video",
          contentType: (file.type || "application/octet-stream") as VideoContentType,
          size: file.size,
        })
        .catch((refused: unknown) => {
          throw new UploadRefused(errorData(refused)?.httpStatus ?? 0, uploadUrlProblem(refused));
        });
      await uploadFile(target, file, (sent, total) => setPhase({ step: "uploading", fileName: file.name, sent, total }), controller.signal);
      setPhase({ step: "done", fileName: file.name, sent: file.size, total: file.size });
      onChange({ kind: "uploaded", key: target.key, fileName: file.name });
    } catch (failure) {
      if (failure instanceof DOMException && failure.name === "AbortError") setPhase({ step: "idle" });
      else setPhase({ step: "failed", message: failure instanceof Error ? failure.message : String(failure) });
      if (fileRef.current) fileRef.current.value = "";
    } finally {
      if (abort.current === controller) abort.current = null;
      onBusy(false);
    }
  }

  const problem = phase.step === "failed" ? phase.message : (error ?? null);
  const current =
    value.kind === "uploaded"
      ? `Uploaded ${value.fileName}: it is attached when you save.`
      : value.kind === "remove"
        ? "The video is removed when you save."
        : hasVideo
          ? "This exercise has a video."
          : "No video yet.";

  return (
    <div className="flex min-w-0 flex-col gap-2" data-video-upload>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        Video
      </label>
      <p className="text-sm text-slate-600" data-video-state>
        {current}
      </p>
      <input
        ref={fileRef}
        id={inputId}
        type="file"
        accept="video/mp4,video/webm,video/quicktime"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        disabled={phase.step === "uploading"}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
        }}
        className={cn(
          "w-full min-w-0 text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800",
          problem && "rounded-lg ring-1 ring-red-500",
        )}
      />
      <p className="text-xs text-slate-500">MP4, WebM or QuickTime.</p>
      {(phase.step === "uploading" || (phase.step === "done" && value.kind === "uploaded")) && (
        <div className="flex flex-col gap-1" data-upload={phase.step}>
          <ProgressBar value={phase.sent} max={phase.total} label={`Upload of ${phase.fileName}`} />
          <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
            <span aria-live="polite">
              {phase.step === "done" ? "Uploaded" : "Uploading"} {phase.fileName}: {kilobytes(phase.sent)} of {kilobytes(phase.total)}
            </span>
            {phase.step === "uploading" && (
              <Button variant="secondary" className="py-1" onClick={() => abort.current?.abort()}>
                Cancel upload
              </Button>
            )}
          </div>
        </div>
      )}
      {problem && (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700" data-video-problem>
          {problem}
        </p>
      )}
      {(hasVideo || value.kind === "uploaded") && value.kind !== "remove" && phase.step !== "uploading" && (
        <Button
          variant="secondary"
          className="self-start py-1.5"
          onClick={() => {
            if (fileRef.current) fileRef.current.value = "";
            onChange(hasVideo ? { kind: "remove" } : { kind: "keep" });
          }}
        >
          Remove video
        </Button>
      )}
    </div>
  );
}
