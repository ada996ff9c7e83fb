// Start-up trim for the engine's launch of the pack (the budget: <= 1.5 s on 2 cores).
//
// @pulumi/policy loads the whole @pulumi/pulumi SDK, whose closure serializer imports npm's
// @npmcli/arborist eagerly (~0.5 s here). Policy packs never serialize closures, so the module is
// registered as a lazy stand-in: the first property read loads the real module and forwards to it,
// so behaviour is unchanged if anything does use it. Any failure leaves Node's normal loading alone.
// Import this module before @pulumi/policy.
import * as path from "path";

function deferModule(request: string, fromPackage: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Node internals, untyped
  const Module = require("module") as {
    new (id: string, parent?: NodeModule): NodeModule;
    _nodeModulePaths(dir: string): string[];
  };
  const base = path.dirname(require.resolve(`${fromPackage}/package.json`));
  const resolved = require.resolve(request, { paths: [base] });
  if (require.cache[resolved]) {
    return;
  }
  let real: Record<string | symbol, unknown> | undefined;
  const load = (): Record<string | symbol, unknown> => {
    if (!real) {
      delete require.cache[resolved];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
      real = require(resolved) as Record<string | symbol, unknown>;
    }
    return real;
  };
  const stub = new Module(resolved, module);
  stub.filename = resolved;
  stub.loaded = true;
  stub.paths = Module._nodeModulePaths(path.dirname(resolved));
  // `__esModule` makes TypeScript's __importStar hand the proxy through without enumerating it.
  stub.exports = new Proxy(
    {},
    {
      get: (_t, prop) => (prop === "__esModule" ? true : load()[prop]),
      has: (_t, prop) => prop in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_t, prop) => {
        const d = Object.getOwnPropertyDescriptor(load(), prop);
        return d ? { ...d, configurable: true } : undefined;
      },
    },
  );
  require.cache[resolved] = stub;
}

try {
  deferModule("@npmcli/arborist", "@pulumi/pulumi");
} catch {
  // Not resolvable from here (another SDK layout): nothing to trim.
}
