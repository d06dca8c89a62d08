/** The first line of standard input, without its newline (for secrets that must not appear in argv). */
export async function readStdinLine(): Promise<string> {
  if (process.stdin.isTTY) throw new Error("--password-stdin expects the password piped on standard input");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/, 1)[0] ?? "";
  if (!line) throw new Error("no password on standard input");
  return line;
}
