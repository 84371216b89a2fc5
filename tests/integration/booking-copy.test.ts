import { describe, expect, it } from "vitest";
import { PRICE_RANGE } from "~/modules/credits/rules";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { setupTestServer } from "../support/http";

// One-way mocks cost credits now: the booking form names the range, and never says free.

setupFreshDatabase();
const server = setupTestServer();

describe("booking copy", () => {
  it("the booking form gives one-way mocks' price range and calls only swaps free", async () => {
    const user = await createUser();
    const client = server.client();
    await client.post("/login", { email: user.email, password: user.password });
    const html = await (await client.get("/book")).text();
    expect(html).toContain(`One-way (${PRICE_RANGE.min}–${PRICE_RANGE.max} credits)`);
    expect(html).toContain("Swap (free)");
    expect(html).not.toContain("free for now");
  });
});
