import * as assert from "assert";
import { managementCoverage } from "../../lib/trail-selectors";

const adv = (...selectors: Array<Array<Record<string, unknown>>>) => ({
  advancedEventSelectors: selectors.map((fieldSelectors, i) => ({ name: `s${i}`, fieldSelectors })),
});
const category = (v: string) => ({ field: "eventCategory", equals: [v] });

describe("lib/trail-selectors: IAM-3 which management events a trail records", () => {
  const cases: Array<[string, Record<string, unknown>, boolean, RegExp]> = [
    ["no selectors", {}, true, /^no event selectors \(AWS records all management events\)$/],
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
      "readWriteType in any case and spacing",
      { eventSelectors: [{ readWriteType: " readonly " }, { readWriteType: "WRITEONLY" }] },
      true,
      /eventSelectors record read and write/,
    ],
    [
      "readWriteType all in lower case",
      { eventSelectors: [{ readWriteType: " all " }] },
      true,
      /read and write/,
    ],
    [
      "an unknown readWriteType",
      { eventSelectors: [{ readWriteType: "Some" }] },
      false,
      /no management/,
    ],
    [
      "one selector without management events beside one with them",
      {
        eventSelectors: [
          { readWriteType: "All", includeManagementEvents: false },
          { readWriteType: "WriteOnly", includeManagementEvents: true },
        ],
      },
      false,
      /eventSelectors record write-only management events only/,
    ],
    [
      "advanced: field names and values in any case and spacing",
      adv([
        { field: " EventCategory ", equals: [" MANAGEMENT "] },
        { field: "READONLY", equals: [" TRUE "] },
      ]),
      false,
      /advancedEventSelectors record read-only management events only/,
    ],
    [
      "advanced: a padded eventCategory field name still selects data events only",
      adv([{ field: " eventCategory ", equals: ["Data"] }]),
      false,
      /no management events/,
    ],
    [
      "advanced: write-only in any case",
      adv([category("Management"), { field: "readOnly", equals: [" FALSE "] }]),
      false,
      /write-only/,
    ],
    [
      "advanced: no eventCategory field selects every category",
      adv([{ field: "readOnly", equals: ["false"] }]),
      false,
      /advancedEventSelectors record write-only/,
    ],
    [
      "advanced: a selector without field selectors",
      { advancedEventSelectors: [{ name: "all" }] },
      true,
      /advancedEventSelectors record read and write/,
    ],
    [
      "advanced: management excluded in any case",
      adv([{ field: "eventCategory", notEquals: [" MANAGEMENT "] }]),
      false,
      /no management/,
    ],
    [
      "advanced: equals management and notEquals management",
      adv([{ field: "eventCategory", equals: ["Management"], notEquals: ["Management"] }]),
      false,
      /no management/,
    ],
    [
      "advanced: equals data and management",
      adv([{ field: "eventCategory", equals: ["Data", "Management"] }]),
      true,
      /read and write/,
    ],
    [
      "advanced: not write (readOnly notEquals false)",
      adv([category("Management"), { field: "readOnly", notEquals: [" FALSE "] }]),
      false,
      /read-only/,
    ],
    [
      "advanced: readOnly notEquals in any case",
      adv([category("Management"), { field: "readOnly", notEquals: ["TRUE"] }]),
      false,
      /write-only/,
    ],
    [
      "advanced: readOnly equals true and false",
      adv([category("Management"), { field: "readOnly", equals: ["true", "false"] }]),
      true,
      /read and write/,
    ],
    [
      "advanced: an event source excluded by prefix leaves the rest recorded",
      adv([category("Management"), { field: "eventSource", notStartsWith: ["kms."] }]),
      true,
      /read and write/,
    ],
    [
      "advanced: one selector for one event source beside one for every management event",
      adv(
        [category("Management"), { field: "eventSource", equals: ["s3.amazonaws.com"] }],
        [category("Management"), { field: "readOnly", equals: ["false"] }],
      ),
      false,
      /^advancedEventSelectors record write-only management events only$/,
    ],
    [
      "an empty advanced list falls back to the basic selectors",
      { advancedEventSelectors: [], eventSelectors: [{ readWriteType: "ReadOnly" }] },
      false,
      /^eventSelectors record read-only management events only$/,
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
