/** What the start banner tells: where the system is, how to sign in, where each simulator listens. */
export interface BannerInfo {
  url: string;
  database: string;
  demo?: { username: string; password: string };
  simulators: { name: string; where: string }[];
}

/** The few lines `npm start` prints before the logs: readable at a glance, nothing secret in production. */
export function startBanner(b: BannerInfo): string {
  const width = Math.max(...b.simulators.map((s) => s.name.length), 0);
  const lines = [
    '',
    `  QLDV is running at ${b.url}`,
    `  API docs            ${b.url}/docs`,
    `  Data                ${b.database}`,
  ];
  if (b.demo) lines.push(`  Sign in             ${b.demo.username} / ${b.demo.password}  (every demo account is in README.md)`);
  if (b.simulators.length) {
    lines.push('  Simulators (stand-ins for the outside systems):');
    for (const s of b.simulators) lines.push(`    ${s.name.padEnd(width)}  ${s.where}`);
  } else lines.push('  Outside systems     as configured (simulators: off)');
  lines.push('');
  return lines.join('\n');
}
