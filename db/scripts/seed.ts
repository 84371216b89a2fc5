import { seedCatalog } from "../catalog/seed-catalog";
import { seedQuestions } from "../catalog/seed-questions";
import { closeDatabase, getConnection } from "../client";
import { seedDemoData } from "../seed/demo-data";

// Applies migrations, then the catalog and the demo users; safe to run repeatedly.
const connection = getConnection();
await connection.migrate();
await seedCatalog(connection.db);
await seedQuestions(connection.db);
const created = await seedDemoData();
console.log(`catalog seeded; ${created} demo users created`);
await closeDatabase();
