import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mustNotCompress } from "~/http/compression";
import {
  FormLimitError,
  fieldNameProblem,
  MAX_ARRAY_INDEX,
  MAX_FIELD_NAME_DEPTH,
  MAX_FIELD_NAME_LENGTH,
  MAX_FORM_FIELDS,
  parseForm,
  parseUrlEncodedForm,
  schemaFieldNames,
} from "~/http/form-limits";

describe("fieldNameProblem", () => {
  it.each([
    "email",
    "days[6].ranges[11].start",
    "interviewRounds[49].maxLevel",
    "score.problem-solving",
    `list[${MAX_ARRAY_INDEX}]`,
    `a${".b".repeat(MAX_FIELD_NAME_DEPTH - 1)}`,
    "n".repeat(MAX_FIELD_NAME_LENGTH),
    "todos[]",
  ])("accepts %j", (name) => {
    expect(fieldNameProblem(name)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["index over the limit", `x[${MAX_ARRAY_INDEX + 1}]`],
    ["sparse index", "x[3000000]"],
    ["padded index", "x[0001]"],
    ["too deep", `a${".b".repeat(MAX_FIELD_NAME_DEPTH)}`],
    ["too long", "n".repeat(MAX_FIELD_NAME_LENGTH + 1)],
    ["double dot", "a..b"],
    ["leading dot", ".a"],
    ["trailing dot", "a."],
    ["non-numeric index", "a[x]"],
    ["unclosed bracket", "a[1"],
    ["stray bracket", "a]"],
  ])("refuses %s", (_label, name) => {
    expect(fieldNameProblem(name)).toEqual(expect.any(String));
  });
});

describe("parseUrlEncodedForm", () => {
  it("reads a form, repeated names included", () => {
    const form = parseUrlEncodedForm("a=1&b=x%20y&a=2");
    expect(form.getAll("a")).toEqual(["1", "2"]);
    expect(form.get("b")).toBe("x y");
  });

  it("refuses too many fields with 413 before reading any", () => {
    const body = Array.from({ length: MAX_FORM_FIELDS + 1 }, () => "a=1").join("&");
    expect(() => parseUrlEncodedForm(body)).toThrow(FormLimitError);
    try {
      parseUrlEncodedForm(body);
    } catch (err) {
      expect((err as FormLimitError).status).toBe(413);
    }
    expect(parseUrlEncodedForm(body.slice(4)).getAll("a")).toHaveLength(MAX_FORM_FIELDS);
  });

  it("refuses a bad name with 400", () => {
    expect(() => parseUrlEncodedForm("x%5B3000000%5D=1")).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});

describe("parseForm", () => {
  const schema = z
    .object({ name: z.string(), tags: z.array(z.string()).default([]) })
    .superRefine(() => {});

  it("knows the fields of refined, optional and unioned object schemas", () => {
    expect([...schemaFieldNames(schema)]).toEqual(["name", "tags"]);
    const union = z.union([z.object({ a: z.string() }), z.object({ b: z.string() }).optional()]);
    expect([...schemaFieldNames(union)].sort()).toEqual(["a", "b"]);
    expect(() => schemaFieldNames(z.string())).toThrow(TypeError);
  });

  it("drops fields the schema does not know, so the reply cannot echo them", () => {
    const form = new FormData();
    form.append("name", "");
    form.append("tags[0]", "x");
    form.append("evil", "<script>");
    form.append("__state__", "{not json");
    const submission = parseForm(form, schema);
    expect(submission.status).toBe("error");
    const reply = JSON.stringify(submission.reply());
    expect(reply).toContain("tags");
    expect(reply).not.toContain("evil");
    expect(reply).not.toContain("not json");
  });
});

describe("mustNotCompress", () => {
  it("spares upgrades and event streams only", () => {
    expect(mustNotCompress({ upgrade: "websocket" }, "text/html")).toBe(true);
    expect(mustNotCompress({}, "text/event-stream; charset=utf-8")).toBe(true);
    expect(mustNotCompress({}, "text/html; charset=utf-8")).toBe(false);
    expect(mustNotCompress({}, undefined)).toBe(false);
  });
});
