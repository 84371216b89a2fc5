// The Python that runs a candidate's function against a question's test cases
// (db/catalog/question-types.ts), and the reading of what it reports. Pure: the browser's
// worker (python.worker.ts) and the test suite (real Pyodide on Node) run the same source.
//
// The candidate's code and the cases go in as Python string literals (JSON text is a valid
// Python literal), so nothing they contain can break out of the harness. Each case gets
// its own copy of the arguments (JSON decoded again), so a function that mutates its input
// cannot change the next case. Results pass through JSON like the expected values do
// (tuples become lists); an unordered result is compared sorted by its JSON text.

import type { CodeTestCase } from "#db/catalog/question-types";
import type { RunTestResult } from "./run-records";

/** What each case reports, in order: the harness's last expression, as JSON text. */
interface HarnessOutcome {
  pass: boolean;
  got: string;
}

/** A module name that is not "__main__": the candidate's own `if __name__ == "__main__"` demo stays quiet. */
const MODULE_NAME = "__pad__";

export function buildPythonHarness(input: {
  code: string;
  entry: string;
  cases: CodeTestCase[];
  unordered?: boolean;
}): string {
  const literal = (value: unknown) => JSON.stringify(value);
  return `
import json as _json

def _peerloop_run_tests():
    code = ${literal(input.code)}
    entry = ${literal(input.entry)}
    cases = _json.loads(${literal(JSON.stringify(input.cases))})
    unordered = ${input.unordered ? "True" : "False"}

    def canonical(value):
        value = _json.loads(_json.dumps(value))
        if unordered and isinstance(value, list):
            value = sorted(value, key=lambda item: _json.dumps(item, sort_keys=True))
        return value

    def failure(error):
        return "%s: %s" % (type(error).__name__, error)

    namespace = {"__name__": ${literal(MODULE_NAME)}}
    try:
        exec(compile(code, "<pad>", "exec"), namespace)
    except BaseException as error:
        problem = failure(error)
        return _json.dumps([{"pass": False, "got": problem} for _ in cases])
    function = namespace.get(entry)
    if not callable(function):
        problem = "the code defines no function named %s" % entry
        return _json.dumps([{"pass": False, "got": problem} for _ in cases])

    outcomes = []
    for case in cases:
        args = _json.loads(_json.dumps(case["args"]))
        try:
            result = function(*args)
        except BaseException as error:
            outcomes.append({"pass": False, "got": failure(error)})
            continue
        try:
            got = canonical(result)
        except (TypeError, ValueError) as error:
            outcomes.append({"pass": False, "got": "not JSON: %s" % failure(error)})
            continue
        outcomes.append({"pass": got == canonical(case["expected"]), "got": _json.dumps(got, separators=(",", ":"))})
    return _json.dumps(outcomes)

_peerloop_run_tests()
`;
}

/**
 * Pairs the harness's report with the cases it ran. A report that is missing or does not
 * match the cases (the candidate's code ended the interpreter, say) fails every case
 * with `fallback` as what came back.
 */
export function readHarnessReport(
  report: string | null,
  cases: CodeTestCase[],
  namePrefix: string,
  fallback = "no result",
): RunTestResult[] {
  let outcomes: HarnessOutcome[] | null = null;
  try {
    const parsed: unknown = report === null ? null : JSON.parse(report);
    if (
      Array.isArray(parsed) &&
      parsed.length === cases.length &&
      parsed.every(
        (o) =>
          typeof o === "object" &&
          o !== null &&
          typeof (o as HarnessOutcome).pass === "boolean" &&
          typeof (o as HarnessOutcome).got === "string",
      )
    )
      outcomes = parsed as HarnessOutcome[];
  } catch {
    outcomes = null;
  }
  return cases.map((testCase, i) => ({
    name: `${namePrefix} ${i + 1}`,
    pass: outcomes?.[i]?.pass ?? false,
    args: JSON.stringify(testCase.args),
    expected: JSON.stringify(testCase.expected),
    got: outcomes?.[i]?.got ?? fallback,
  }));
}
