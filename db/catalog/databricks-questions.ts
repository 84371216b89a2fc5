import { behavioral } from "./databricks-questions/behavioral";
import { coding } from "./databricks-questions/coding";
import { hiringManager } from "./databricks-questions/hiring-manager";
import { mlSystemDesign } from "./databricks-questions/ml-system-design";
import { phoneScreen } from "./databricks-questions/phone-screen";
import { recruiterScreen } from "./databricks-questions/recruiter-screen";
import { sparkDeepDive } from "./databricks-questions/spark-deep-dive";
import { systemDesign } from "./databricks-questions/system-design";
import type { QuestionBank } from "./question-types";

// The question bank for the Databricks loop, written in our own words from the
// topics in the domain brief. Each round's questions together span L3..L7.

export const databricksQuestions: QuestionBank = {
  loopSlug: "databricks-ic",
  rounds: {
    "recruiter-screen": recruiterScreen,
    "phone-screen": phoneScreen,
    coding,
    "spark-deep-dive": sparkDeepDive,
    "ml-system-design": mlSystemDesign,
    "system-design": systemDesign,
    behavioral,
    "hiring-manager": hiringManager,
  },
};
