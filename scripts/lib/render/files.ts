/**
 * The footer line naming the raw JSON kept on disk. Output is redacted, the file is not (it is
 * the whole trace, for jq): the label says so, in one place for every script.
 */
export function rawJsonLine(what: string, files: readonly string[], fromUserFile = false): string {
  // Files mlflow wrote for us are created 0600 in a 0700 directory; a --from-file is the user's own.
  return `Full ${what} JSON (unredacted${fromUserFile ? '' : ', 0600'}): ${files.join(', ')}`;
}
