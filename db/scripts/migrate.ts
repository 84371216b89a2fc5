import { closeDatabase, getConnection } from "../client";

const connection = getConnection();
await connection.migrate();
console.log(`migrations applied (${connection.config.kind})`);
await closeDatabase();
