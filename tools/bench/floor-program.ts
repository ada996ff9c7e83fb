// `npm run bench -- --floor N`: N log groups (a light type: ten properties), the SDK's registration
// cost alone, with the program's own treatment of the SDK's promise traces (sdk-traces.ts) and
// nothing else of it.
import * as aws from "@pulumi/aws";
import { skipSdkPromiseTraces } from "../../sdk-traces";

skipSdkPromiseTraces();
const count = Number(process.env.BENCH_RESOURCES);
for (let index = 0; index < count; index += 1) {
  new aws.cloudwatch.LogGroup(`floor-${index}`);
}
