import type { ReplayMarker } from "./markers";

// What the scrubber's markers say, in words, for one viewer ("You opened the pad").
// Pure: the page's loader labels them once; the browser only places them.

export type MarkerGroup = "phase" | "roles" | "run" | "presence" | "gap" | "bounds";

export interface MarkerView {
  at: number;
  group: MarkerGroup;
  label: string;
}

export function labelMarkers(
  markers: readonly ReplayMarker[],
  nameOf: (userId: string | null) => string,
): MarkerView[] {
  const views: MarkerView[] = [];
  for (const m of markers) {
    const who = nameOf(m.userId);
    const d = m.detail ?? {};
    switch (m.kind) {
      case "phase":
        views.push({
          at: m.at,
          group: "phase",
          label: `${d.half === 2 ? "Half 2: " : ""}${String(d.name ?? "Phase")}`,
        });
        break;
      case "roles_switched":
        views.push({ at: m.at, group: "roles", label: "Roles switched" });
        break;
      case "code_run":
        views.push({ at: m.at, group: "run", label: `${who} ran code` });
        break;
      case "pad_joined":
        views.push({ at: m.at, group: "presence", label: `${who} opened the pad` });
        break;
      case "pad_left":
        views.push({ at: m.at, group: "presence", label: `${who} left the pad` });
        break;
      case "video_joined":
        views.push({ at: m.at, group: "presence", label: `${who} joined the video` });
        break;
      case "video_left":
        views.push({ at: m.at, group: "presence", label: `${who} left the video` });
        break;
      case "gap":
        views.push({
          at: m.at,
          group: "gap",
          label:
            d.cause === "recorder_lost"
              ? "Gap: the recording lost a moment here"
              : "Gap: some edits here could not be replayed",
        });
        break;
      case "started":
        views.push({ at: m.at, group: "bounds", label: "Scheduled start" });
        break;
      case "ended":
        views.push({ at: m.at, group: "bounds", label: "Scheduled end" });
        break;
      // Deletion and expiry are said in the page's notice, not placed on the scrubber.
      default:
        break;
    }
  }
  return views;
}
