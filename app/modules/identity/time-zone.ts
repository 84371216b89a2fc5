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

export const timeZoneSchema = z
  .string({ required_error: "Choose your time zone." })
  .trim()
  .refine(isValidTimeZone, "Choose a time zone from the list, like Europe/Berlin.");

/** All zones this runtime knows, for pickers. */
export function listTimeZones(): string[] {
  const zones = Intl.supportedValuesOf?.("timeZone") ?? [];
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
}

/** The browser's zone, or UTC when it cannot be read. */
export function detectTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isValidTimeZone(zone) ? zone : "UTC";
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
