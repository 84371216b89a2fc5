import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { setupTestServer } from "../support/http";

// One-way mocks cost nothing while there is no credit ledger: the pages must not
// promise a price that is never charged.

setupFreshDatabase();
const server = setupTestServer();

describe("booking copy", () => {
  it("the booking form says one-way mocks are free for now", async () => {
    const user = await createUser();
    const client = server.client();
    await client.post("/login", { email: user.email, password: user.password });
    const html = await (await client.get("/book")).text();
    expect(html).toContain("One-way (free for now)");
    expect(html).not.toMatch(/1 credit/);
  });
});
