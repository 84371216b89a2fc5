import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import { saveWeeklyAvailability } from "../../app/modules/availability/availability.server";
import { createRequest } from "../../app/modules/booking/requests.server";
import { grantInterviewing } from "../../app/modules/credits/interviewer-grants.server";
import type { ProfileInput } from "../../app/modules/identity/profile";
import { saveProfile } from "../../app/modules/identity/profile.server";
import { createAccount } from "../../app/modules/identity/signup.server";
import { getDb } from "../client";
import {
  availabilitySettings,
  interviewerGrants,
  levels,
  loops,
  mockRequests,
  rounds,
  users,
} from "../schema";
import { seedDemoHistory } from "./demo-history";

/** This demo user is an admin (the /admin pages: economy, disputes); the README says so. */
export const DEMO_ADMIN_EMAIL = "farah@demo.peerloop.dev";

/** Everyone shares this password; the README states it. */
export const DEMO_PASSWORD = "peerloop-demo";

/** The loop the demo history is about (demo-history.ts); people target it unless they say. */
const LOOP = "databricks-ic";
const ALL_ROUNDS = [
  "recruiter-screen",
  "phone-screen",
  "coding",
  "spark-deep-dive",
  "ml-system-design",
  "system-design",
  "behavioral",
  "hiring-manager",
];

type DemoUser = Omit<ProfileInput, "targetLoop" | "interviewRounds"> & {
  email: string;
  /** The loop they practise for (default: the history's loop). */
  targetLoop?: string;
  /** Rounds offered as interviewer and the highest target level taken. */
  interviews: { rounds: string[]; upTo: string };
  /**
   * A seed expert: granted what they offer, so the demo has one-way interviewers from the
   * start. The others qualify, or not, through the hire calls in their seeded history.
   */
  expert?: true;
};

export const DEMO_USERS: DemoUser[] = [
  {
    email: "ada@demo.peerloop.dev",
    name: "Ada Okafor",
    timeZone: "America/New_York",
    currentLevel: "L4",
    targetTrack: "platform-ml",
    targetLevel: "L5",
    languages: ["python", "scala"],
    interviews: { rounds: ["coding", "phone-screen", "spark-deep-dive"], upTo: "L4" },
  },
  {
    email: "bruno@demo.peerloop.dev",
    name: "Bruno Salles",
    timeZone: "America/Sao_Paulo",
    currentLevel: "L5",
    targetTrack: "backend",
    targetLevel: "L5",
    languages: ["java", "sql", "go"],
    interviews: { rounds: ["coding", "system-design", "behavioral"], upTo: "L5" },
  },
  {
    email: "chen@demo.peerloop.dev",
    name: "Chen Wei",
    timeZone: "Asia/Kolkata",
    currentLevel: "L3",
    targetTrack: "data-science",
    targetLevel: "L4",
    languages: ["python", "sql", "r"],
    interviews: { rounds: ["coding", "recruiter-screen"], upTo: "L3" },
  },
  {
    email: "dana@demo.peerloop.dev",
    name: "Dana Fischer",
    timeZone: "Europe/Berlin",
    currentLevel: "L6",
    targetTrack: "platform-ml",
    targetLevel: "L6",
    languages: ["scala", "python", "java"],
    interviews: { rounds: ALL_ROUNDS, upTo: "L6" },
    expert: true,
  },
  {
    email: "eli@demo.peerloop.dev",
    name: "Eli Navarro",
    timeZone: "Australia/Sydney",
    currentLevel: "L5",
    targetTrack: "research",
    targetLevel: "L6",
    languages: ["python", "cpp"],
    interviews: { rounds: ["coding", "ml-system-design", "behavioral"], upTo: "L5" },
  },
  {
    email: "farah@demo.peerloop.dev",
    name: "Farah Haddad",
    timeZone: "Europe/London",
    currentLevel: "L7",
    targetTrack: "backend",
    targetLevel: "L7",
    languages: ["go", "java", "python"],
    interviews: { rounds: ALL_ROUNDS, upTo: "L7" },
    expert: true,
  },
];

