import * as assert from "assert";
import { managementCoverage } from "../../lib/trail-selectors";

const adv = (...selectors: Array<Array<Record<string, unknown>>>) => ({
  advancedEventSelectors: selectors.map((fieldSelectors, i) => ({ name: `s${i}`, fieldSelectors })),
});
const category = (v: string) => ({ field: "eventCategory", equals: [v] });

describe("lib/trail-selectors: IAM-3 which management events a trail records", () => {
  const cases: Array<[string, Record<string, unknown>, boolean, RegExp]> = [
    ["no selectors", {}, true, /no event selectors/],
    ["an empty eventSelectors list", { eventSelectors: [] }, true, /AWS records all/],
    [
      "readWriteType All",
      { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] },
      true,
      /read and write/,
    ],
    [
      "defaults inside a selector",
      { eventSelectors: [{ dataResources: [] }] },
      true,
      /read and write/,
    ],
    [
      "ReadOnly only",
      { eventSelectors: [{ readWriteType: "ReadOnly" }] },
      false,
      /read-only management events only/,
    ],
    ["WriteOnly only", { eventSelectors: [{ readWriteType: "WriteOnly" }] }, false, /write-only/],
    [
      "ReadOnly and WriteOnly selectors together",
      { eventSelectors: [{ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" }] },
      true,
      /read and write/,
    ],
    [
      "includeManagementEvents false",
      { eventSelectors: [{ readWriteType: "All", includeManagementEvents: false }] },
      false,
      /no management events/,
    ],
    [
      'includeManagementEvents "false"',
      { eventSelectors: [{ includeManagementEvents: "false" }] },
      false,
      /no management events/,
    ],
    [
      "advanced: management events",
      adv([category("Management")]),
      true,
      /advancedEventSelectors record read and write/,
    ],
    [
      "advanced: data events only",
      adv([category("Data"), { field: "resources.type", equals: ["AWS::S3::Object"] }]),
      false,
      /no management events/,
    ],
    [
      "advanced: management excluded",
      adv([{ field: "eventCategory", notEquals: ["Management"] }]),
      false,
      /no management/,
    ],
    [
      "advanced: read-only management",
      adv([category("Management"), { field: "readOnly", equals: ["true"] }]),
      false,
      /read-only/,
    ],
    [
      "advanced: write-only management",
      adv([category("Management"), { field: "readOnly", equals: ["false"] }]),
      false,
      /write-only/,
    ],
    [
      "advanced: not read-only",
      adv([category("Management"), { field: "readOnly", notEquals: ["true"] }]),
      false,
      /write-only/,
    ],
    [
      "advanced: read and write in two selectors",
      adv(
        [category("Management"), { field: "readOnly", equals: ["true"] }],
        [category("Management"), { field: "readOnly", equals: ["false"] }],
      ),
      true,
      /read and write/,
    ],
    [
      "advanced: management minus KMS events",
      adv([category("Management"), { field: "eventSource", notEquals: ["kms.amazonaws.com"] }]),
      true,
      /read and write/,
    ],
    [
      "advanced: management of one event source",
      adv([category("Management"), { field: "eventSource", equals: ["s3.amazonaws.com"] }]),
      false,
      /no management/,
    ],
    [
      "advanced: management of event sources starting with a prefix",
      adv([category("Management"), { field: "eventSource", startsWiths: ["s3."] }]),
      false,
      /no management/,
    ],
    [
      "advanced selectors win over basic ones",
      { ...adv([category("Data")]), eventSelectors: [{ readWriteType: "All" }] },
      false,
      /advancedEventSelectors/,
    ],
  ];
  for (const [label, props, all, detail] of cases) {
    it(`IAM-3: ${label} -> ${all ? "all" : "not all"} management events`, () => {
      const c = managementCoverage(props);
      assert.strictEqual(c.all, all);
      assert.match(c.detail, detail);
    });
  }
});
