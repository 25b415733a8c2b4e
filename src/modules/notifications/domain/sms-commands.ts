/**
 * Inbound SMS routing: a message to a short code is split into KEYWORD and arguments ("mk  1234" →
 * MK, ["1234"]) and handed to the command registered for that short code and keyword.
 */
export interface ParsedSms {
  keyword: string;
  args: string[];
}

export function parseSmsCommand(text: string): ParsedSms {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return { keyword: (words[0] ?? '').toUpperCase(), args: words.slice(1) };
}

export const commandKey = (shortCode: string, keyword: string) => `${shortCode}:${keyword.toUpperCase()}`;

export const UNKNOWN_COMMAND_REPLY =
  'Tin nhan khong dung cu phap. Vui long kiem tra lai hoac lien he 9090 de duoc ho tro.';
