// A one-resource program for the benchmark's own test (test/tools/bench/bench.test.ts).
import * as aws from "@pulumi/aws";

new aws.s3.Bucket("bench-probe");
