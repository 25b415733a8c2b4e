/** Checks every request makes at the edge, before any route sees it. */
/**
 * True when a string is text we can store and show: well-formed UTF-16 (no lone surrogate) and no
 * U+0000, which PostgreSQL cannot hold in `text` and which no form ever needs.
 */
export const isCleanText = (s: string): boolean => s.isWellFormed() && !s.includes('\u0000');

/** The path (`body.lines.0.description`) of the first string, key or value, that is not clean text; null if none. */
export function firstUncleanText(value: unknown, path: string): string | null {
  // Iterative, so that a deeply nested body cannot exhaust the stack.
  const todo: [unknown, string][] = [[value, path]];
  for (let item = todo.pop(); item; item = todo.pop()) {
    const [v, at] = item;
    if (typeof v === 'string') {
      if (!isCleanText(v)) return at;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (!isCleanText(k)) return `${at}.<key>`;
        todo.push([child, `${at}.${k}`]);
      }
    }
  }
  return null;
}
