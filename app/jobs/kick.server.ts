// A tiny registry so domain modules can ask for a job to run soon without importing
// the job engine (which imports them). Without a running engine it does nothing.

type Kicker = (queue: string) => Promise<void>;

let kicker: Kicker | undefined;

export function setJobKicker(next: Kicker | undefined) {
  kicker = next;
}

export async function kickJob(queue: string): Promise<void> {
  await kicker?.(queue).catch((err: unknown) => console.error("peerloop jobs: kick failed", err));
}
