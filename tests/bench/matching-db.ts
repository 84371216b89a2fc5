export async function runDatabasePhase(): Promise<{
  p50Ms: number;
  p99Ms: number;
  statements: number;
} | null> {
  return null;
}
