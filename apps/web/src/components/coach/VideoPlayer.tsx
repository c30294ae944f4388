// An exercise's video through its short-lived signed URL (coach.videos.streamUrl, 5 minutes).
// When the URL has expired the file server refuses the next range request: the player asks
// for a fresh URL and carries on where it was. Watching is recorded (coach.progress.record)
// every ~10 seconds of playback, on pause, and on the end (completed).
import { errorMessage, useTRPC } from "@glow/react";
import { ErrorMessage, Spinner } from "@glow/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

/** Seconds of playback between two progress records. */
export const RECORD_EVERY_SECONDS = 10;
/** Fresh URLs asked for in a row without the video playing in between, before giving up. */
const MAX_RENEWALS = 2;

export function VideoPlayer({ orgId, exerciseId, name }: { orgId: string; exerciseId: string; name: string }) {
  const trpc = useTRPC();
  const videoRef = useRef<HTMLVideoElement>(null);
  // Where to carry on after a new URL, and whether it was playing.
  const resume = useRef<{ at: number; playing: boolean } | null>(null);
  const renewals = useRef(0);
  const lastRecorded = useRef<number | null>(null);
  const [failed, setFailed] = useState(false);
  const streamUrl = useQuery(
    trpc.coach.videos.streamUrl.queryOptions(
      { orgId, exerciseId },
      // A URL is good until it expires; a new one is asked for only when the server refuses the old.
      { staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false },
    ),
  );
  const { mutate: recordProgress } = useMutation(trpc.coach.progress.record.mutationOptions());

  const save = useCallback(
    (video: HTMLVideoElement, completed: boolean) => {
      const position = Math.floor(completed && Number.isFinite(video.duration) ? video.duration : video.currentTime);
      lastRecorded.current = video.currentTime;
      recordProgress({ orgId, exerciseId, positionSeconds: Math.max(0, position), completed });
    },
    [recordProgress, orgId, exerciseId],
  );

  // Closing the player part-way records where the person got to.
  useEffect(() => {
    const player = videoRef;
    return () => {
      const video = player.current;
      if (video && !video.ended && video.currentTime > 0 && lastRecorded.current !== video.currentTime) save(video, false);
    };
  }, [save]);

  const url = streamUrl.data?.url;

  function renew(video: HTMLVideoElement) {
    if (renewals.current >= MAX_RENEWALS) return setFailed(true);
    renewals.current += 1;
    resume.current = { at: video.currentTime, playing: !video.paused || resume.current?.playing === true };
    void streamUrl.refetch();
  }

  if (streamUrl.isPending) return <Spinner label={`Loading the video of ${name}`} />;
  if (streamUrl.error) return <ErrorMessage message={errorMessage(streamUrl.error)} onRetry={() => void streamUrl.refetch()} />;
  if (failed) {
    return (
      <ErrorMessage
        message="This video cannot be played right now."
        onRetry={() => {
          renewals.current = 0;
          setFailed(false);
          void streamUrl.refetch();
        }}
      />
    );
  }

  return (
    <video
      // Kept after unmounting (React clears object refs first), so the clean-up above can record the position.
      ref={(video) => {
        if (video) videoRef.current = video;
      }}
      src={url}
      controls
      playsInline
      preload="metadata"
      aria-label={`Video: ${name}`}
      data-video={exerciseId}
      className="aspect-video w-full rounded-xl bg-slate-900"
      onLoadedMetadata={(event) => {
        const video = event.currentTarget;
        const carryOn = resume.current;
        resume.current = null;
        if (carryOn) {
          video.currentTime = carryOn.at;
          if (carryOn.playing) void video.play().catch(() => undefined);
        } else {
          // Opened with "Play": start at once (the click allows it).
          void video.play().catch(() => undefined);
        }
      }}
      onPlaying={() => {
        renewals.current = 0;
      }}
      onTimeUpdate={(event) => {
        const video = event.currentTarget;
        if (video.paused || video.seeking) return;
        const since = Math.abs(video.currentTime - (lastRecorded.current ?? 0));
        if (since >= RECORD_EVERY_SECONDS) save(video, false);
      }}
      onPause={(event) => {
        const video = event.currentTarget;
        // A pause that comes with the end is recorded by onEnded.
        if (!video.ended) save(video, false);
      }}
      onEnded={(event) => save(event.currentTarget, true)}
      onError={(event) => {
        // An expired (or otherwise refused) URL: ask for a fresh one and carry on.
        renew(event.currentTarget);
      }}
    />
  );
}
