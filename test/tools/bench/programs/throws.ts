// A program that fails, for the benchmark's own test (test/tools/bench/bench.test.ts).
throw new Error("bench-probe: this program fails on purpose");
