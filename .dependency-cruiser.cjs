/**
 * The boundaries of the code (ARCHITECTURE.md), checked by `npm test` (src/boundaries.test.ts).
 * Paths are relative to the project root.
 */
const NOT_TESTS = '\\.test\\.ts$|\\.test-util\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import loop means two places each need the other: one of them is in the wrong place.',
      from: { path: '^src/', pathNot: NOT_TESTS },
      to: { circular: true },
    },
    {
      name: 'modules-through-index',
      severity: 'error',
      comment: "A module uses another only through its index.ts (its public API), never its internals.",
      from: { path: '^src/modules/([^/]+)/', pathNot: NOT_TESTS },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|contract)\\.ts$'] },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'platform/ is the kernel without business rules: it imports no module.',
      from: { path: '^src/(platform|db)/', pathNot: NOT_TESTS },
      to: { path: '^src/(modules|http|simulators)/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds pure rules: no I/O, no services, no database, no HTTP.',
      from: { path: '^src/modules/[^/]+/domain/', pathNot: NOT_TESTS },
      to: {
        path: [
          '^src/(db|http|simulators)/',
          '^src/modules/[^/]+/(use-cases|db)/',
          '^src/modules/[^/]+/(service|queries|routes|deps)\\.ts$',
          '^src/platform/(jobs|files|counters|schema)\\.ts$',
          '(^|/)node_modules/(drizzle-orm|pg|@electric-sql|nodemailer|smpp|fastify|@fastify)/',
        ],
      },
    },
    {
      name: 'domain-no-io-builtins',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/domain/', pathNot: NOT_TESTS },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|net|http|https|child_process|dgram|tls|dns)(/|$)' },
    },
    {
      name: 'simulators-speak-the-protocol',
      severity: 'error',
      comment: 'Simulators stand in for outside systems: they share only protocol code (src/protocols), never module internals.',
      from: { path: '^src/simulators/', pathNot: NOT_TESTS },
      to: { path: '^src/(modules|http)/' },
    },
    {
      name: 'protocols-are-neutral',
      severity: 'error',
      from: { path: '^src/protocols/', pathNot: NOT_TESTS },
      to: { path: '^src/(modules|http|simulators|db)/' },
    },
    {
      name: 'web-uses-only-contracts',
      severity: 'error',
      comment: 'The web app talks HTTP; from the server it imports only module contracts (request/response schemas).',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: ['^src/modules/[^/]+/contract\\.ts$', '^src/shared/', '^src/protocols/'] },
    },
    {
      name: 'contracts-are-portable',
      severity: 'error',
      comment: 'A contract (and src/shared) runs in the browser too: it imports only zod, src/shared and other contracts.',
      from: { path: ['^src/modules/[^/]+/contract\\.ts$', '^src/shared/'], pathNot: NOT_TESTS },
      to: { pathNot: ['^src/modules/[^/]+/contract\\.ts$', '^src/shared/', '(^|/)node_modules/zod/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
