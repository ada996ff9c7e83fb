// Type-aware lint: typescript-eslint's recommended rules plus Pulumi's rules against Outputs in
// template literals (they render as a warning string instead of the value). The policy pack is
// linted with the same rules; projectService types its files with policy-pack/tsconfig.json.
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "bin/**",
      "policy-pack/node_modules/**",
      "policy-pack/bin/**",
      ".scratch/**",
      // Stryker's sandbox copies of the tree while a mutation run is going.
      "**/.stryker-tmp/**",
      "reports/**",
      "eslint.config.mjs",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { pulumi },
    rules: {
      "pulumi/no-output-in-template-literal": "error",
      "pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tests and the mocks harness load the program with require() to rerun it under fresh mocks;
    // the benchmark's preload is plain CommonJS that cmd/run loads before ts-node.
    files: ["test/**/*.ts", "test/**/*.js", "tools/simulate/**/*.ts", "tools/bench/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The pack's tests load its internals and the gRPC stubs with require(); its bench and install
    // scripts are plain CommonJS run by node.
    files: [
      "policy-pack/test/**/*.ts",
      "policy-pack/test/**/*.js",
      "policy-pack/bench/**/*.js",
      "policy-pack/scripts/**/*.js",
    ],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
