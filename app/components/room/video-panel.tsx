import { useCallback, useEffect, useRef, useState } from "react";

type VideoState =
  | { kind: "idle" }
  | { kind: "connecting" }
  | { kind: "connected" }
  | { kind: "reconnecting" }
  | { kind: "unavailable"; message: string };

type Quality = "excellent" | "good" | "poor" | "lost" | "unknown";

interface Devices {
  audio: MediaDeviceInfo[];
  video: MediaDeviceInfo[];
}

const CONNECT_TIMEOUT_MS = 10_000;

/** In words a person understands: never a URL or an error code. */
export const VIDEO_UNREACHABLE =
  "Video is unavailable right now — the video service could not be reached. The code pad and everything else still work.";
const VIDEO_DROPPED =
  "Video was disconnected. The code pad and everything else still work; try joining again.";
const VIDEO_FAILED =
  "Video could not start in this browser. The code pad and everything else still work.";

/**
 * Video and audio through LiveKit, joined with a click: the camera and microphone go on
 * only when the person asks (which also lets the browser play the peer's audio), and the
 * video library (the room's largest) loads only then. When the video server cannot be
 * reached the panel says so plainly and the rest of the room keeps working.
 */
export function VideoPanel({ sessionId, peerName }: { sessionId: string; peerName: string }) {
  const [state, setState] = useState<VideoState>({ kind: "idle" });
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  const [peerPresent, setPeerPresent] = useState(false);
  const [quality, setQuality] = useState<Quality>("unknown");
  const [devices, setDevices] = useState<Devices>({ audio: [], video: [] });
  // 0: not joined yet; each click on "Join video" / "Try again" is a new attempt.
  const [attempt, setAttempt] = useState(0);
  const localVideo = useRef<HTMLVideoElement>(null);
  const remoteVideo = useRef<HTMLVideoElement>(null);
  const remoteAudio = useRef<HTMLAudioElement>(null);
  // biome-ignore lint/suspicious/noExplicitAny: livekit-client's Room is loaded lazily in the browser
  const roomRef = useRef<any>(null);

  useEffect(() => {
    if (attempt === 0) return;
    let disposed = false;
    (async () => {
      setState({ kind: "connecting" });
      const response = await fetch(`/sessions/${sessionId}/video-token`, {
        credentials: "same-origin",
      });
      if (!response.ok) {
        const { error } = (await response.json().catch(() => ({}))) as { error?: string };
        setState({
          kind: "unavailable",
          message: error ?? "Video is not available for this session right now.",
        });
        return;
      }
      const { url, token } = (await response.json()) as { url: string; token: string };
      const { Room, RoomEvent, Track, ConnectionQuality } = await import("livekit-client");
      if (disposed) return;
      const room = new Room({ adaptiveStream: true, dynacast: true });
      roomRef.current = room;
      const attachRemote = () => {
        let present = false;
        for (const participant of room.remoteParticipants.values()) {
          present = true;
          for (const publication of participant.trackPublications.values()) {
            const track = publication.track;
            if (!track) continue;
            if (track.kind === Track.Kind.Video && remoteVideo.current)
              track.attach(remoteVideo.current);
            if (track.kind === Track.Kind.Audio && remoteAudio.current)
              track.attach(remoteAudio.current);
          }
        }
        setPeerPresent(present);
      };
      room
        .on(RoomEvent.TrackSubscribed, attachRemote)
        .on(RoomEvent.TrackUnsubscribed, attachRemote)
        .on(RoomEvent.ParticipantConnected, attachRemote)
        .on(RoomEvent.ParticipantDisconnected, attachRemote)
        .on(RoomEvent.Reconnecting, () => setState({ kind: "reconnecting" }))
        .on(RoomEvent.Reconnected, () => setState({ kind: "connected" }))
        .on(RoomEvent.Disconnected, () => {
          if (!disposed) setState({ kind: "unavailable", message: VIDEO_DROPPED });
        })
        .on(
          RoomEvent.ConnectionQualityChanged,
          (q: unknown, participant: { isLocal?: boolean }) => {
            if (!participant.isLocal) return;
            const map: Record<string, Quality> = {
              [ConnectionQuality.Excellent]: "excellent",
              [ConnectionQuality.Good]: "good",
              [ConnectionQuality.Poor]: "poor",
              [ConnectionQuality.Lost]: "lost",
            };
            setQuality(map[String(q)] ?? "unknown");
          },
        );
      try {
        await Promise.race([
          room.connect(url, token),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error("timeout")), CONNECT_TIMEOUT_MS),
          ),
        ]);
      } catch {
        await room.disconnect().catch(() => {});
        if (!disposed) {
          setState({ kind: "unavailable", message: VIDEO_UNREACHABLE });
        }
        return;
      }
      if (disposed) {
        await room.disconnect();
        return;
      }
      setState({ kind: "connected" });
      try {
        await room.localParticipant.enableCameraAndMicrophone();
      } catch {
        setCameraOn(false);
        setMicOn(false);
      }
      const cameraTrack = room.localParticipant.getTrackPublication(Track.Source.Camera)?.track;
      if (cameraTrack && localVideo.current) cameraTrack.attach(localVideo.current);
      attachRemote();
      const [audio, video] = await Promise.all([
        Room.getLocalDevices("audioinput").catch(() => []),
        Room.getLocalDevices("videoinput").catch(() => []),
      ]);
      setDevices({ audio, video });
    })().catch(() => {
      if (!disposed) setState({ kind: "unavailable", message: VIDEO_FAILED });
    });
    return () => {
      disposed = true;
      void roomRef.current?.disconnect();
      roomRef.current = null;
    };
  }, [sessionId, attempt]);

  const toggleMic = useCallback(async () => {
    const next = !micOn;
    await roomRef.current?.localParticipant.setMicrophoneEnabled(next);
    setMicOn(next);
  }, [micOn]);
  const toggleCamera = useCallback(async () => {
    const next = !cameraOn;
    await roomRef.current?.localParticipant.setCameraEnabled(next);
    setCameraOn(next);
  }, [cameraOn]);
  const switchDevice = (kind: MediaDeviceKind, deviceId: string) =>
    void roomRef.current?.switchActiveDevice(kind, deviceId);

  return (
    <section className="video" aria-labelledby="video-heading">
      <header className="video__bar">
        <h2 id="video-heading">Video</h2>
        <span className="hint" role="status" aria-live="polite" data-testid="video-status">
          {state.kind === "connecting"
            ? "Connecting to video…"
            : state.kind === "reconnecting"
              ? "Reconnecting…"
              : state.kind === "connected"
                ? `Connected · connection ${quality}`
                : state.kind === "unavailable"
                  ? "Video unavailable"
                  : ""}
        </span>
      </header>
      {state.kind === "idle" ? (
        <div className="video__join">
          <p>
            Join the call with {peerName} when you are ready: your camera and microphone turn on
            then.
          </p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            Join video
          </button>
        </div>
      ) : state.kind === "unavailable" ? (
        <div className="video__unavailable">
          <p>{state.message}</p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setAttempt((n) => n + 1)}
          >
            Try again
          </button>
        </div>
      ) : (
        <div className="video__tiles">
          <figure className="video__tile">
            {/* biome-ignore lint/a11y/useMediaCaption: live peer video has no captions */}
            <video ref={remoteVideo} autoPlay playsInline />
            <figcaption>{peerPresent ? peerName : `Waiting for ${peerName}…`}</figcaption>
          </figure>
          <figure className="video__tile video__tile--self">
            <video ref={localVideo} autoPlay playsInline muted />
            <figcaption>You</figcaption>
          </figure>
          {/* biome-ignore lint/a11y/useMediaCaption: live peer audio has no captions */}
          <audio ref={remoteAudio} autoPlay />
        </div>
      )}
      {state.kind === "connected" || state.kind === "reconnecting" ? (
        <div className="form-actions video__controls">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={toggleMic}
            aria-pressed={!micOn}
          >
            {micOn ? "Mute" : "Unmute"}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={toggleCamera}
            aria-pressed={!cameraOn}
          >
            {cameraOn ? "Camera off" : "Camera on"}
          </button>
          {devices.audio.length > 1 ? (
            <label>
              <span className="visually-hidden">Microphone</span>
              <select
                aria-label="Microphone"
                onChange={(e) => switchDevice("audioinput", e.target.value)}
              >
                {devices.audio.map((d) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label || "Microphone"}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {devices.video.length > 1 ? (
            <label>
              <span className="visually-hidden">Camera</span>
              <select
                aria-label="Camera"
                onChange={(e) => switchDevice("videoinput", e.target.value)}
              >
                {devices.video.map((d) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label || "Camera"}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
