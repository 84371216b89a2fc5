import { z } from "zod";

// IANA zone names are validated with Intl, in the browser and on the server alike,
// so what the person picked is exactly what every later date computation accepts.

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// ICU (in Node and in browsers) still reports some zones by their old CLDR names;
// people know them by the current IANA names, and two names for one zone would make
// peers in the same city look different. Both spellings compute the same times.
const CURRENT_ZONE_NAMES: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Europe/Kiev": "Europe/Kyiv",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "America/Godthab": "America/Nuuk",
  "Pacific/Enderbury": "Pacific/Kanton",
};

export function currentZoneName(zone: string): string {
  return CURRENT_ZONE_NAMES[zone] ?? zone;
}

export const timeZoneSchema = z
  .string({ required_error: "Choose your time zone." })
  .trim()
  .refine(isValidTimeZone, "Choose a time zone from the list, like Europe/Berlin.")
  .transform(currentZoneName);

/** All zones this runtime knows, by their current names, for pickers. */
export function listTimeZones(): string[] {
  const zones = (Intl.supportedValuesOf?.("timeZone") ?? []).map(currentZoneName);
  if (!zones.includes("UTC")) zones.push("UTC");
  return [...new Set(zones)].sort();
}

/** The browser's zone, or UTC when it cannot be read. */
export function detectTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isValidTimeZone(zone) ? currentZoneName(zone) : "UTC";
  } catch {
    return "UTC";
  }
}

/** "UTC+05:30"-style offset of a zone at an instant, for labels. */
export function formatUtcOffset(zone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  if (!part || part === "GMT" || part === "GMT+00:00") return "UTC";
  return part.replace("GMT", "UTC");
}
