/** `text` taken literally inside a LIKE / ILIKE pattern: its %, _ and \ match themselves. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