/**
 * People who practise for another loop: proof that the demo, like the app, takes any loop
 * in the data. They have no history yet (the history plan is written for LOOP), but they
 * hold open swap requests and one of them interviews one-way, so a newcomer who targets
 * their loop finds partners at once.
 */
export const DEMO_NEWCOMERS: DemoUser[] = [
  {
    email: "grace@demo.peerloop.dev",
    name: "Grace Mensah",
    timeZone: "Africa/Accra",
    targetLoop: "bigtech-swe",
    currentLevel: "E4",
    targetTrack: "generalist",
    targetLevel: "E5",
    languages: ["python", "typescript"],
    interviews: { rounds: ["coding-phone-screen", "onsite-coding"], upTo: "E4" },
  },
  {
    email: "hiro@demo.peerloop.dev",
    name: "Hiro Tanaka",
    timeZone: "Asia/Tokyo",
    targetLoop: "bigtech-swe",
    currentLevel: "E6",
    targetTrack: "infrastructure",
    targetLevel: "E6",
    languages: ["go", "cpp", "java"],
    interviews: {
      rounds: [
        "recruiter-call",
        "coding-phone-screen",
        "onsite-coding",
        "system-design",
        "behavioral-leadership",
      ],
      upTo: "E6",
    },
    expert: true,
  },
];

/**
 * A mock-onsite panel: seed experts for the history's loop who interview every round up
 * to L7, in the Americas, so that a newcomer (or Ada) finds whole onsite days with a
 * different qualified interviewer per round. Six, because the longest onsite day in the
 * data sits six rounds. Like every demo person they hold open swap requests; they have
 * no history.
 */
export const DEMO_PANEL: DemoUser[] = [
  ["ines@demo.peerloop.dev", "Ines Duarte", "America/New_York"],
  ["jonas@demo.peerloop.dev", "Jonas Berg", "America/Toronto"],
  ["kofi@demo.peerloop.dev", "Kofi Boateng", "America/Chicago"],
  ["lena@demo.peerloop.dev", "Lena Vogt", "America/New_York"],
  ["mateo@demo.peerloop.dev", "Mateo Ruiz", "America/Bogota"],
  ["noor@demo.peerloop.dev", "Noor Haddad", "America/Chicago"],
].map(([email, name, timeZone]) => ({
  email: email!,
  name: name!,
  timeZone: timeZone!,
  currentLevel: "L6",
  targetTrack: "backend",
  targetLevel: "L6",
  languages: ["python", "java"],
  interviews: { rounds: ALL_ROUNDS, upTo: "L7" },
  expert: true as const,
}));

/** Every demo person: whoever a proposal or a page may name. */
export const DEMO_PEOPLE: DemoUser[] = [...DEMO_USERS, ...DEMO_NEWCOMERS, ...DEMO_PANEL];

/** Generous hours every day in each person's own zone, so newcomers see proposals at once. */
function demoWeek(timeZone: string) {
  return {
    timeZone,
    minNoticeHours: 4,
    maxSessionsPerDay: 4,
    bufferMinutes: 15,
    autoBook: false,
    days: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
      weekday,
      ranges: [
        { start: "07:00", end: "12:00" },
        { start: "13:00", end: "23:00" },
      ],
    })),
  };
}

/**
 * Keeps every demo user available, and holding an open swap request for every round
 * that offers swaps at their target level, so a new user has swap partners at once.
 */
