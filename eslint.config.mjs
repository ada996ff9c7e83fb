// Type-aware lint: typescript-eslint's recommended rules plus Pulumi's rules against Outputs in
// template literals (they render as a warning string instead of the value).
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "bin/**", "policy-pack/**", ".scratch/**", "eslint.config.mjs"] },
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
    // Tests and the mocks harness load the program with require() to rerun it under fresh mocks.
    files: ["test/**/*.ts", "test/**/*.js", "tools/simulate/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
