import { validateQuestionBanks } from "./question-schema";
import type { QuestionBank } from "./question-types";
import bigtechSweBehavioralLeadership from "./questions/bigtech-swe/behavioral-leadership.json";
import bigtechSweCodingPhoneScreen from "./questions/bigtech-swe/coding-phone-screen.json";
import bigtechSweOnsiteCoding from "./questions/bigtech-swe/onsite-coding.json";
import bigtechSweRecruiterCall from "./questions/bigtech-swe/recruiter-call.json";
import bigtechSweSystemDesign from "./questions/bigtech-swe/system-design.json";
import databricksIcBehavioral from "./questions/databricks-ic/behavioral.json";
import databricksIcCoding from "./questions/databricks-ic/coding.json";
import databricksIcHiringManager from "./questions/databricks-ic/hiring-manager.json";
import databricksIcMlSystemDesign from "./questions/databricks-ic/ml-system-design.json";
import databricksIcPhoneScreen from "./questions/databricks-ic/phone-screen.json";
import databricksIcRecruiterScreen from "./questions/databricks-ic/recruiter-screen.json";
import databricksIcSparkDeepDive from "./questions/databricks-ic/spark-deep-dive.json";
import databricksIcSystemDesign from "./questions/databricks-ic/system-design.json";
import { SHIPPED_LOOPS } from "./shipped-loops";

// Every loop's question bank is data: one JSON file per round in
// db/catalog/questions/<loop-slug>/<round-slug>.json, each an array of questions
// (question-types.ts). A bank is added with its files and one entry here. The banks are
// checked against their loops when they are loaded, at start-up: a bad field stops the
// start with its path named (question-schema.ts).

const banks: unknown[] = [
  {
    loopSlug: "databricks-ic",
    rounds: {
      "recruiter-screen": databricksIcRecruiterScreen,
      "phone-screen": databricksIcPhoneScreen,
      coding: databricksIcCoding,
      "spark-deep-dive": databricksIcSparkDeepDive,
      "ml-system-design": databricksIcMlSystemDesign,
      "system-design": databricksIcSystemDesign,
      behavioral: databricksIcBehavioral,
      "hiring-manager": databricksIcHiringManager,
    },
  },
  {
    loopSlug: "bigtech-swe",
    rounds: {
      "recruiter-call": bigtechSweRecruiterCall,
      "coding-phone-screen": bigtechSweCodingPhoneScreen,
      "onsite-coding": bigtechSweOnsiteCoding,
      "system-design": bigtechSweSystemDesign,
      "behavioral-leadership": bigtechSweBehavioralLeadership,
    },
  },
];

export const SHIPPED_QUESTION_BANKS: QuestionBank[] = validateQuestionBanks(banks, SHIPPED_LOOPS);
