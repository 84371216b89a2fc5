// The catalog is data that changes only when it is seeded (at start-up, or by a test).
// Readers may keep what they read for as long as this number stays the same: seeding
// bumps it, in this process. Other processes seed at their own start-up.

let version = 0;

export function catalogVersion(): number {
  return version;
}

export function bumpCatalogVersion(): void {
  version++;
}