async function refreshDemoPractice(userId: string, demo: DemoUser, now: Date) {
  const db = getDb();
  const loop = demo.targetLoop ?? LOOP;
  const [settings] = await db
    .select({ userId: availabilitySettings.userId })
    .from(availabilitySettings)
    .where(eq(availabilitySettings.userId, userId));
  if (!settings) await saveWeeklyAvailability(userId, demoWeek(demo.timeZone));
  // Every round of their loop, as the data has it.
  const loopRounds = await db
    .select({ slug: rounds.slug })
    .from(rounds)
    .innerJoin(loops, eq(loops.id, rounds.loopId))
    .where(eq(loops.slug, loop))
    .orderBy(asc(rounds.position));
  for (const { slug: round } of loopRounds) {
    const [open] = await db
      .select({ id: mockRequests.id })
      .from(mockRequests)
      .innerJoin(rounds, eq(rounds.id, mockRequests.roundId))
      .innerJoin(loops, eq(loops.id, rounds.loopId))
      .where(
        and(
          eq(mockRequests.userId, userId),
          eq(loops.slug, loop),
          eq(rounds.slug, round),
          eq(mockRequests.format, "swap"),
          eq(mockRequests.status, "open"),
          gt(mockRequests.expiresAt, new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000)),
        ),
      );
    if (open) continue;
    // Rounds that are one-way at this level answer format_not_allowed: nothing to do.
    await createRequest(
      userId,
      {
        loopSlug: loop,
        roundSlug: round,
        levelCode: demo.targetLevel!,
        format: "swap",
        horizonDays: 30,
      },
      now,
    );
  }
}

/** Grants a seed expert every round they offer, where they hold no live grant yet. */
async function grantSeedExpert(userId: string, demo: DemoUser) {
  if (!demo.expert) return;
  const db = getDb();
  const loop = demo.targetLoop ?? LOOP;
  const [level] = await db
    .select({ id: levels.id })
    .from(levels)
    .innerJoin(loops, eq(loops.id, levels.loopId))
    .where(and(eq(loops.slug, loop), eq(levels.code, demo.interviews.upTo)));
  const held = await db
    .select({ roundId: interviewerGrants.roundId })
    .from(interviewerGrants)
    .where(and(eq(interviewerGrants.userId, userId), isNull(interviewerGrants.revokedAt)));
  const offered = await db
    .select({ id: rounds.id })
    .from(rounds)
    .innerJoin(loops, eq(loops.id, rounds.loopId))
    .where(and(eq(loops.slug, loop), inArray(rounds.slug, demo.interviews.rounds)));
  for (const round of offered) {
    if (!level || held.some((h) => h.roundId === round.id)) continue;
    await grantInterviewing({
      userId,
      roundId: round.id,
      maxLevelId: level.id,
      grantedBy: null,
      note: "Demo seed expert",
    });
  }
}

/**
 * Creates the demo users that do not exist yet (confirmed: their addresses need no proof),
 * through the account module and the one the profile page uses. Existing users keep their data; only their practice
 * (availability if missing, open swap requests) is topped up, so it can run at every start.
 * Then adds their session history (seedDemoHistory). Returns how many users were created.
 */
export async function seedDemoData(now: Date = new Date()): Promise<number> {
  let created = 0;
  for (const demo of DEMO_PEOPLE) {
    const [existing] = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demo.email));
    if (existing) {
      await refreshDemoPractice(existing.id, demo, now);
      await grantSeedExpert(existing.id, demo);
      continue;
    }
    const result = await createAccount({
      name: demo.name,
      email: demo.email,
      password: DEMO_PASSWORD,
      timeZone: demo.timeZone,
    });
    if (!result.ok) continue;
    const { interviews, email: _email, targetLoop, ...profile } = demo;
    await saveProfile(result.userId, {
      ...profile,
      targetLoop: targetLoop ?? LOOP,
      interviewRounds: interviews.rounds.map((round) => ({ round, maxLevel: interviews.upTo })),
    });
    await refreshDemoPractice(result.userId, demo, now);
    await grantSeedExpert(result.userId, demo);
    created++;
  }
  await getDb().update(users).set({ isAdmin: true }).where(eq(users.email, DEMO_ADMIN_EMAIL));
  // Past sessions and feedback, so the charts have something to show; adds nothing once there.
  await seedDemoHistory(now);
  return created;
}
