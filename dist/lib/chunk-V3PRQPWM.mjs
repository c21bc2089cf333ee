// scripts/lib/cli/short-lived.ts
import { setFlagsFromString } from "node:v8";
var TIERING_FLAG = "--interrupt-budget=540672";
var tunesTiering = (v8Version = process.versions.v8) => /^11\./.test(v8Version);
if (tunesTiering()) setFlagsFromString(TIERING_FLAG);

// scripts/lib/core/errors.ts
var ExitCode = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2,
  MLFLOW_MISSING: 3,
  UNREACHABLE: 4,
  NOT_FOUND: 5,
  BAD_DATA: 6,
  OUTPUT_DIR: 7,
  MLFLOW_FAILED: 8,
  AUTH: 9
};
var EXIT_CODE_TABLE = [
  [ExitCode.OK, "analysis done (whatever the trace itself says: an ERROR trace still exits 0)"],
  [ExitCode.INTERNAL, "internal error in this skill (a bug); set DEBUG=1 for the stack"],
  [ExitCode.USAGE, "bad or missing arguments, or MLFLOW_TRACKING_URI not set"],
  [ExitCode.MLFLOW_MISSING, "mlflow CLI not found, not runnable, or too old for `mlflow traces` (needs 3.4+)"],
  [ExitCode.UNREACHABLE, "tracking server unreachable, or mlflow timed out"],
  [
    ExitCode.NOT_FOUND,
    "not found: the tracking store (a sqlite or file path that does not exist; nothing is created), trace, experiment, a session with no traces, a --span that names no span, or an --undo run with nothing on the trace"
  ],
  [ExitCode.BAD_DATA, "CLI output or --from-file is not JSON, truncated, not a trace, not a regular file, or too large"],
  [ExitCode.OUTPUT_DIR, "cannot write the output (--out, --out-dir, the cache): a directory, device, FIFO or read-only place; checked before anything runs"],
  [ExitCode.MLFLOW_FAILED, "mlflow failed for another reason (its last error line is shown)"],
  [ExitCode.AUTH, "credentials missing or refused (authentication failed, permission denied, Databricks not configured)"]
];
var SIGNAL_EXIT_HELP = "  129/130/143  ended by SIGHUP / SIGINT (Ctrl-C) / SIGTERM; the mlflow it started is ended too";
var CODE_OF = {
  usage: ExitCode.USAGE,
  "mlflow-missing": ExitCode.MLFLOW_MISSING,
  "mlflow-too-old": ExitCode.MLFLOW_MISSING,
  unreachable: ExitCode.UNREACHABLE,
  timeout: ExitCode.UNREACHABLE,
  "trace-not-found": ExitCode.NOT_FOUND,
  "experiment-not-found": ExitCode.NOT_FOUND,
  "store-not-found": ExitCode.NOT_FOUND,
  "session-not-found": ExitCode.NOT_FOUND,
  "span-not-found": ExitCode.NOT_FOUND,
  "bad-data": ExitCode.BAD_DATA,
  "output-dir": ExitCode.OUTPUT_DIR,
  "mlflow-failed": ExitCode.MLFLOW_FAILED,
  "page-token-bug": ExitCode.MLFLOW_FAILED,
  auth: ExitCode.AUTH,
  "code-not-found": ExitCode.NOT_FOUND,
  "run-not-found": ExitCode.NOT_FOUND
};
var SkillError = class extends Error {
  name = "SkillError";
  kind;
  exitCode;
  hint;
  constructor(kind, message, options = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.exitCode = CODE_OF[kind];
    this.hint = options.hint ?? DEFAULT_HINT[kind];
  }
};
var DEFAULT_HINT = {
  usage: "Run the script with --help for its arguments and options.",
  "mlflow-failed": "Run the same mlflow command by hand (with this MLFLOW_TRACKING_URI) to see its whole output; DEBUG=1 shows this script's stack.",
  "bad-data": "Expected the JSON printed by `mlflow traces get` or `mlflow traces search --output json`.",
  "output-dir": "Pick a writable directory (or a regular file in one) for the output.",
  unreachable: "Check that the server is running and MLFLOW_TRACKING_URI points at it.",
  "trace-not-found": "Check the id and MLFLOW_TRACKING_URI; list recent traces with `mlflow traces search -x <EXPERIMENT_ID>`.",
  "span-not-found": "The span tree (inspect_turn <TRACE_ID>) lists every span with its id.",
  "session-not-found": "Check the session id and the experiment; discover_schema <EXPERIMENT> <SESSION_ID> shows where sessions live.",
  "experiment-not-found": "Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI."
};
function shown(value, max = 60) {
  const flat = value.replace(/[\r\n\t]+/g, " ");
  if (flat.length <= max) return JSON.stringify(flat);
  return `${JSON.stringify(flat.slice(0, max))}… (${value.length.toLocaleString("en-US")} chars)`;
}
function bare(value, max = 60) {
  const flat = value.replace(/[\r\n\t]+/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max)}… (${value.length.toLocaleString("en-US")} chars)`;
}
var plural = (n, one, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

// scripts/lib/mlflow/cache.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { chmodSync as chmodSync2, closeSync as closeSync2, lstatSync as lstatSync2, mkdirSync, mkdtempSync, openSync as openSync2, readdirSync as readdirSync2, unlinkSync as unlinkSync2 } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, isAbsolute, join as join3 } from "node:path";

// scripts/lib/mlflow/cache-entries.ts
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, closeSync, copyFileSync, linkSync, openSync, renameSync, rmSync, statSync as statSync2, writeSync } from "node:fs";
import { join } from "node:path";

// scripts/lib/core/read-json.ts
import { readFileSync, statSync } from "node:fs";

// scripts/lib/core/redaction-tally.ts
var markerOf = (kind) => `[redacted ${kind}]`;
var MARKER_START = "[redacted ";
var RedactionTally = class {
  kinds = {};
  count = 0;
  add(kind) {
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    this.count += 1;
    return markerOf(kind);
  }
};

// scripts/lib/core/environment-secrets.ts
var CREDENTIAL_ENV = [
  "MLFLOW_TRACKING_TOKEN",
  "MLFLOW_TRACKING_PASSWORD",
  "DATABRICKS_TOKEN",
  "DATABRICKS_CLIENT_SECRET",
  "DATABRICKS_PASSWORD",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
  "AZURE_OPENAI_API_KEY",
  "GOOGLE_API_KEY"
];
var CREDENTIAL_ENV_NAME = /(?:TOKEN|PASSWORD|PASSWD|SECRET|API_KEY|ACCESS_KEY|CLIENT_SECRET)$/;
function environmentSecrets(env = process.env) {
  const found = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < 4) continue;
    if (CREDENTIAL_ENV.includes(name) || CREDENTIAL_ENV_NAME.test(name)) found.push({ name, value });
  }
  const uri = env.MLFLOW_TRACKING_URI;
  if (uri) {
    try {
      const u = new URL(uri);
      if (u.password) found.push({ name: "MLFLOW_TRACKING_URI", value: decodeURIComponent(u.password) });
      for (const [k, v] of u.searchParams)
        if (v.length >= 4 && /token|password|passwd|secret|key|sig|auth/i.test(k)) found.push({ name: "MLFLOW_TRACKING_URI", value: v });
    } catch {
    }
  }
  return found.sort((a, b) => b.value.length - a.value.length);
}
var isWeakSecret = (value) => {
  const core = value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return value.length < 8 || /^(?:[A-Za-z][a-z]*|[A-Z]+)$/.test(core);
};
var escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
var wholeToken = (value) => new RegExp(`(?<![A-Za-z0-9_])${escapeRe(value)}(?![A-Za-z0-9_])`, "g");
var wholeWord = (value) => new RegExp(`(?<![A-Za-z0-9_./~-])${escapeRe(value)}(?![A-Za-z0-9_/-]|\\.[A-Za-z0-9])`, "g");
function maskWith(text2, secrets, pattern, tally) {
  let out = text2;
  for (const { name, value } of secrets) {
    if (!out.includes(value)) continue;
    out = out.replace(pattern(value), () => tally ? tally.add(`env ${name}`) : markerOf(`env ${name}`));
  }
  return out;
}
var STRUCTURAL_KEY = /(?:^|_)(?:id|ids|state|status|code|time|timestamp|duration|ms|nano|kind|type)$/i;
function maskEnvironmentInContent(json, rawText, env = process.env) {
  const secrets = environmentSecrets(env).filter(({ value }) => rawText.includes(value) || rawText.includes(JSON.stringify(value).slice(1, -1)));
  if (!secrets.length) return json;
  const walk = (v, key) => {
    if (typeof v === "string") return STRUCTURAL_KEY.test(key) ? v : maskWith(v, secrets, wholeToken);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(json, "");
}
function maskEnvironmentSecrets(text2, tally, env = process.env) {
  return maskWith(
    text2,
    environmentSecrets(env).filter(({ value }) => !isWeakSecret(value)),
    wholeWord,
    tally
  );
}
var ENV_MARKER = /\[redacted (env [A-Z0-9_]+)\]/g;
function countEnvironmentMarkers(text2, tally) {
  if (text2.includes("[redacted env ")) for (const m of text2.matchAll(ENV_MARKER)) tally.add(m[1]);
  return text2;
}

// scripts/lib/core/read-json.ts
var MAX_JSON_BYTES = 400 * 1024 * 1024;
function readJsonFile(path, what) {
  const hint = "Pass the path of a saved `mlflow traces get` or `traces search --output json` file.";
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new SkillError("usage", `${path} does not exist or cannot be read.`, { hint: "Check the path." });
  }
  if (st.isDirectory()) throw new SkillError("usage", `${path} is a directory, not a JSON file.`, { hint });
  if (!st.isFile()) throw new SkillError("usage", `${path} is not a regular file (a device, FIFO or socket).`, { hint });
  if (st.size === 0)
    throw new SkillError("bad-data", `${what} produced an empty file (${path}).`, {
      hint: "Expected JSON from `mlflow traces get` or `mlflow traces search --output json`."
    });
  if (st.size > MAX_JSON_BYTES)
    throw new SkillError(
      "bad-data",
      `${path} is ${Math.round(st.size / 1048576).toLocaleString("en-US")} MB, more than this tool reads (${MAX_JSON_BYTES / 1048576} MB).`,
      {
        hint: "Save a smaller search (fewer traces per file, --no-include-spans) or one trace with `mlflow traces get`."
      }
    );
  const text2 = readFileSync(path).toString("utf8");
  return maskEnvironmentInContent(parseJsonText(text2, `${what} (${path})`), text2);
}
function parseJsonText(raw, what) {
  let text2 = raw.charCodeAt(0) === 65279 ? raw.slice(1) : raw;
  const start = /^[ \t]*[{[]/m.exec(text2);
  if (!start) {
    const scalar = /^\s*(null|true|false|-?\d[\d.eE+-]*|"[^\n]*")\s*$/.exec(text2)?.[1];
    if (scalar !== void 0)
      throw new SkillError("bad-data", `${what} holds the JSON value ${shownScalar(scalar)}, not a trace or a search result.`, {
        hint: "Expected the JSON object printed by `mlflow traces get` or `mlflow traces search --output json`."
      });
    const first = text2.trim().split("\n")[0]?.slice(0, 120) ?? "";
    throw new SkillError("bad-data", `${what} is not JSON (starts with: ${shown(first)}).`, {
      hint: "Expected the JSON printed by `mlflow traces get` or `mlflow traces search --output json`."
    });
  }
  if (start.index > 0) text2 = text2.slice(start.index);
  try {
    return JSON.parse(text2);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const at = Number(/position (\d+)/.exec(msg)?.[1] ?? Number.NaN);
    if (/end of JSON input/i.test(msg) || at >= text2.trimEnd().length - 1) {
      throw new SkillError("bad-data", `${what} is truncated JSON (${text2.length.toLocaleString("en-US")} chars, ends mid-value).`, {
        hint: "The file was cut short: fetch or save it again."
      });
    }
    throw new SkillError("bad-data", `${what} is not valid JSON: ${msg.split("\n")[0]}`, {
      hint: "Expected the JSON printed by `mlflow traces get` or `mlflow traces search --output json`."
    });
  }
}
var shownScalar = (s) => s.length > 40 ? `${s.slice(0, 40)}…` : s;

// scripts/lib/mlflow/cache-entries.ts
var REUSE_MS = 15 * 6e4;
var sha = (s) => createHash("sha256").update(s).digest("hex").slice(0, 16);
function entryName(prefix, id) {
  const safe = id.replace(/[^\w.-]+/g, "_").slice(0, 80);
  return safe === id ? `${prefix}-${safe}.json` : `${prefix}-${safe}-${sha(id)}.json`;
}
var argvKey = (argv) => sha(JSON.stringify(argv));
function readEntry(file, reusable, reuseMs = REUSE_MS, now = Date.now()) {
  let ageMs;
  try {
    const st = statSync2(file);
    if (!st.isFile()) return null;
    ageMs = now - st.mtimeMs;
  } catch {
    return null;
  }
  if (ageMs >= reuseMs || ageMs < -6e4) return null;
  let json;
  try {
    json = readJsonFile(file, "a cached entry");
  } catch {
    return null;
  }
  return reusable(json) ? { json, ageMs: Math.max(0, ageMs) } : null;
}
var RUN = randomBytes(4).toString("hex");
var temps = 0;
var tempFor = (file) => `${file}.tmp-${process.pid}-${RUN}-${++temps}`;
function commit(tmp, file) {
  renameSync(tmp, file);
}
function writeEntry(file, text2) {
  const tmp = tempFor(file);
  const fd = openSync(tmp, "wx", 384);
  try {
    writeSync(fd, text2);
  } finally {
    closeSync(fd);
  }
  commit(tmp, file);
}
function keepIn(entry, dir, name) {
  const target = join(dir, name);
  const tmp = tempFor(target);
  try {
    try {
      linkSync(entry, tmp);
    } catch {
      copyFileSync(entry, tmp);
      chmodSync(tmp, 384);
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new SkillError("output-dir", `Cannot write ${target} (${err.code ?? "error"}).`, {
      hint: "Pick a writable --out-dir, or leave it out: the path of the cached JSON is printed either way."
    });
  }
  return target;
}

// scripts/lib/mlflow/cache-prune.ts
import { lstatSync, readdirSync, rmdirSync, statSync as statSync3, unlinkSync } from "node:fs";
import { join as join2 } from "node:path";
var KEEP_MS = 24 * 36e5;
var MAX_BYTES = 512 * 1024 * 1024;
var ORPHAN_MS = 10 * 6e4;
function prune(root, opts = {}) {
  const now = opts.now ?? Date.now();
  const keepMs = opts.keepMs ?? KEEP_MS;
  const maxBytes = opts.maxBytes ?? MAX_BYTES;
  const spare = new Set(opts.spare ?? []);
  const files = [];
  let removed = 0;
  const remove = (path) => {
    try {
      unlinkSync(path);
      removed += 1;
    } catch {
    }
  };
  for (const sub of safeList(root)) {
    const dir = join2(root, sub);
    for (const name of safeList(dir)) {
      const path = join2(dir, name);
      let st;
      try {
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (!st.isFile() || spare.has(path)) continue;
      const age = now - st.mtimeMs;
      if (name.includes(".tmp-") ? age > ORPHAN_MS : age > keepMs) remove(path);
      else if (!name.includes(".tmp-")) files.push({ path, size: st.size, mtimeMs: st.mtimeMs });
    }
    try {
      if (now - statSync3(dir).mtimeMs > keepMs) rmdirSync(dir);
    } catch {
    }
  }
  let total = files.reduce((s, f) => s + f.size, 0) + [...spare].reduce((s, p) => s + sizeOf(p), 0);
  for (const f of files.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (total <= maxBytes) break;
    remove(f.path);
    total -= f.size;
  }
  return { removed, bytes: total };
}
function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function sizeOf(path) {
  try {
    return statSync3(path).size;
  } catch {
    return 0;
  }
}

// scripts/lib/mlflow/cache.ts
var APP = "analyzing-mlflow-traces";
function preferredRoot(env = process.env) {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join3(env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir(), ".cache");
  return join3(base, APP);
}
function storeKey(env = process.env, cwd = process.cwd()) {
  const uri = env.MLFLOW_TRACKING_URI?.trim() || "";
  const parts = [uri];
  const remote = /^[a-z][\w+.-]*:\/\/[^/]/i.test(uri) || /^(databricks|uc)/i.test(uri);
  const absolute = /^(sqlite:\/\/\/\/|file:\/\/\/|\/)/i.test(uri);
  if (!remote && !absolute) parts.push(`cwd=${cwd}`);
  if (/^(databricks|uc)/i.test(uri)) parts.push(`host=${env.DATABRICKS_HOST ?? ""}`, `profile=${env.DATABRICKS_CONFIG_PROFILE ?? ""}`);
  parts.push(`user=${env.MLFLOW_TRACKING_USERNAME ?? ""}`);
  return sha(parts.join("\0"));
}
function ensurePrivateDir(dir) {
  const missing = [];
  for (let d = dir; !exists(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d, { mode: 448 });
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
  }
  const st = lstatSync2(dir);
  if (!st.isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: st.isSymbolicLink() ? "ESYMLINK" : "ENOTDIR" });
  const uid = process.getuid?.();
  if (uid !== void 0 && st.uid !== uid) throw Object.assign(new Error(`${dir} belongs to another user`), { code: "EOWNER" });
  if ((st.mode & 63) !== 0) chmodSync2(dir, 448);
  const probe = join3(dir, `.probe-${process.pid}-${randomBytes2(4).toString("hex")}`);
  closeSync2(openSync2(probe, "wx", 384));
  unlinkSync2(probe);
}
function exists(path) {
  try {
    lstatSync2(path);
    return true;
  } catch {
    return false;
  }
}
var store = null;
function cacheStore(env = process.env) {
  if (store) return store;
  const key = storeKey(env);
  const preferred = preferredRoot(env);
  const uid = process.getuid?.() ?? "user";
  const candidates = [() => preferred, () => join3(tmpdir(), `${APP}-${uid}`), () => mkdtempSync(join3(tmpdir(), `${APP}-`))];
  let why = "";
  for (const [i, candidate] of candidates.entries()) {
    try {
      const root = candidate();
      ensurePrivateDir(root);
      const dir = join3(root, key);
      ensurePrivateDir(dir);
      const fallback = i === 0 ? null : `${preferred} cannot be used (${why}); cached in ${root}`;
      if (fallback) process.stderr.write(`note: the trace cache ${fallback}
`);
      store = { dir, root, fallback };
      return store;
    } catch (err) {
      if (!why) why = err.code ?? (err instanceof Error ? err.message : String(err));
    }
  }
  throw new SkillError("output-dir", `No writable directory for mlflow's output (${preferred}: ${why}; the temp directory failed too).`, {
    hint: "Set XDG_CACHE_HOME or TMPDIR to a writable directory."
  });
}
var uses = [];
function recordUse(hit, ageMs) {
  uses.push({ hit, ageMs });
}
function cacheStatus() {
  if (!uses.length) return null;
  const hits = uses.filter((u) => u.hit);
  const status = {
    hit: hits.length === uses.length,
    ageS: Math.round(Math.max(0, ...hits.map((u) => u.ageMs)) / 1e3)
  };
  if (hits.length && hits.length < uses.length) status.partial = true;
  if (store?.fallback) status.fallback = store.fallback;
  return status;
}
var pruned = false;
function pruneOnce(spare) {
  if (pruned || !store) return;
  pruned = true;
  prune(store.root, { spare });
}
function dropAfterWrite(traceId, experimentId) {
  const dir = cacheStore().dir;
  const stale = /* @__PURE__ */ new Set([entryName("trace", traceId)]);
  let removed = 0;
  let names = [];
  try {
    names = readdirSync2(dir);
  } catch {
    return 0;
  }
  const searchPrefix = experimentId === null ? "search-" : `search-${experimentId.replace(/[^\w.-]+/g, "_").slice(0, 80)}-`;
  for (const name of names) {
    if (!stale.has(name) && !name.startsWith(searchPrefix)) continue;
    try {
      unlinkSync2(join3(dir, name));
      removed++;
    } catch {
    }
  }
  return removed;
}

// scripts/lib/mlflow/runner.ts
import { accessSync, closeSync as closeSync3, constants, fchmodSync, openSync as openSync3, statSync as statSync4 } from "node:fs";
import { delimiter, join as join5 } from "node:path";
import { $ } from "../vendor/zx__core.mjs";

// scripts/lib/core/secret-shapes.ts
var B = String.raw`(?<![A-Za-z0-9_-])`;
var mixed = (s) => /[A-Z]/.test(s.slice(1)) || /[0-9=+/._~-]/.test(s);
var awsSecretLike = (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) && !s.startsWith("/") && (s.match(/\//g)?.length ?? 0) <= 3;
var SEP = String.raw`(?:\s|\\[nr])`;
var PRIVATE_KEY_RULES = [
  // Whole block.
  {
    kind: "private-key",
    re: new RegExp(String.raw`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, "g")
  },
  // A block cut short (a preview, a page): the header and every base64 line after it.
  { kind: "private-key", re: new RegExp(String.raw`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(?:${SEP}+[A-Za-z0-9+/=:,-]{2,})*`, "g") },
  // The tail of a block whose start was on an earlier page.
  { kind: "private-key", re: new RegExp(String.raw`(?:[A-Za-z0-9+/=]{16,}${SEP}+)+-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, "g") }
];
var SHAPE_RULES = [
  // The signature is optional: a view cut after the payload still holds a token (the 40-character
  // payload run would otherwise go to aws-secret-key and leave the header showing).
  { kind: "jwt", re: new RegExp(String.raw`${B}eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?`, "g") },
  { kind: "anthropic-key", re: new RegExp(String.raw`${B}sk-ant-[A-Za-z0-9_-]{20,}`, "g") },
  { kind: "openai-key", re: new RegExp(String.raw`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}`, "g") },
  { kind: "stripe-key", re: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { kind: "github-token", re: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: "slack-token", re: /(?<![A-Za-z0-9])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}/g },
  { kind: "google-api-key", re: new RegExp(String.raw`${B}AIza[0-9A-Za-z_-]{30,}`, "g") },
  { kind: "aws-access-key", re: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { kind: "bearer-token", re: /(\b(?:[Bb]earer|BEARER)\s+)([A-Za-z0-9._~+/=-]{8,})/g, keep: true, accept: mixed },
  { kind: "basic-credentials", re: /(\b(?:[Bb]asic|BASIC)\s+)([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g, keep: true, accept: mixed },
  // scheme://user:password@host keeps the user; a bare userinfo that long is a token.
  { kind: "url-password", re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:'"\\]+:)([^\s/@'"\\]+)(?=@)/gi, keep: true },
  { kind: "url-credentials", re: /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/@:'"\\]{16,})(?=@)/gi, keep: true },
  // Query parameters named like credentials (?token=, &sig=, &X-Amz-Signature=…).
  { kind: "url-param", re: /([?&;][\w.-]*(?:token|password|passwd|secret|key|signature|sig|auth|credential)[\w.-]*=)([^&\s'"#\\[]+)/gi, keep: true },
  // An AWS secret access key: 40 base64 characters of mixed case and digits, standing alone.
  { kind: "aws-secret-key", re: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, accept: awsSecretLike }
];
var CUT_RULES = [
  { kind: "cut-secret", re: /(?<![A-Za-z0-9_\-/+])(?:sk-|sk_|rk_|gh[pousr]_|github_pat_|xox[abposr]-|AIza|AKIA|ASIA|eyJ)[A-Za-z0-9_\-./+=]*(?=\s*…)/g },
  { kind: "cut-secret", re: /(?<![A-Za-z0-9_\-/+])[A-Za-z0-9_\-/+]{16,}(?=\s*…)/g, accept: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) }
];
function applyShapes(text2, rules, tally) {
  let out = text2;
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, (whole2, ...groups) => {
      const kept = rule.keep ? String(groups[0] ?? "") : "";
      const secret = whole2.slice(kept.length);
      if (secret.startsWith(MARKER_START) || rule.accept && !rule.accept(secret)) return whole2;
      return kept + tally.add(rule.kind);
    });
  }
  return out;
}
function shapeKindOf(value) {
  const v = value.trim().replace(/^(?:[Bb]earer|[Bb]asic|Token)\s+/, "");
  for (const rule of SHAPE_RULES) {
    if (rule.keep) continue;
    const re = new RegExp(`^(?:${rule.re.source})$`, rule.re.flags.replace("g", ""));
    if (re.test(v) && (!rule.accept || rule.accept(v))) return rule.kind;
  }
  return null;
}
var AWS_ID_PREFIXES = "AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA";
var SHAPE_HINT = new RegExp(
  String.raw`sk-|sk_|rk_|gh[pousr]_|github_pat_|xox|xapp-|AIza|${AWS_ID_PREFIXES}|eyJ|bearer|basic|:\/\/|[?&;][\w.-]*=|[A-Za-z0-9/+]{40}`,
  "i"
);

// scripts/lib/core/secret-names.ts
var SECRET_NAME_HINT = /authori[sz]ation|api[_-]?key|apikey|passw|passphrase|secret|private[_-]?key|token|cookie|credential|signature/i;
var AUTH_NAMES = String.raw`(?:proxy[_-]?)?authorization|x[_-]?api[_-]?key|api[_-]?key|apikey`;
var PASSWORD_NAMES = String.raw`password|passwd|passphrase|client[_-]?secret|secret[_-]?(?:access[_-]?)?key|secret|private[_-]?key`;
var TOKEN_NAMES = String.raw`(?:access|refresh|id|auth|api|session|bearer|security|csrf|xsrf)[_-]?token|token`;
var OTHER_NAMES = String.raw`set[_-]?cookie|cookie|credentials?|signature`;
var SECRET_NAME = `(?:${AUTH_NAMES}|${PASSWORD_NAMES}|${TOKEN_NAMES}|${OTHER_NAMES})`;
var SECRET_KEY = new RegExp(String.raw`^[\w.-]*?${SECRET_NAME}$`, "i");
var NOT_SECRET_KEY = /(?:^|[_.-])(?:next[_-]?)?page[_-]?token$|^(?:next|page)Token$/i;
var isSecretKey = (key) => SECRET_NAME_HINT.test(key) && SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key);
function kindOfKey(key) {
  const k = key.toLowerCase();
  if (k.includes("authorization")) return "authorization";
  if (/cookie/.test(k)) return "cookie";
  if (/pass(?:wd|word|phrase)/.test(k)) return "password";
  if (/private[_-]?key/.test(k)) return "private-key";
  if (/api[_-]?key|apikey/.test(k)) return "api-key";
  if (/secret/.test(k)) return "secret";
  if (/token/.test(k)) return "token";
  if (/signature/.test(k)) return "signature";
  return "credentials";
}
var ENV_VAR_NAME = /^\$?(?:MLFLOW|DATABRICKS|OPENAI|ANTHROPIC|AWS|AZURE|GOOGLE|GEMINI|HF|HUGGINGFACE|GITHUB|LANGCHAIN|LANGSMITH)_[A-Z0-9_]+$/;
function harmless(value, key) {
  const v = value.trim();
  if (!v || v.startsWith(MARKER_START)) return true;
  if (/^(?:null|none|true|false|undefined|\*+|<[^<>]*>|\[[^\]]*\])$/i.test(v)) return true;
  if (ENV_VAR_NAME.test(v)) return true;
  return /token/i.test(key) && /^\d+$/.test(v);
}
function maskValue(value, key, tally) {
  return tally.add(shapeKindOf(value) ?? kindOfKey(key));
}
var KEY_IN_TEXT = new RegExp(String.raw`(?<![\w.-])([\w.-]*?${SECRET_NAME})(?![\w-])(\\*["'])?\s*(?:=|:(?!//))[ \t]*`, "gi");
var SCHEME = /^(?:Bearer|Basic|Token|Digest|Negotiate|Bot|AWS4-HMAC-SHA256)\s+/i;
var LINE_END = /[\n\r]/;
function valueAt(text2, at, key) {
  const quote = /^\\*["']/.exec(text2.slice(at, at + 8));
  if (quote) {
    const q = quote[0];
    const start2 = at + q.length;
    if (q.length === 1) {
      for (let i = start2; i < text2.length && i < start2 + 1e5; i++) {
        const c2 = text2[i];
        if (c2 === "\\") i++;
        else if (c2 === q) return { start: start2, end: i };
        else if (c2 === "\n" || c2 === "…") return { start: start2, end: i };
      }
      return { start: start2, end: Math.min(text2.length, start2 + 1e5) };
    }
    const close = text2.indexOf(q, start2);
    const nl = text2.slice(start2).search(/[\n\r…]/);
    const end2 = close >= 0 && (nl < 0 || close < start2 + nl) ? close : nl >= 0 ? start2 + nl : text2.length;
    return { start: start2, end: end2 };
  }
  const c = text2[at];
  if (c === void 0 || c === "{" || c === "\n") return null;
  if (c === "[") {
    if (text2.startsWith(MARKER_START, at)) return null;
    const close = text2.indexOf("]", at);
    const nl = text2.slice(at).search(LINE_END);
    if (close < 0 || nl >= 0 && close > at + nl) return null;
    return { start: at + 1, end: close };
  }
  const scheme = SCHEME.exec(text2.slice(at, at + 40));
  const start = at + (scheme ? scheme[0].length : 0);
  const wide = /authorization|cookie/i.test(key);
  const stop = wide ? /[\n\r"'…]/ : /[\s"',;&)}\]<>…\\]/;
  let end = start;
  while (end < text2.length && !stop.test(text2[end])) end++;
  return end > start ? { start, end } : null;
}
function maskNamedValues(text2, tally) {
  let out = "";
  let cursor = 0;
  KEY_IN_TEXT.lastIndex = 0;
  for (let m = KEY_IN_TEXT.exec(text2); m; m = KEY_IN_TEXT.exec(text2)) {
    if (m.index < cursor) continue;
    const key = m[1];
    if (!isSecretKey(key)) continue;
    const v = valueAt(text2, m.index + m[0].length, key);
    if (!v) continue;
    const value = text2.slice(v.start, v.end);
    if (harmless(value, key)) continue;
    out += text2.slice(cursor, v.start) + maskValue(value, key, tally);
    cursor = v.end;
    KEY_IN_TEXT.lastIndex = Math.max(KEY_IN_TEXT.lastIndex, v.end);
  }
  return out + text2.slice(cursor);
}

// scripts/lib/core/redact.ts
function redactText(text2, tally = new RedactionTally()) {
  if (!text2) return text2;
  let out = text2;
  countEnvironmentMarkers(out, tally);
  if (out.includes("PRIVATE KEY")) out = applyShapes(out, PRIVATE_KEY_RULES, tally);
  if (SECRET_NAME_HINT.test(out)) out = maskNamedValues(out, tally);
  if (SHAPE_HINT.test(out)) out = applyShapes(out, SHAPE_RULES, tally);
  return out.includes("…") ? applyShapes(out, CUT_RULES, tally) : out;
}
function redactJson(value, tally = new RedactionTally()) {
  if (typeof value === "string") return redactText(value, tally);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, tally));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = typeof v === "string" && isSecretKey(k) && !harmless(v, k) ? maskValue(v, k, tally) : redactJson(v, tally);
    }
    return out;
  }
  return value;
}
function redact(text2) {
  return redactText(maskEnvironmentSecrets(text2));
}
function withoutCredentials(uri) {
  try {
    const u = new URL(uri);
    u.username = "";
    u.password = "";
    u.search = "";
    return u.toString();
  } catch {
    return redact(uri);
  }
}

// scripts/lib/mlflow/failures.ts
function lastErrorLine(stderr) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const error = [...lines].reverse().find((l) => /^(Error:|[\w.]*(Exception|Error)\b)/.test(l));
  return redact(error ?? lines.at(-1) ?? "(no error output)");
}
var UNREACHABLE = new RegExp(
  [
    "Max retries exceeded|NewConnectionError|Connection refused|ConnectionError|Failed to establish",
    "Name or service not known|timeout exception|Read timed out|RemoteDisconnected"
  ].join("|")
);
function classifyFailure(exitCode, stderr, args, env = process.env) {
  const line = lastErrorLine(stderr);
  const has = (re) => re.test(stderr);
  const refused = credentialFailure(stderr, env);
  if (refused) return refused;
  if (has(/No such command '?traces'?/i) || exitCode === 2 && has(/No such command/)) {
    return new SkillError("mlflow-too-old", "This mlflow has no `mlflow traces` command (it needs MLflow 3.4 or newer).", {
      hint: 'Upgrade with `pip install -U "mlflow>=3.4"`, or set MLFLOW_BIN to a newer mlflow.'
    });
  }
  if (has(/Object of type bytes is not JSON serializable/)) {
    return new SkillError("page-token-bug", "mlflow could not print a page token as JSON (an MLflow CLI bug with SQL stores).", {
      hint: "Fewer traces per call avoids it; report the command with --json output to the skill maintainers."
    });
  }
  if (has(/Trace with (ID|request_id) '?[^']*'? not found|RESOURCE_DOES_NOT_EXIST.*[Tt]race/) || has(/RESOURCE_DOES_NOT_EXIST/) && args.includes("get")) {
    const at = args.indexOf("--trace-id");
    const named = at >= 0 ? args[at + 1] : /Trace with (?:ID|request_id) '?([^' ]+)'? not found/.exec(stderr)?.[1];
    return new SkillError("trace-not-found", `Trace ${named ? `${named} ` : ""}was not found in this tracking store.`, {
      hint: "Check the id (it looks like tr-<32 hex>) and MLFLOW_TRACKING_URI; list recent ones with `mlflow traces search -x <EXPERIMENT_ID>`."
    });
  }
  if (has(/[Ee]xperiment.*(does not exist|not found|Could not find)|Could not find experiment|No Experiment with id|RESOURCE_DOES_NOT_EXIST: Node ID/)) {
    return new SkillError("experiment-not-found", "The experiment was not found in this tracking store.", {
      hint: "Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI."
    });
  }
  if (has(/invalid literal for int\(\)|must be an integer|Invalid experiment ID/i)) {
    return new SkillError("experiment-not-found", "The experiment id is not valid for this tracking store (ids are numbers).", {
      hint: "Find the numeric id with `mlflow experiments search`."
    });
  }
  if (has(UNREACHABLE)) {
    return new SkillError("unreachable", `The tracking server did not answer: ${line}`, {
      hint: "Check that the server is running and MLFLOW_TRACKING_URI points at it."
    });
  }
  if (exitCode === 2) {
    return new SkillError("mlflow-failed", `mlflow rejected the command: ${line}`, {
      hint: "An MLflow version this skill does not know? Run the mlflow command shown with --verbose."
    });
  }
  return new SkillError("mlflow-failed", `mlflow failed (exit ${exitCode ?? "?"}): ${line}`);
}
var isDatabricks = (stderr, env) => /^(databricks|databricks-uc|uc)\b/i.test(env.MLFLOW_TRACKING_URI ?? "") || /Databricks credential configuration|auth_type=|Env: DATABRICKS_/.test(stderr);
var SET_DATABRICKS = "For Databricks set DATABRICKS_HOST (https://<workspace>.cloud.databricks.com) and DATABRICKS_TOKEN (a personal access token), or a profile from ~/.databrickscfg with MLFLOW_TRACKING_URI=databricks://<profile> or DATABRICKS_CONFIG_PROFILE (`databricks auth login` writes one).";
var SET_SERVER = "Set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (a server run with --app-name basic-auth), or MLFLOW_TRACKING_TOKEN for a server behind a bearer-token proxy.";
var UNAUTHENTICATED = new RegExp(
  [
    String.raw`UNAUTHENTICATED|error code 401\b|\b401 Client Error|You are not authenticated|\b401 Unauthorized`,
    String.raw`Invalid access token|RestException: 401\b|RestException: 403: Invalid access token`
  ].join("|")
);
function credentialFailure(stderr, env = process.env) {
  const has = (re) => re.test(stderr);
  const databricks = isDatabricks(stderr, env);
  const line = lastErrorLine(stderr);
  if (has(/Reading Databricks credential configuration failed|default auth: cannot configure default credentials|Got malformed Databricks CLI profile/)) {
    const profile = /^databricks:\/\/([^/?\s]+)/.exec(env.MLFLOW_TRACKING_URI ?? "")?.[1] ?? /tracking URI 'databricks:\/\/([^'"\s{}]+)'/.exec(stderr)?.[1] ?? env.DATABRICKS_CONFIG_PROFILE;
    return new SkillError("auth", `Databricks credentials are not configured${profile ? ` (profile "${profile}" was not found or is incomplete)` : ""}.`, {
      hint: SET_DATABRICKS
    });
  }
  if (has(UNAUTHENTICATED)) {
    return new SkillError("auth", `The tracking server refused the credentials (authentication failed): ${line}`, {
      hint: databricks ? `The token is missing, expired or wrong. ${SET_DATABRICKS}` : `The user name, password or token is missing or wrong. ${SET_SERVER}`
    });
  }
  if (has(/PERMISSION_DENIED|error code 403\b|\b403 Client Error|Response body: '?Permission denied|RestException: 403\b|\b403 Forbidden/)) {
    return new SkillError("auth", `The tracking server denied access (permission denied): ${line}`, {
      hint: databricks ? "The credentials work but lack permission: ask for CAN_READ on the experiment, or use a token of a user who has it." : "The credentials work but this user may not read the experiment: an admin can grant READ (MLflow basic-auth permissions), or use another user."
    });
  }
  return null;
}

// scripts/lib/mlflow/store-uri.ts
import { existsSync as existsSync2 } from "node:fs";
import { connect } from "node:net";
import { isAbsolute as isAbsolute2, resolve } from "node:path";

// scripts/lib/mlflow/links.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
import { homedir as homedir2 } from "node:os";
import { join as join4 } from "node:path";
function uiBase(env = process.env) {
  const uri = env.MLFLOW_TRACKING_URI?.trim() ?? "";
  if (/^https?:\/\//i.test(uri)) return `${withoutCredentials(uri).replace(/\/+$/, "")}/#`;
  if (/^databricks\b/i.test(uri)) {
    const host = databricksHost(uri, env);
    return host ? `${host}/ml` : null;
  }
  return null;
}
function databricksHost(uri, env) {
  const clean = (h) => withoutCredentials(/^https?:\/\//i.test(h) ? h : `https://${h}`).replace(/\/+$/, "");
  if (env.DATABRICKS_HOST?.trim()) return clean(env.DATABRICKS_HOST.trim());
  const profile = /^databricks:\/\/([^/?:\s]+)/.exec(uri)?.[1] ?? env.DATABRICKS_CONFIG_PROFILE ?? "DEFAULT";
  const file = env.DATABRICKS_CONFIG_FILE ?? join4(env.HOME ?? homedir2(), ".databrickscfg");
  if (!existsSync(file)) return null;
  let section = "";
  for (const line of readFileSync2(file, "utf8").split("\n")) {
    const head = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (head) section = head[1]?.trim() ?? "";
    const host = /^\s*host\s*=\s*(\S+)/.exec(line)?.[1];
    if (host && section === profile) return clean(host);
  }
  return null;
}
var enc = encodeURIComponent;
function experimentLink(experimentId, env = process.env) {
  const base = uiBase(env);
  return base && experimentId ? `${base}/experiments/${enc(experimentId)}/traces` : null;
}
function traceLink(experimentId, traceId, env = process.env) {
  const tab = experimentLink(experimentId, env);
  return tab ? `${tab}?selectedEvaluationId=${enc(traceId)}` : null;
}
function sessionLink(experimentId, sessionId, env = process.env) {
  const base = uiBase(env);
  return base && experimentId ? `${base}/experiments/${enc(experimentId)}/chat-sessions/${enc(sessionId)}` : null;
}

// scripts/lib/mlflow/store-uri.ts
var SET_URI = "Set MLFLOW_TRACKING_URI to your server (http://localhost:5000), a store (sqlite:////abs/path/mlflow.db) or databricks; or read a saved trace with --from-file.";
function localStorePath(uri, cwd = process.cwd()) {
  const sqlite = /^sqlite:\/\/(\/?)(.*)$/i.exec(uri);
  if (sqlite) {
    const rest = decodeURIComponent(sqlite[2].split("?")[0].replace(/^file:(?:\/\/(?=\/))?/i, ""));
    if (!sqlite[1] || !rest || rest === ":memory:") return null;
    return isAbsolute2(rest) ? rest : resolve(cwd, rest);
  }
  const file = /^file:(?:\/\/)?(\/.*)$/i.exec(uri);
  if (file) return decodeURIComponent(file[1]);
  if (!/^[a-z][\w+.-]*:/i.test(uri) && !/^(?:databricks|databricks-uc|uc)$/i.test(uri)) return resolve(cwd, uri);
  return null;
}
function checkTrackingStore(env = process.env, cwd = process.cwd()) {
  const uri = env.MLFLOW_TRACKING_URI?.trim() ?? "";
  if (!uri)
    throw new SkillError("usage", "MLFLOW_TRACKING_URI is not set: mlflow would read (and create) a store in the working directory.", {
      hint: SET_URI
    });
  const path = localStorePath(uri, cwd);
  if (path !== null && !existsSync2(path))
    throw new SkillError("store-not-found", `The tracking store ${shown(path, 120)} does not exist (MLFLOW_TRACKING_URI); nothing was created.`, {
      hint: `Check the path (sqlite:////abs/path is absolute, sqlite:///rel/path is relative to the working directory). ${SET_URI}`
    });
}
var probed = null;
function probeDatabricksHost(env = process.env, connectMs = 1e4) {
  const uri = env.MLFLOW_TRACKING_URI?.trim() ?? "";
  if (!/^(databricks|databricks-uc|uc)\b/i.test(uri)) return Promise.resolve();
  const host = databricksHost(uri.replace(/^(databricks-uc|uc)\b/i, "databricks"), env);
  if (!host) return Promise.resolve();
  probed ??= connectOnce(host, connectMs);
  return probed;
}
function connectOnce(host, connectMs) {
  let url;
  try {
    url = new URL(host);
  } catch {
    return Promise.resolve();
  }
  const port = Number(url.port || (url.protocol === "http:" ? 80 : 443));
  return new Promise((done, fail) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port });
    const refuse = (why) => {
      socket.destroy();
      fail(
        new SkillError("unreachable", `The Databricks host ${url.host} ${why}.`, {
          hint: "Check DATABRICKS_HOST (https://<workspace>.cloud.databricks.com) or the host of your ~/.databrickscfg profile, and the network."
        })
      );
    };
    socket.setTimeout(connectMs, () => refuse(`did not accept a connection within ${Math.round(connectMs / 1e3)} s`));
    socket.once("connect", () => {
      socket.destroy();
      done();
    });
    socket.once(
      "error",
      (err) => refuse(err.code === "ENOTFOUND" || err.code === "EAI_AGAIN" ? "does not resolve (DNS)" : `refused the connection (${err.code ?? "error"})`)
    );
  });
}

// scripts/lib/mlflow/runner.ts
var calls = 0;
var mlflowMs = 0;
var running = 0;
var busySince = 0;
var mlflowCallCount = () => calls;
var mlflowWallMs = () => mlflowMs + (running ? performance.now() - busySince : 0);
var timeline = [];
var mlflowTimeline = () => timeline;
var callSummary = (args) => args.map((a, i) => args[i - 1] === "--filter-string" || args[i - 1] === "--page-token" ? `<${a.length} chars>` : a).filter((a, i) => args[i - 1] !== "--experiment-id" && a !== "--experiment-id").join(" ");
var DEFAULT_TIMEOUT_MS = 12e4;
function isExecutableFile(path) {
  try {
    if (!statSync4(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function resolveMlflowBin(env = process.env) {
  const explicit = env.MLFLOW_BIN;
  if (explicit) {
    if (!isExecutableFile(explicit)) {
      throw new SkillError("mlflow-missing", `MLFLOW_BIN=${explicit} is not an executable file.`, {
        hint: "Point MLFLOW_BIN at the mlflow executable (e.g. .venv/bin/mlflow), or unset it to use mlflow from PATH."
      });
    }
    return explicit;
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir && isExecutableFile(join5(dir, "mlflow"))) return join5(dir, "mlflow");
  }
  throw new SkillError("mlflow-missing", "The mlflow CLI was not found on PATH.", {
    hint: 'Install it with `pip install "mlflow>=3.4"` (the full package for sqlite stores), or set MLFLOW_BIN to its path.'
  });
}
function childEnv() {
  const env = { ...process.env };
  env.MLFLOW_HTTP_REQUEST_MAX_RETRIES ??= "0";
  env.MLFLOW_HTTP_REQUEST_TIMEOUT ??= "15";
  env.PYTHONWARNINGS ??= "ignore";
  env.PYTHONIOENCODING ??= "utf-8";
  return env;
}
var liveGroups = /* @__PURE__ */ new Set();
var SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
var signalsHandled = false;
function endGroupsOnSignals() {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      for (const pid of liveGroups) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
        }
      }
      process.stderr.write(
        `error: interrupted by ${signal}; the mlflow call was stopped.
hint: Run the command again (raise --timeout if it was cut for time).
`
      );
      process.exit(code);
    });
  }
}
var shQuote = (arg) => `'${arg.replaceAll("'", `'\\''`)}'`;
function spawnMlflow(bin, args, out) {
  const run = $({
    shell: "/bin/sh",
    prefix: "",
    postfix: "",
    quote: shQuote,
    stdio: ["ignore", out, "pipe"],
    env: childEnv(),
    detached: true,
    nothrow: true,
    quiet: true,
    verbose: false
  });
  return run`exec ${bin} ${[...args]}`;
}
var couldNotStart = (bin, exitCode, stderr) => (exitCode === 126 || exitCode === 127) && stderr.split("\n", 1)[0]?.includes(`${bin}:`) === true;
async function runMlflow(args, outFile, options = {}) {
  checkTrackingStore();
  const bin = resolveMlflowBin();
  await probeDatabricksHost();
  endGroupsOnSignals();
  const started = performance.now();
  calls += 1;
  if (process.stderr.isTTY && !process.env.CI) process.stderr.write(`… mlflow ${args.slice(0, 2).join(" ")} (Python start-up takes a few seconds)
`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const out = openSync3(outFile, "w", 384);
  fchmodSync(out, 384);
  if (running++ === 0) busySince = performance.now();
  const child = spawnMlflow(bin, args, out);
  const pid = child.pid;
  let timedOut = false;
  const killGroup = (signal) => {
    try {
      if (pid) process.kill(-pid, signal);
    } catch {
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    setTimeout(() => killGroup("SIGKILL"), 2e3).unref();
  }, timeoutMs);
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);
  if (pid) liveGroups.add(pid);
  const result = await child.finally(() => closeSync3(out));
  if (pid) liveGroups.delete(pid);
  clearTimeout(timer);
  process.removeListener("exit", onExit);
  const durationMs2 = performance.now() - started;
  if (--running === 0) mlflowMs += performance.now() - busySince;
  timeline.push({ what: callSummary(args), atMs: Math.round(started), ms: Math.round(durationMs2) });
  const stderr = result.stderr;
  if (timedOut) {
    throw new SkillError("timeout", `mlflow did not finish within ${Math.round(timeoutMs / 1e3)} s.`, {
      hint: "Is the tracking server up and answering? Raise the limit with --timeout SECONDS."
    });
  }
  if (result.exitCode === null && result.signal === null || couldNotStart(bin, result.exitCode, stderr)) {
    const why = result.exitCode === 126 ? " (not executable)" : result.exitCode === 127 ? " (not found)" : "";
    throw new SkillError("mlflow-missing", `Could not start ${bin}${why}.`, {
      hint: 'Set MLFLOW_BIN to a working mlflow executable, or install mlflow with `pip install "mlflow>=3.4"`.'
    });
  }
  if (result.exitCode !== 0) throw classifyFailure(result.exitCode ?? void 0, stderr, args);
  return { file: outFile, stderr, durationMs: durationMs2 };
}

// scripts/lib/cli/options.ts
import { z } from "../vendor/zod.mjs";
var flagName = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
var flag = (help) => ({ kind: "flag", help, schema: z.boolean().default(false) });
var text = (metavar, help) => ({
  kind: "value",
  metavar,
  help,
  schema: z.string().optional()
});
function count(metavar, help, fallback, max = Number.MAX_SAFE_INTEGER) {
  const n = z.string().regex(/^\d+$/).transform(Number).refine((v) => v > 0 && v <= max);
  return {
    kind: "value",
    metavar,
    help,
    expects: max < Number.MAX_SAFE_INTEGER ? `a positive whole number up to ${max.toLocaleString("en-US")}` : "a positive whole number",
    example: String(fallback ?? 10),
    schema: fallback === void 0 ? n.optional() : n.default(fallback)
  };
}
var whole = (metavar, help, fallback) => ({
  kind: "value",
  metavar,
  help,
  expects: "a whole number (0 or more)",
  example: String(fallback),
  schema: z.string().regex(/^\d+$/).transform(Number).default(fallback)
});
var list = (metavar, help) => ({
  kind: "list",
  metavar,
  help,
  schema: z.array(z.string()).default([])
});
function grouped(group, shape) {
  return Object.fromEntries(Object.entries(shape).map(([k, d]) => [k, { ...d, group }]));
}

// scripts/lib/cli/argv.ts
var TRUE = /* @__PURE__ */ new Set(["true", "1", "yes", "on"]);
var FALSE = /* @__PURE__ */ new Set(["false", "0", "no", "off"]);
function parseArgv(argv, shape) {
  const byFlag = new Map(Object.keys(shape).map((k) => [flagName(k), k]));
  const positionals = [];
  const raw = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === "-h") {
      raw.help = true;
      continue;
    }
    if (!token.startsWith("--")) {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf("=");
    const name = token.slice(2, eq < 0 ? void 0 : eq);
    const inline = eq < 0 ? void 0 : token.slice(eq + 1);
    const negated = name.startsWith("no-") && !byFlag.has(name) ? name.slice(3) : null;
    const key = byFlag.get(negated ?? name);
    const def = key === void 0 ? void 0 : shape[key];
    if (key === void 0 || !def || negated && def.kind !== "flag") {
      throw new SkillError("usage", `Unknown option ${bare(token.split("=")[0])}.`, { hint: "Run with --help for the options." });
    }
    if (def.kind === "flag") {
      raw[key] = negated ? false : flagValue(name, inline);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === void 0 || value === "" || inline === void 0 && isOption(value, byFlag)) {
      throw new SkillError("usage", `--${name} needs a value${def.metavar ? ` (${def.metavar})` : ""}.`, {
        hint: `Give it as --${name} ${def.metavar ?? "VALUE"} or --${name}=${def.metavar ?? "VALUE"}; --help lists what it takes.`
      });
    }
    if (def.kind === "list") raw[key] = [...raw[key] ?? [], value];
    else if (raw[key] !== void 0) throw new SkillError("usage", `--${name} was given more than once.`, { hint: `Give --${name} once.` });
    else raw[key] = value;
  }
  return { positionals, raw };
}
function flagValue(name, inline) {
  if (inline === void 0) return true;
  const v = inline.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new SkillError("usage", `--${name} is a switch: give it alone, or as --${name}=true|false, not ${shown(inline)}.`, {
    hint: `Write --${name} or --no-${name}.`
  });
}
var isOption = (token, byFlag) => token.startsWith("--") && byFlag.has(token.slice(2).split("=")[0]);
function asksForJson(argv) {
  let json = false;
  for (const a of argv) {
    if (a === "--") break;
    if (a === "--json") json = true;
    else if (a === "--no-json") json = false;
    else if (a.startsWith("--json=")) json = TRUE.has(a.slice(7).toLowerCase());
  }
  return json;
}

// scripts/lib/cli/common-options.ts
var DEFAULT_MAX_CHARS = 2e4;
var OUTPUT_OPTIONS = {
  json: flag("the same findings as one JSON object"),
  maxChars: count(
    "N",
    `hard bound on printed text (default ${DEFAULT_MAX_CHARS}); every cut says what and how to see it; --json is never cut`,
    DEFAULT_MAX_CHARS
  ),
  showSecrets: flag("print secrets found in traces as they are (default: each is masked and its kind named)"),
  help: flag("this text")
};
var FETCH_OPTIONS = {
  outDir: text("DIR", "also keep mlflow's raw JSON here (a hard link or copy of the cached file; that path is printed)"),
  fresh: flag("ask mlflow again even if the trace cache holds it (finished traces are reused 15 min)"),
  // A day at most: a larger number overflows Node's timer, which then fires at once.
  timeout: count("S", "give up on one mlflow call after S seconds (default 120)", 120, 86400)
};
var ENVIRONMENT_HELP = `Environment: MLFLOW_TRACKING_URI (where traces live), MLFLOW_BIN (which mlflow; default: PATH).
Cache: $XDG_CACHE_HOME/analyzing-mlflow-traces (else ~/.cache/...), dirs 0700, files 0600, one dir per
tracking store (a hash of its URI). Every view of a trace reads the same file: one mlflow call in all.
Credentials: MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN (a server);
DATABRICKS_HOST and DATABRICKS_TOKEN, or MLFLOW_TRACKING_URI=databricks://<profile> (Databricks).`;

// scripts/lib/mlflow/metrics.ts
import { z as z2 } from "../vendor/zod.mjs";

// scripts/lib/mlflow/rest.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
function serverEndpoint(path, env = process.env) {
  const uri = env.MLFLOW_TRACKING_URI ?? "";
  if (/^(databricks|databricks-uc|uc)(:|$)/i.test(uri)) return { none: "a Databricks workspace (its trace metrics are not this API)" };
  if (!/^https?:\/\//i.test(uri)) return { none: uri ? "a local or SQL store, not a tracking server" : "no MLFLOW_TRACKING_URI (a local store)" };
  let url;
  try {
    url = new URL(uri);
  } catch {
    return { none: "a tracking URI that is not a valid URL" };
  }
  const inUri = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : null;
  url.username = "";
  url.password = "";
  const base = url.pathname.replace(/\/+$/, "");
  const endpoint = new URL(`${base}${path}`, url);
  const user = env.MLFLOW_TRACKING_USERNAME;
  const auth = user !== void 0 && env.MLFLOW_TRACKING_PASSWORD !== void 0 ? `Basic ${Buffer.from(`${user}:${env.MLFLOW_TRACKING_PASSWORD}`).toString("base64")}` : env.MLFLOW_TRACKING_TOKEN ? `Bearer ${env.MLFLOW_TRACKING_TOKEN}` : inUri ? `Basic ${Buffer.from(inUri).toString("base64")}` : null;
  return { url: endpoint, auth };
}
var truthy = (v) => !!v && /^(1|true|yes)$/i.test(v);
function tlsOptions(env) {
  const o = {};
  if (truthy(env.MLFLOW_TRACKING_INSECURE_TLS)) o.rejectUnauthorized = false;
  if (env.MLFLOW_TRACKING_SERVER_CERT_PATH) o.ca = readFileSync3(env.MLFLOW_TRACKING_SERVER_CERT_PATH);
  if (env.MLFLOW_TRACKING_CLIENT_CERT_PATH) {
    o.cert = readFileSync3(env.MLFLOW_TRACKING_CLIENT_CERT_PATH);
    o.key = o.cert;
  }
  return o;
}
var requests = 0;
var timeline2 = [];
var restTimeline = () => timeline2;
function post(url, auth, body, timeoutMs, env) {
  const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
  if (auth) headers.authorization = auth;
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((ok, fail) => {
    const req = send(url, { method: "POST", headers, ...url.protocol === "https:" ? tlsOptions(env) : {} }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", fail);
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${Math.round(timeoutMs / 1e3)} s`), { code: "ETIMEDOUT" })));
    req.on(
      "error",
      (err) => req.reusedSocket && err.code === "ECONNRESET" ? post(url, auth, body, timeoutMs, env).then(ok, fail) : fail(err)
    );
    req.end(body);
  });
}
function serverMessage(a) {
  try {
    const j = JSON.parse(a.body);
    if (j.message)
      return redact(`${j.error_code ? `${j.error_code}: ` : ""}${j.message}`).split("\n")[0]?.slice(0, 300) ?? "";
  } catch {
  }
  return redact(
    a.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()
  ).slice(0, 200);
}
var NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up/;
async function postJson(where, body, what, opts = {}) {
  const env = opts.env ?? process.env;
  requests += 1;
  const started = performance.now();
  let answer;
  try {
    answer = await post(where.url, where.auth, body, opts.timeoutMs ?? 6e4, env);
  } catch (err) {
    const e = err;
    const text2 = redact(`${e.code ?? ""} ${e.message}`.trim());
    if (e.code === "ETIMEDOUT") return { failed: `gave ${text2}` };
    if (NETWORK.test(text2) || e.code && /^E[A-Z]+$/.test(e.code) && !/^ERR_TLS|CERT|SELF_SIGNED/.test(e.code))
      throw new SkillError("unreachable", `The tracking server did not answer: ${text2}`, {
        hint: "Check that the server is running and MLFLOW_TRACKING_URI points at it."
      });
    return { failed: `failed: ${text2}` };
  }
  timeline2.push({ what, atMs: Math.round(started), ms: Math.round(performance.now() - started) });
  if (answer.status === 401 || answer.status === 403) {
    const refusal = credentialFailure(
      `Error: API request to endpoint ${where.url.pathname} failed with error code ${answer.status} != 200. Response body: '${serverMessage(answer)}'`,
      env
    );
    if (refusal) throw refusal;
  }
  return { answer };
}

// scripts/lib/mlflow/metrics.ts
var METRICS_PATH = "/api/3.0/mlflow/traces/metrics";
var Answer = z2.object({
  data_points: z2.array(
    z2.object({
      metric_name: z2.string().optional(),
      dimensions: z2.record(z2.string(), z2.string()).optional(),
      values: z2.record(z2.string(), z2.number()).optional()
    })
  ).optional(),
  next_page_token: z2.string().optional()
});
var metricsEndpoint = (env = process.env) => serverEndpoint(METRICS_PATH, env);
var metricsTimeline = restTimeline;
function requestBody(q, pageToken) {
  const body = {
    experiment_ids: q.experimentIds,
    view_type: q.view,
    metric_name: q.metric,
    aggregations: q.aggregations.map(
      (a) => a.type === "PERCENTILE" ? { aggregation_type: a.type, percentile_value: a.percentile ?? 50 } : { aggregation_type: a.type }
    ),
    max_results: PAGE
  };
  if (q.dimensions?.length) body.dimensions = q.dimensions;
  if (q.filters?.length) body.filters = q.filters;
  if (q.intervalSeconds) body.time_interval_seconds = q.intervalSeconds;
  if (q.startMs !== void 0) body.start_time_ms = Math.floor(q.startMs);
  if (q.endMs !== void 0) body.end_time_ms = Math.ceil(q.endMs);
  if (pageToken) body.page_token = pageToken;
  return JSON.stringify(body);
}
var PAGE = 1e3;
var MAX_PAGES = 20;
async function queryMetrics(q, opts = {}) {
  const env = opts.env ?? process.env;
  const where = metricsEndpoint(env);
  if ("none" in where) return { refused: `the tracking URI is ${where.none}`, requests: 0 };
  const points = [];
  let token;
  let sent2 = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    sent2 += 1;
    const by = q.dimensions?.length ? ` by ${q.dimensions.join(", ")}` : "";
    const every = q.intervalSeconds ? ` per ${q.intervalSeconds} s` : "";
    const posted = await postJson(where, requestBody(q, token), `${q.view.toLowerCase()} ${q.metric}${by}${every}`, { timeoutMs: opts.timeoutMs, env });
    if ("failed" in posted) return { refused: `the metrics ${posted.failed.startsWith("gave") ? "endpoint" : "request"} ${posted.failed}`, requests: sent2 };
    const answer = posted.answer;
    if (answer.status === 404 || answer.status === 405)
      return { refused: `this server has no trace-metrics endpoint (HTTP ${answer.status} on ${METRICS_PATH}; it needs MLflow 3.x)`, requests: sent2 };
    if (answer.status !== 200) {
      return { refused: `the server declined ${q.view.toLowerCase()} ${q.metric}${by} (HTTP ${answer.status}): ${serverMessage(answer)}`, requests: sent2 };
    }
    let parsed;
    try {
      parsed = Answer.parse(JSON.parse(answer.body));
    } catch {
      return { refused: "the metrics answer was not the expected JSON", requests: sent2 };
    }
    for (const p of parsed.data_points ?? []) points.push({ metric: p.metric_name ?? q.metric, dimensions: p.dimensions ?? {}, values: p.values ?? {} });
    token = parsed.next_page_token || void 0;
    if (!token) return { points, requests: sent2 };
  }
  return { refused: `more than ${MAX_PAGES * PAGE} data points: narrow the window`, requests: sent2 };
}

// scripts/lib/cli/exit.ts
async function exitWith(text2) {
  await writeOut(text2.endsWith("\n") ? text2 : `${text2}
`);
  reportProfile();
  process.exit(ExitCode.OK);
}
var INTERNAL_HINT = "A bug in this skill: run the command again with DEBUG=1 for the stack, and report it with the command.";
async function exitWithError(err, command, json) {
  const known = err instanceof SkillError;
  const e = known ? err : new SkillError("mlflow-failed", `internal error: ${redact(err instanceof Error ? err.message : String(err)).split("\n")[0]}`, { hint: INTERNAL_HINT });
  const exitCode = known ? e.exitCode : ExitCode.INTERNAL;
  const message = oneLine(redact(e.message));
  const hint = e.hint ? oneLine(redactText(e.hint)) : null;
  process.stderr.write(`error: ${message}
${hint ? `hint: ${hint}
` : ""}`);
  if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}
`);
  if (json) {
    const body = { command, error: { kind: known ? e.kind : "internal", message, hint, exitCode }, mlflowCalls: mlflowCallCount() };
    await writeOut(`${JSON.stringify(body, null, 2)}
`);
  }
  process.exit(exitCode);
}
function oneLine(text2, max = 1e3) {
  const flat = text2.replace(/\s*[\r\n]+\s*/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max)}… [+${(flat.length - max).toLocaleString("en-US")} chars]`;
}
function reportProfile() {
  if (!process.env.SKILL_PROFILE) return;
  const cpu = process.cpuUsage();
  const res = process.resourceUsage();
  const profile = {
    cpuMs: (cpu.user + cpu.system) / 1e3,
    maxRssKb: res.maxRSS,
    mlflowCalls: mlflowCallCount(),
    mlflowWallMs: mlflowWallMs(),
    uptimeMs: process.uptime() * 1e3,
    // Where the wall time went: each mlflow process and each metrics request, in order.
    timeline: [
      ...mlflowTimeline().map((c) => ({ mlflow: c.what, atMs: c.atMs, ms: c.ms })),
      ...metricsTimeline().map((r) => ({ request: r.what, atMs: r.atMs, ms: r.ms }))
    ].sort((a, b) => a.atMs - b.atMs)
  };
  process.stderr.write(`SKILL_PROFILE ${JSON.stringify(profile)}
`);
}
function writeOut(text2) {
  return new Promise((done) => {
    if (process.stdout.write(text2)) done();
    else process.stdout.once("drain", () => done());
  });
}

// scripts/lib/cli/help.ts
var COLUMN = 21;
function usageLine(name, args) {
  return `Usage: ${[name, ...args.map((a) => a.optional ? `[${a.metavar}]` : `<${a.metavar}>`), "[options]"].join(" ")}`;
}
function helpText(h) {
  const parts = [usageLine(h.name, h.args), h.summary];
  if (h.args.length) parts.push(["Arguments:", ...h.args.map(argLine)].join("\n"));
  const groups = /* @__PURE__ */ new Map();
  for (const [key, d] of Object.entries(h.options)) {
    if (d.hidden) continue;
    const heading = d.group ?? "Options";
    groups.set(heading, [...groups.get(heading) ?? [], optionLine(key, d)]);
  }
  for (const [heading, lines] of groups) parts.push([`${heading}:`, ...lines].join("\n"));
  parts.push(...h.notes, exitCodeHelp());
  return `${parts.join("\n\n")}
`;
}
function argLine(a) {
  const also = [`or --${flagName(a.key)}`, ...(a.env ?? []).map((v) => `$${v}`)].join(", ");
  return column(`  ${a.metavar}`, `${a.help} (${also})`);
}
function optionLine(key, d) {
  const left = `  --${flagName(key)}${d.metavar ? ` ${d.metavar}` : ""}`;
  return column(left, d.kind === "list" ? `${d.help} (repeatable)` : d.help);
}
function column(left, right) {
  const pad = left.length < COLUMN - 1 ? left.padEnd(COLUMN) : `${left}
${" ".repeat(COLUMN)}`;
  return `${pad}${right.split("\n").join(`
${" ".repeat(COLUMN)}`)}`;
}
function exitCodeHelp() {
  return ["Exit codes:", ...EXIT_CODE_TABLE.map(([code, what]) => `  ${code}  ${what}`), SIGNAL_EXIT_HELP].join("\n");
}

// scripts/lib/cli/output.ts
var SHOW_SECRETS_NOTE = "Secrets shown (--show-secrets): this output is not redacted.";
function redactionNote(tally) {
  const kinds = Object.entries(tally.kinds).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join(", ");
  return `${tally.count} ${tally.count === 1 ? "secret" : "secrets"} redacted: ${kinds} (--show-secrets to show them)`;
}
function finishOutput(out, opts) {
  const tally = new RedactionTally();
  if (opts.json) {
    const parsed = tryParse(out);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const body2 = opts.showSecrets ? mapStrings(parsed, (s) => countEnvironmentMarkers(s, tally)) : redactJson(parsed, tally);
      const redaction = {
        count: tally.count,
        kinds: tally.kinds,
        secretsShown: opts.showSecrets,
        note: opts.showSecrets ? SHOW_SECRETS_NOTE : tally.count ? redactionNote(tally) : null,
        rawFilesUnredacted: true
      };
      return JSON.stringify({ ...body2, redaction }, null, 2);
    }
  }
  const text2 = opts.showSecrets ? countEnvironmentMarkers(out, tally) : redactText(out, tally);
  const note = opts.showSecrets ? SHOW_SECRETS_NOTE : tally.count ? redactionNote(tally) : null;
  const body = text2.replace(/\n+$/, "");
  return note ? `${fitTo(body, opts.maxChars - note.length - 1)}
${note}` : fitTo(body, opts.maxChars);
}
function mapStrings(value, fn) {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}
function tryParse(text2) {
  const t = text2.trimStart();
  if (!t.startsWith("{")) return null;
  try {
    return JSON.parse(t);
  } catch {
    return null;
  }
}
function fitTo(text2, max) {
  if (text2.length <= max) return text2;
  const lines = text2.split("\n");
  let excess = text2.length - max;
  for (let guard = 0; excess > 0 && guard < 50; guard++) {
    let longest = 0;
    lines.forEach((l, i) => {
      if (l.length > lines[longest].length) longest = i;
    });
    const line = lines[longest];
    const marker = (n) => `… [+${n.toLocaleString("en-US")} chars cut after redaction; raise --max-chars]`;
    const cut = excess + marker(excess + 99999).length;
    if (line.length <= cut + 20) break;
    lines[longest] = line.slice(0, line.length - cut) + marker(cut);
    excess -= cut - marker(cut).length;
  }
  const joined = lines.join("\n");
  return joined.length <= max ? joined : joined.slice(0, max);
}

// scripts/lib/cli/command.ts
function defineCommand(spec) {
  const options = spec.options ?? {};
  const args = spec.args ?? [];
  const help = () => helpText({
    name: spec.name,
    summary: spec.summary,
    args,
    options: { ...options, ...FETCH_OPTIONS, ...OUTPUT_OPTIONS },
    notes: [...spec.notes ?? [], ENVIRONMENT_HELP]
  });
  return { ...spec, options, args, help };
}
async function executeCommand(cmd, argv) {
  const shape = { ...cmd.options, ...FETCH_OPTIONS, ...OUTPUT_OPTIONS, ...argFlags(cmd.args) };
  const parsed = parseArgv(argv, shape);
  const opts = validate(shape, parsed.raw);
  if (opts.help) return { stdout: cmd.help(), json: false };
  const ctx = { args: assignArgs(cmd.args, parsed.positionals, parsed.raw), opts, argv };
  if (opts.json && parsed.raw.maxChars !== void 0)
    process.stderr.write("note: --max-chars bounds the text view only; --json prints the whole findings (select with jq).\n");
  const result = await cmd.run(ctx);
  const body = opts.json ? JSON.stringify(envelope(cmd.name, result), null, 2) : result.text();
  return { stdout: finishOutput(body, { json: opts.json, showSecrets: opts.showSecrets, maxChars: opts.maxChars }), json: opts.json };
}
async function runCommand(cmd, argv = process.argv.slice(2)) {
  try {
    return await exitWith((await executeCommand(cmd, argv)).stdout);
  } catch (err) {
    return exitWithError(err, cmd.name, asksForJson(argv));
  }
}
function envelope(name, r) {
  return {
    command: name,
    ...r.json,
    files: r.files ?? {},
    mlflowCalls: mlflowCallCount(),
    ...r.mlflowCallsBy ? { mlflowCallsBy: r.mlflowCallsBy } : {},
    cache: cacheStatus()
  };
}
function argFlags(args) {
  return Object.fromEntries(args.map((a) => [a.key, { ...text(a.metavar, a.help), hidden: true }]));
}
function validate(shape, raw) {
  const out = {};
  for (const [key, def] of Object.entries(shape)) {
    const got = def.schema.safeParse(raw[key]);
    if (!got.success)
      throw new SkillError("usage", invalidMessage(key, def, raw[key]), {
        hint: `e.g. --${flagName(key)} ${def.example ?? def.metavar ?? "VALUE"}; --help says what it takes.`
      });
    out[key] = got.data;
  }
  return out;
}
function invalidMessage(key, def, value) {
  const text2 = Array.isArray(value) ? value.join(" ") : String(value);
  return `--${flagName(key)} takes ${def.expects ?? "a value"}, not ${shown(text2)}.`;
}
function assignArgs(args, positionals, raw) {
  const out = {};
  const free = args.filter((a) => typeof raw[a.key] !== "string");
  for (const a of args) if (typeof raw[a.key] === "string") out[a.key] = raw[a.key];
  if (positionals.length > free.length) {
    const want = args.map((a) => `<${a.metavar}>`).join(" ") || "no arguments";
    throw new SkillError("usage", `Expected ${want}, got ${plural(positionals.length, "argument")}.`, {
      hint: "Quote arguments that hold spaces; run with --help."
    });
  }
  let spare = free.length - positionals.length;
  const rest = [...positionals];
  for (const a of free) {
    const env = (a.env ?? []).map((v) => process.env[v]?.trim()).find(Boolean);
    if (spare > 0 && env) {
      out[a.key] = env;
      spare--;
    } else out[a.key] = rest.shift() ?? env;
  }
  return out;
}

// scripts/lib/trace/tree.ts
var byStart = (a, b) => a.span.startMs - b.span.startMs;
function nodesById(spans) {
  const byId = /* @__PURE__ */ new Map();
  const duplicateIds = [];
  for (const span of spans) {
    if (byId.has(span.id)) {
      duplicateIds.push(span.id);
      continue;
    }
    byId.set(span.id, { span, parent: null, children: [], depth: 0, anomaly: null });
  }
  return { byId, duplicateIds };
}
function linkParents(byId) {
  const roots = [];
  const orphans = [];
  for (const node of byId.values()) {
    const pid = node.span.parentId;
    if (pid === null || pid === "") {
      roots.push(node);
      continue;
    }
    const parent = pid === node.span.id ? void 0 : byId.get(pid);
    if (!parent) {
      node.anomaly = pid === node.span.id ? "cycle" : "orphan";
      (node.anomaly === "orphan" ? orphans : []).push(node);
      roots.push(node);
      continue;
    }
    node.parent = parent;
    parent.children.push(node);
  }
  return { roots, orphans };
}
function breakCycles(byId, roots) {
  const reached = /* @__PURE__ */ new Set();
  const mark = (start) => {
    const stack = [start];
    while (stack.length) {
      const n = stack.pop();
      if (reached.has(n)) continue;
      reached.add(n);
      for (const c of n.children) stack.push(c);
    }
  };
  roots.forEach(mark);
  const cycles = roots.filter((r) => r.anomaly === "cycle");
  if (reached.size < byId.size) {
    const stranded = [...byId.values()].filter((n) => !reached.has(n)).sort(byStart);
    for (const node of stranded) {
      if (reached.has(node)) continue;
      const parent = node.parent;
      if (parent) parent.children.splice(parent.children.indexOf(node), 1);
      node.parent = null;
      node.anomaly = "cycle";
      cycles.push(node);
      roots.push(node);
      mark(node);
    }
  }
  return cycles;
}
function buildTree(spans) {
  const { byId, duplicateIds } = nodesById(spans);
  const { roots, orphans } = linkParents(byId);
  const cycles = breakCycles(byId, roots);
  roots.sort(byStart);
  const nodes = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop();
    node.depth = node.parent ? node.parent.depth + 1 : 0;
    nodes.push(node);
    node.children.sort(byStart);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  const unended = nodes.filter((n) => n.span.endMs === null);
  return { roots, nodes, byId, orphans, cycles, duplicateIds, unended };
}
function ancestry(node) {
  const chain = [];
  for (let n = node.parent; n; n = n.parent) chain.push(n);
  return chain.reverse();
}
function descendants(node) {
  const out = [];
  const stack = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop();
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}
function mainRoot(tree) {
  return tree.roots.find((r) => r.anomaly === null) ?? tree.roots[0] ?? null;
}
var endOf = (span) => span.endMs ?? span.startMs;
var durationOf = (span) => span.endMs === null ? null : Math.max(0, span.endMs - span.startMs);

// scripts/lib/core/format.ts
function fmtMs(ms) {
  if (ms === null || ms === void 0 || !Number.isFinite(ms)) return "?";
  if (ms <= 0) return "0ms";
  if (ms < 0.01) return "<0.01ms";
  if (ms < 0.1) return `${ms.toFixed(2)}ms`;
  if (ms < 1) return `${ms.toFixed(1)}ms`;
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(2)}s`;
  return `${Math.floor(ms / 6e4)}m${Math.round(ms % 6e4 / 1e3)}s`;
}
var fmtInt = (n) => n === null || n === void 0 ? "?" : Math.round(n).toLocaleString("en-US");
function fmtValue(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === void 0) return "undefined";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
var oneLine2 = (s) => s.replace(/\s+/g, " ").trim();
function clip(text2, max, whereWhole) {
  if (text2.length <= max) return text2;
  const cut = text2.length - max;
  return `${text2.slice(0, Math.max(0, max))}… [+${fmtInt(cut)} chars${whereWhole ? `; whole: ${whereWhole}` : ""}]`;
}
function clipAtWord(text2, max, whereWhole) {
  if (text2.length <= max) return text2;
  const space = text2.lastIndexOf(" ", max);
  const kept = (space > max * 0.66 ? text2.slice(0, space) : text2.slice(0, Math.max(0, max))).trimEnd();
  return `${kept}… [+${fmtInt(text2.length - kept.length)} chars${whereWhole ? `; whole: ${whereWhole}` : ""}]`;
}
var KEEP_PAD = 30;
var KEEP_MAX = 3;
function clipKeeping(text2, max, keep, whereWhole) {
  if (text2.length <= max) return text2;
  const windows = keptWindows(text2, max, keep);
  if (!windows.length) return clip(text2, max, whereWhole);
  const width = windows.reduce((a, [s, e]) => a + e - s, 0);
  const head = Math.max(0, Math.min(max - width, windows[0][0]));
  let out = text2.slice(0, head);
  let pos = head;
  for (const [s, e] of windows) {
    const start = Math.max(s, pos);
    out += start - pos > 24 ? `… [${fmtInt(start - pos)} chars cut] …${text2.slice(start, e)}` : text2.slice(pos, e);
    pos = e;
  }
  const whole2 = whereWhole ? `; whole: ${whereWhole}` : "";
  if (pos < text2.length) return `${out}… [+${fmtInt(text2.length - pos)} chars${whole2}]`;
  return whereWhole ? `${out} [whole: ${whereWhole}]` : out;
}
function keptWindows(text2, max, keep) {
  const lower = text2.toLowerCase();
  const spots = [];
  for (const v of new Set(keep.map((k) => k.trim().toLowerCase()))) {
    if (v.length < 3 || v.length > 80) continue;
    const at = lower.indexOf(v);
    if (at >= 0 && at + v.length > max) spots.push(toWords(text2, Math.max(0, at - KEEP_PAD), Math.min(text2.length, at + v.length + KEEP_PAD)));
  }
  spots.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const w of spots.slice(0, KEEP_MAX)) {
    const last = merged.at(-1);
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([w[0], w[1]]);
  }
  return merged;
}
function toWords(text2, start, end) {
  const before = start > 0 ? text2.lastIndexOf(" ", start) : -1;
  const after = end < text2.length ? text2.indexOf(" ", end) : -1;
  return [before >= 0 && start - before <= 12 ? before + 1 : start, after >= 0 && after - end <= 12 ? after : end];
}
var pct = (x) => x === null ? "?" : x >= 0.995 ? "100%" : x < 0.01 ? "<1%" : `${Math.round(x * 100)}%`;
var msRange = (a, b) => fmtMs(a) === fmtMs(b) ? fmtMs(a) : `${fmtMs(a)}–${fmtMs(b)}`;
var experimentLabel = (given, id) => given && given !== id ? `${given} (id ${id})` : id;
var plural2 = (n, one, many = `${one}s`) => `${fmtInt(n)} ${n === 1 ? one : many}`;
function shellArg(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
function fmtRatio(to, from) {
  if (!(from > 0) || !(to > 0)) return null;
  const r = to / from;
  if (r >= 0.995) return `×${r.toFixed(1)}`;
  return 1 / r >= 1.5 ? `÷${(1 / r).toFixed(1)}` : `×${r.toFixed(2)}`;
}

// scripts/lib/render/follow-up.ts
import { basename, dirname as dirname2, extname, relative } from "node:path";
function commandFor(script, args, entry = process.argv[1] ?? "") {
  const ext = extname(entry) || ".ts";
  const dir = entry ? dirname2(entry) : "scripts";
  const full = `${dir}/${script}${ext}`;
  let path = relative(process.cwd(), full) || `${script}${ext}`;
  if (path.startsWith("..")) path = full;
  else if (!path.startsWith("/")) path = `./${path}`;
  const runner = ext === ".ts" ? "npx tsx" : "node";
  return [runner, path, ...args.map(shellArg)].join(" ");
}

// scripts/lib/trace/raw-values.ts
var B64_SPAN_ID = /^[A-Za-z0-9+/]{11}=$/;
var HEX_SPAN_ID = /^(?:0x)?([0-9a-fA-F]{16})$/;
function normaliseSpanId(id) {
  const hex = HEX_SPAN_ID.exec(id);
  if (hex?.[1]) return hex[1].toLowerCase();
  if (B64_SPAN_ID.test(id)) return base64SpanIdToHex(id);
  return id;
}
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;
var HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function base64SpanIdToHex(id) {
  let hex = "";
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < 11; i++) {
    acc = (acc << 6 | B64_VALUE[id.charCodeAt(i)]) & 16777215;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += HEX_BYTE[acc >> bits & 255];
    }
  }
  return hex;
}
var nsToMs = (ns) => typeof ns === "number" && Number.isFinite(ns) ? ns / 1e6 : null;
function decodeValue(raw) {
  if (typeof raw !== "string") return raw;
  if (PLAIN_QUOTED.test(raw)) return raw.slice(1, -1);
  const c = raw.trimStart()[0];
  if (c === void 0) return raw;
  if (c === '"' || c === "{" || c === "[" || c === "-" || c >= "0" && c <= "9" || raw === "true" || raw === "false" || raw === "null") {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}
var PLAIN_QUOTED = /^"[^"\\\u0000-\u001f]{0,62}"$/;
var decoded = /* @__PURE__ */ new WeakMap();
function attr(span, key) {
  if (!(key in span.rawAttributes)) return void 0;
  let cache = decoded.get(span);
  if (!cache) decoded.set(span, cache = /* @__PURE__ */ new Map());
  if (!cache.has(key)) cache.set(key, decodeValue(span.rawAttributes[key]));
  return cache.get(key);
}
function attrUnkept(span, key) {
  if (!(key in span.rawAttributes)) return void 0;
  const cache = decoded.get(span);
  return cache?.has(key) ? cache.get(key) : decodeValue(span.rawAttributes[key]);
}
var toStringMap = (m) => {
  if (!m) return {};
  if (Object.values(m).every((v) => typeof v === "string")) return m;
  const out = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
};
function statusOf(code) {
  const c = (code ?? "").toUpperCase().replace(/^STATUS_CODE_/, "");
  return c === "OK" ? "OK" : c === "ERROR" ? "ERROR" : "UNSET";
}

// scripts/lib/trace/raw-assessment.ts
var SESSION_KEY = "mlflow.trace.session";
function fromRawAssessment(a) {
  const metadata = toStringMap(a.metadata);
  const fbError = a.feedback?.error ?? null;
  const legacyError = a.error && typeof a.error === "object" ? a.error : null;
  const errorCode = fbError?.error_code ?? legacyError?.error_code ?? null;
  const errorMessage = fbError?.error_message ?? legacyError?.error_message ?? null;
  let kind = "unknown";
  let value = null;
  if (a.feedback) {
    kind = "feedback";
    value = a.feedback.value ?? null;
  } else if (a.expectation) {
    kind = "expectation";
    const ser = a.expectation.serialized_value;
    value = ser?.value != null ? decodeValue(ser.value) : a.expectation.value ?? null;
  } else if (a.issue) {
    kind = "issue";
    value = a.issue.issue_name ?? null;
  }
  return {
    id: a.assessment_id ?? null,
    name: a.assessment_name ?? a.name ?? "(unnamed)",
    kind,
    value,
    error: errorCode || errorMessage ? { code: errorCode ?? "ERROR", message: errorMessage ?? "", stackTrace: fbError?.stack_trace ?? null } : null,
    rationale: a.rationale ?? null,
    sourceType: a.source?.source_type ?? "SOURCE_TYPE_UNSPECIFIED",
    sourceId: a.source?.source_id ?? null,
    spanId: a.span_id ? normaliseSpanId(a.span_id) : null,
    // Expectations print no `valid`; only an explicit false marks an overridden assessment.
    valid: a.valid !== false,
    overrides: a.overrides ?? null,
    metadata,
    sessionLevel: SESSION_KEY in metadata,
    createTime: a.create_time ?? (a.create_time_ms != null ? new Date(a.create_time_ms).toISOString() : null)
  };
}

// scripts/lib/trace/raw-spans.ts
function fromV3(s) {
  return {
    id: normaliseSpanId(s.span_id),
    parentId: s.parent_span_id ? normaliseSpanId(s.parent_span_id) : null,
    name: s.name,
    startMs: nsToMs(s.start_time_unix_nano) ?? 0,
    endMs: nsToMs(s.end_time_unix_nano),
    status: statusOf(s.status?.code),
    statusMessage: s.status?.message ?? "",
    rawAttributes: s.attributes ?? {},
    events: (s.events ?? []).map((e) => ({ name: e.name, timeMs: nsToMs(e.time_unix_nano), attributes: e.attributes ?? {} }))
  };
}
function fromV2(s) {
  return {
    id: normaliseSpanId(s.context.span_id),
    parentId: s.parent_id ? normaliseSpanId(s.parent_id) : null,
    name: s.name,
    startMs: nsToMs(s.start_time) ?? 0,
    endMs: nsToMs(s.end_time),
    status: statusOf(s.status_code),
    statusMessage: s.status_message ?? "",
    rawAttributes: s.attributes ?? {},
    events: (s.events ?? []).map((e) => ({ name: e.name, timeMs: nsToMs(e.timestamp), attributes: e.attributes ?? {} }))
  };
}

// scripts/lib/trace/schema.ts
import { z as z3 } from "../vendor/zod.mjs";
var NanoTime = z3.union([z3.number(), z3.string().regex(/^\d+$/).transform(Number)]);
var JsonObject = z3.custom((v) => typeof v === "object" && v !== null && !Array.isArray(v), "expected an object");
var Attributes = JsonObject;
var StringMap = JsonObject;
var EventV3 = z3.looseObject({
  name: z3.string().default(""),
  time_unix_nano: NanoTime.nullish(),
  attributes: Attributes.nullish()
});
var SpanV3 = z3.looseObject({
  trace_id: z3.string().nullish(),
  span_id: z3.string(),
  parent_span_id: z3.string().nullish(),
  name: z3.string().default(""),
  start_time_unix_nano: NanoTime,
  end_time_unix_nano: NanoTime.nullish(),
  status: z3.looseObject({ code: z3.string().nullish(), message: z3.string().nullish() }).nullish(),
  attributes: Attributes.nullish(),
  events: z3.array(EventV3).nullish()
});
var SpanV2 = z3.looseObject({
  context: z3.looseObject({ span_id: z3.string(), trace_id: z3.string().nullish() }),
  parent_id: z3.string().nullish(),
  name: z3.string().default(""),
  start_time: NanoTime,
  end_time: NanoTime.nullish(),
  status_code: z3.string().nullish(),
  status_message: z3.string().nullish(),
  attributes: Attributes.nullish(),
  events: z3.array(z3.looseObject({ name: z3.string().default(""), timestamp: NanoTime.nullish(), attributes: Attributes.nullish() })).nullish()
});
var RawAssessment = z3.looseObject({
  assessment_id: z3.string().nullish(),
  assessment_name: z3.string().nullish(),
  /** 2.x entities used `name`. */
  name: z3.string().nullish(),
  trace_id: z3.string().nullish(),
  span_id: z3.string().nullish(),
  source: z3.looseObject({ source_type: z3.string().nullish(), source_id: z3.string().nullish() }).nullish(),
  create_time: z3.string().nullish(),
  create_time_ms: z3.number().nullish(),
  feedback: z3.looseObject({
    value: z3.unknown().optional(),
    error: z3.looseObject({ error_code: z3.string().nullish(), error_message: z3.string().nullish(), stack_trace: z3.string().nullish() }).nullish()
  }).nullish(),
  expectation: z3.looseObject({
    value: z3.unknown().optional(),
    serialized_value: z3.looseObject({ serialization_format: z3.string().nullish(), value: z3.string().nullish() }).nullish()
  }).nullish(),
  issue: z3.looseObject({ issue_name: z3.string().nullish() }).nullish(),
  /** 2.x kept a top-level error. */
  error: z3.unknown().optional(),
  rationale: z3.string().nullish(),
  metadata: StringMap.nullish(),
  overrides: z3.string().nullish(),
  valid: z3.boolean().nullish()
});
var InfoV3 = z3.looseObject({
  trace_id: z3.string(),
  trace_location: z3.looseObject({
    type: z3.string().nullish(),
    mlflow_experiment: z3.looseObject({ experiment_id: z3.string().nullish() }).nullish()
  }).nullish(),
  request_preview: z3.string().nullish(),
  response_preview: z3.string().nullish(),
  request_time: z3.string().nullish(),
  execution_duration_ms: z3.number().nullish(),
  state: z3.string().nullish(),
  trace_metadata: StringMap.nullish(),
  tags: StringMap.nullish(),
  assessments: z3.array(RawAssessment).nullish()
});
var InfoV2 = z3.looseObject({
  request_id: z3.string(),
  experiment_id: z3.string().nullish(),
  timestamp_ms: z3.number().nullish(),
  execution_time_ms: z3.number().nullish(),
  status: z3.string().nullish(),
  request_metadata: StringMap.nullish(),
  tags: StringMap.nullish(),
  assessments: z3.array(RawAssessment).nullish()
});
var RawTrace = z3.looseObject({
  info: z3.union([InfoV3, InfoV2]),
  /** `--no-include-spans` prints `{"spans": []}`; `--extract-fields` may drop `data` entirely. */
  data: z3.looseObject({ spans: z3.array(z3.union([SpanV3, SpanV2])).nullish() }).nullish()
});
var SearchResult = z3.looseObject({
  traces: z3.array(RawTrace),
  next_page_token: z3.string().nullish()
});

// scripts/lib/trace/trace.ts
function describeIssue(error, what) {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("").replace(/^\./, "") : "(top level)";
  return `${what} is not an MLflow trace: at ${path}: ${issue?.message ?? "unexpected shape"}`;
}
function normaliseRaw(raw) {
  const rawSpans = raw.data?.spans ?? [];
  const v2Spans = rawSpans.length > 0 && "context" in rawSpans[0];
  const spans = rawSpans.map((s) => "context" in s ? fromV2(s) : fromV3(s));
  const first = rawSpans[0];
  const isV2Info = "request_id" in raw.info && !("trace_id" in raw.info);
  let info;
  if (isV2Info) {
    const i = raw.info;
    const metadata = toStringMap(i.request_metadata);
    info = {
      traceId: i.request_id,
      experimentId: i.experiment_id ?? null,
      requestTimeMs: i.timestamp_ms ?? null,
      durationMs: i.execution_time_ms ?? null,
      state: (i.status ?? "STATE_UNSPECIFIED").replace(/^UNSPECIFIED$/, "STATE_UNSPECIFIED"),
      requestPreview: metadata["mlflow.traceInputs"] ?? null,
      responsePreview: metadata["mlflow.traceOutputs"] ?? null,
      metadata,
      tags: toStringMap(i.tags),
      assessments: (i.assessments ?? []).map(fromRawAssessment),
      sessionId: metadata[SESSION_KEY] ?? null,
      userId: metadata["mlflow.trace.user"] ?? null
    };
  } else {
    const i = raw.info;
    const metadata = toStringMap(i.trace_metadata);
    const t = i.request_time ? Date.parse(i.request_time) : Number.NaN;
    info = {
      traceId: i.trace_id,
      experimentId: i.trace_location?.mlflow_experiment?.experiment_id ?? null,
      requestTimeMs: Number.isFinite(t) ? t : null,
      durationMs: i.execution_duration_ms ?? null,
      state: i.state ?? "STATE_UNSPECIFIED",
      requestPreview: i.request_preview ?? null,
      responsePreview: i.response_preview ?? null,
      metadata,
      tags: toStringMap(i.tags),
      assessments: (i.assessments ?? []).map(fromRawAssessment),
      sessionId: metadata[SESSION_KEY] ?? null,
      userId: metadata["mlflow.trace.user"] ?? null
    };
  }
  if (info.requestTimeMs === null && spans.length) info.requestTimeMs = Math.min(...spans.map((s) => s.startMs));
  let format = "3.x";
  if (v2Spans || isV2Info) format = "2.x";
  else if (first && (typeof first.span_id === "string" && HEX_SPAN_ID.test(first.span_id) || "otel_trace_id" in first)) format = "3.5.0";
  return { info, spans, format };
}
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var nullish = (v, ok) => v === void 0 || v === null || ok(v);
var isStr = (v) => typeof v === "string";
var isNum = (v) => typeof v === "number";
var plainEvent = (e) => isObj(e) && isStr(e.name) && nullish(e.time_unix_nano, isNum) && nullish(e.attributes, isObj);
var plainStatus = (st) => isObj(st) && nullish(st.code, isStr) && nullish(st.message, isStr);
function plainSpanV3(s) {
  if (!isObj(s) || "context" in s) return false;
  return isStr(s.span_id) && isStr(s.name) && isNum(s.start_time_unix_nano) && nullish(s.trace_id, isStr) && nullish(s.parent_span_id, isStr) && nullish(s.end_time_unix_nano, isNum) && nullish(s.status, plainStatus) && nullish(s.attributes, isObj) && nullish(s.events, (ev) => Array.isArray(ev) && ev.every(plainEvent));
}
function fastParse(json) {
  if (!isObj(json) || !isObj(json.data) || !Array.isArray(json.data.spans) || !json.data.spans.every(plainSpanV3)) return null;
  const rest = RawTrace.safeParse({ ...json, data: { ...json.data, spans: [] } });
  if (!rest.success || !rest.data.data) return null;
  return { ...rest.data, data: { ...rest.data.data, spans: json.data.spans } };
}
function parseTrace(json, what = "the input") {
  const fast = fastParse(json);
  if (fast) return normaliseRaw(fast);
  const parsed = RawTrace.safeParse(json);
  if (!parsed.success)
    throw new SkillError("bad-data", describeIssue(parsed.error, what), { hint: "Expected the JSON printed by `mlflow traces get --trace-id <ID>`." });
  return normaliseRaw(parsed.data);
}
function parseSearch(json, what = "the input") {
  const parsed = SearchResult.safeParse(json);
  if (!parsed.success)
    throw new SkillError("bad-data", describeIssue(parsed.error, what), { hint: "Expected the JSON printed by `mlflow traces search --output json`." });
  return { traces: parsed.data.traces.map(normaliseRaw), nextPageToken: parsed.data.next_page_token ?? null };
}
function parseTraces(json, what = "the input") {
  if (json && typeof json === "object" && "traces" in json) return parseSearch(json, what).traces;
  if (Array.isArray(json)) return json.map((t, i) => parseTrace(t, `${what} item ${i}`));
  return [parseTrace(json, what)];
}

// scripts/lib/mlflow/rest-search.ts
import { z as z4 } from "../vendor/zod.mjs";
var SEARCH_PATH = "/api/3.0/mlflow/traces/search";
var Answer2 = z4.object({
  traces: z4.array(z4.record(z4.string(), z4.unknown())).optional(),
  next_page_token: z4.string().optional()
});
var sent = 0;
var restSearchCount = () => sent;
function durationMs(d) {
  if (typeof d !== "string") return null;
  const m = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(d);
  if (!m) return null;
  const nanos = Number((m[2] ?? "").padEnd(9, "0"));
  return Number(m[1]) * 1e3 + Math.floor(nanos / 1e6);
}
function cliInfo(info) {
  const { execution_duration, ...rest } = info;
  const ms = durationMs(execution_duration);
  return ms === null ? rest : { ...rest, execution_duration_ms: ms };
}
function requestBody2(q) {
  return JSON.stringify({
    locations: [{ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: q.experimentId } }],
    max_results: q.maxResults,
    ...q.filter ? { filter: q.filter } : {},
    ...q.orderBy ? { order_by: q.orderBy.split(",").map((o) => o.trim()) } : {},
    ...q.pageToken ? { page_token: q.pageToken } : {}
  });
}
async function searchInfosOverRest(q, opts = {}) {
  const where = serverEndpoint(SEARCH_PATH, opts.env);
  if ("none" in where) return { refused: `the tracking URI is ${where.none}` };
  sent += 1;
  let posted;
  try {
    posted = await postJson(where, requestBody2(q), `search ${q.maxResults} trace infos`, opts);
  } catch (err) {
    if (err instanceof SkillError && err.kind === "auth") throw err;
    return { refused: err instanceof Error ? err.message : String(err) };
  }
  if ("failed" in posted) return { refused: `the search request ${posted.failed}` };
  if (posted.answer.status !== 200) return { refused: `the search endpoint answered HTTP ${posted.answer.status}` };
  let parsed;
  try {
    parsed = Answer2.parse(JSON.parse(posted.answer.body));
  } catch {
    return { refused: "the search answer was not the expected JSON" };
  }
  const traces = (parsed.traces ?? []).map((info) => ({ info: cliInfo(info), data: { spans: [] } }));
  return { json: { traces, next_page_token: parsed.next_page_token || null } };
}

// scripts/lib/mlflow/reads.ts
import { readFileSync as readFileSync4, rmSync as rmSync2, writeFileSync } from "node:fs";
import { join as join6 } from "node:path";

// scripts/lib/mlflow/search-split.ts
function traceTexts(text2, key = "traces", keep = () => true) {
  const out = [];
  let depth = 0;
  let lastString = "";
  let inArray = false;
  let elementStart = -1;
  for (let i = 0; i < text2.length; i++) {
    const c = text2.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text2, i);
      if (end < 0) return [];
      if (depth === 1) lastString = text2.slice(i + 1, end);
      i = end;
      continue;
    }
    if (c === 123 || c === 91) {
      depth += 1;
      if (c === 91 && depth === 2 && lastString === key && !inArray) inArray = true;
      else if (inArray && depth === 3 && elementStart < 0) elementStart = i;
    } else if (c === 125 || c === 93) {
      if (inArray && depth === 3 && elementStart >= 0) {
        out.push(keep(out.length) ? dedent(text2.slice(elementStart, i + 1)) : "");
        elementStart = -1;
      }
      if (inArray && depth === 2) return out;
      depth -= 1;
    } else if (c === 44 && depth === 1) {
      lastString = "";
    }
  }
  return out;
}
function stringEnd(text2, start) {
  let i = start;
  for (; ; ) {
    i = text2.indexOf('"', i + 1);
    if (i < 0) return -1;
    let slashes = 0;
    for (let j = i - 1; text2.charCodeAt(j) === 92; j--) slashes += 1;
    if (slashes % 2 === 0) return i;
  }
}
var dedent = (element) => `${element.replace(/\n {4}/g, "\n")}
`;

// scripts/lib/mlflow/reads.ts
var safeName = (s) => s.replace(/[^\w.-]+/g, "_").slice(0, 80);
var obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : null;
function finished(trace) {
  const info = obj(obj(trace)?.info);
  const state = info?.state ?? info?.status;
  return state === "OK" || state === "ERROR";
}
var traceIdOf = (trace) => obj(obj(trace)?.info)?.trace_id ?? obj(obj(trace)?.info)?.request_id;
var reusableTrace = (traceId) => (json) => traceIdOf(json) === traceId && finished(json);
function reusableSearch(json) {
  const traces = obj(json)?.traces;
  return Array.isArray(traces) && traces.length > 0 && traces.every(finished);
}
async function cached(name, argv, reusable, opts, what, fetchInto = (tmp) => runMlflow(argv, tmp, { timeoutMs: opts.timeoutMs })) {
  const entry = join6(cacheStore().dir, name);
  if (!opts.fresh) {
    const hit = readEntry(entry, reusable);
    if (hit) {
      recordUse(true, hit.ageMs);
      return { file: entry, json: hit.json, fetched: false };
    }
  }
  const tmp = tempFor(entry);
  try {
    await fetchInto(tmp);
    commit(tmp, entry);
  } catch (err) {
    rmQuiet(tmp);
    throw err;
  }
  recordUse(false, 0);
  pruneOnce([entry]);
  return { file: entry, json: readJsonFile(entry, what), fetched: true };
}
function rmQuiet(path) {
  try {
    rmSync2(path, { force: true });
  } catch {
  }
}
async function getTrace(traceId, opts) {
  const name = entryName("trace", traceId);
  const got = await cached(name, ["traces", "get", "--trace-id", traceId], reusableTrace(traceId), opts, "mlflow traces get");
  return { file: opts.dir ? keepIn(got.file, opts.dir, `trace-${safeName(traceId)}.json`) : got.file, json: got.json };
}
var SQL_STORE_PAGE = 5e4;
function pageSizeFor(trackingUri, wanted = Number.POSITIVE_INFINITY) {
  const server = !!trackingUri && /^(https?|databricks|databricks-uc|uc):/i.test(trackingUri);
  return server ? Math.max(1, Math.min(500, wanted)) : SQL_STORE_PAGE;
}
async function searchTraces(args, opts, page = 1) {
  const argv = ["traces", "search", "--experiment-id", args.experimentId, "--output", "json", "--max-results", String(args.maxResults)];
  if (args.filter) argv.push("--filter-string", args.filter);
  if (args.orderBy) argv.push("--order-by", args.orderBy);
  if (args.pageToken) argv.push("--page-token", args.pageToken);
  if (!args.includeSpans) argv.push("--no-include-spans");
  const name = `search-${safeName(args.experimentId)}-${argvKey(argv)}.json`;
  const withSpans = args.spansAnswerOk && !args.includeSpans && !opts.fresh ? cachedSearchWithSpans(args, argv) : null;
  if (withSpans)
    return { ...withSpans, file: opts.dir ? keepIn(withSpans.file, opts.dir, `search-${safeName(args.experimentId)}-p${page}.json`) : withSpans.file };
  const got = await cached(name, argv, reusableSearch, opts, "mlflow traces search", args.includeSpans ? void 0 : infosInto(args, argv, opts));
  if (got.fetched && args.includeSpans) {
    if (args.deferEach) deferred.set(got.file, storableIds(got.json));
    else writeTraceEntries(got.file, storableIds(got.json), () => true);
  }
  const file = opts.dir ? keepIn(got.file, opts.dir, `search-${safeName(args.experimentId)}-p${page}.json`) : got.file;
  return { file, json: got.json, fetched: got.fetched };
}
function cachedSearchWithSpans(args, argv) {
  const spansArgv = argv.filter((a) => a !== "--no-include-spans");
  const entry = join6(cacheStore().dir, `search-${safeName(args.experimentId)}-${argvKey(spansArgv)}.json`);
  const hit = readEntry(entry, reusableSearch);
  if (!hit) return null;
  recordUse(true, hit.ageMs);
  return { file: entry, json: hit.json, fetched: false };
}
function cachedTrace(traceId, opts) {
  if (opts.fresh) return null;
  const hit = readEntry(join6(cacheStore().dir, entryName("trace", traceId)), reusableTrace(traceId));
  if (!hit) return null;
  recordUse(true, hit.ageMs);
  return hit.json;
}
function cachedTraces(traceIds, opts) {
  if (opts.fresh || !traceIds.length) return null;
  const hits = [];
  for (const id of traceIds) {
    const file = join6(cacheStore().dir, entryName("trace", id));
    const hit = readEntry(file, reusableTrace(id));
    if (!hit) return null;
    hits.push({ file, ...hit });
  }
  for (const h of hits) recordUse(true, h.ageMs);
  return hits.map((h, i) => ({ file: opts.dir ? keepIn(h.file, opts.dir, `trace-${safeName(traceIds[i])}.json`) : h.file, json: h.json }));
}
var infosInto = (args, argv, opts) => async (tmp) => {
  const rest = await searchInfosOverRest(args, { timeoutMs: opts.timeoutMs });
  if ("json" in rest) writeFileSync(tmp, JSON.stringify(rest.json, null, 2), { mode: 384 });
  else await runMlflow(argv, tmp, { timeoutMs: opts.timeoutMs });
};
function storableIds(json) {
  const traces = obj(json)?.traces;
  if (!Array.isArray(traces)) return [];
  return traces.map((trace) => {
    const id = traceIdOf(trace);
    const spans = obj(obj(trace)?.data)?.spans;
    return typeof id === "string" && finished(trace) && Array.isArray(spans) && spans.length ? id : null;
  });
}
function writeTraceEntries(searchFile, ids, keep) {
  if (!ids.some((id) => id !== null && keep(id))) return;
  const texts = traceTexts(readFileSync4(searchFile, "utf8"), "traces", (i) => {
    const id = ids[i];
    return id !== null && id !== void 0 && keep(id);
  });
  if (texts.length !== ids.length) return;
  const dir = cacheStore().dir;
  ids.forEach((id, i) => {
    if (id !== null && keep(id)) writeEntry(join6(dir, entryName("trace", id)), texts[i]);
  });
}
var deferred = /* @__PURE__ */ new Map();
function storeNamedTraces(ids) {
  const named = new Set(ids);
  for (const [file, order] of deferred) writeTraceEntries(file, order, (id) => named.has(id));
  deferred.clear();
}

// scripts/lib/mlflow/filter.ts
function sessionFilter(sessionId) {
  return `metadata.\`mlflow.trace.session\` = ${quoteFilterValue(sessionId, "session id")}`;
}
function quoteFilterValue(value, what) {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new SkillError("usage", `This ${what} contains both ' and " quotes, which MLflow's filter syntax cannot express.`, {
    hint: "Find the traces another way (e.g. `mlflow traces search -x <EXPERIMENT_ID>`), then analyse them one by one with inspect_turn."
  });
}
function filterKey(prefix, key) {
  if (!key) throw new SkillError("usage", `An empty ${prefix} key cannot be filtered on.`);
  if (/^\w+$/.test(key)) return `${prefix}.${key}`;
  if (key.includes("`")) throw new SkillError("usage", `The ${prefix} key ${shown(key)} contains a backtick, which MLflow's filter syntax cannot express.`);
  return `${prefix}.\`${key}\``;
}
function buildTraceFilter(spec) {
  const clauses = [];
  if (spec.sinceMs !== void 0) clauses.push(`trace.timestamp_ms >= ${Math.floor(spec.sinceMs)}`);
  if (spec.untilMs !== void 0) clauses.push(`trace.timestamp_ms < ${Math.ceil(spec.untilMs)}`);
  if (spec.status) clauses.push(`trace.status = ${quoteFilterValue(spec.status, "status")}`);
  if (spec.minExecutionMs !== void 0) clauses.push(`trace.execution_time_ms >= ${Math.floor(spec.minExecutionMs)}`);
  for (const [k, v] of spec.tags ?? []) clauses.push(`${filterKey("tag", k)} = ${quoteFilterValue(v, `tag ${k} value`)}`);
  for (const [k, v] of spec.metadata ?? []) clauses.push(`${filterKey("metadata", k)} = ${quoteFilterValue(v, `metadata ${k} value`)}`);
  if (spec.user !== void 0) clauses.push(`metadata.\`mlflow.trace.user\` = ${quoteFilterValue(spec.user, "user id")}`);
  if (spec.session !== void 0) clauses.push(sessionFilter(spec.session));
  if (spec.spanName !== void 0) clauses.push(`span.name = ${quoteFilterValue(spec.spanName, "span name")}`);
  if (spec.traceName !== void 0) clauses.push(`${filterKey("tag", "mlflow.traceName")} = ${quoteFilterValue(spec.traceName, "trace name")}`);
  for (const [k, v] of spec.feedback ?? []) clauses.push(`${filterKey("feedback", k)} = ${quoteFilterValue(v, `feedback ${k} value`)}`);
  if (spec.raw?.trim()) clauses.push(spec.raw.trim());
  return clauses.join(" AND ");
}
function traceIdsFilter(ids) {
  if (!ids.length || ids.some((id) => !/^[\w-]+$/.test(id))) return null;
  return `trace.request_id IN (${ids.map((id) => `'${id}'`).join(", ")})`;
}
var andFilter = (...parts) => parts.filter((p) => !!p?.trim()).join(" AND ");
var UNIT_MS = { m: 6e4, min: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
function parseTimeArg(value, flag2, nowMs) {
  const v = value.trim();
  const d = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(v);
  const hint = `e.g. ${flag2} 24h, ${flag2} 7d or ${flag2} 2026-11-20T09:00Z (a bare date is midnight UTC).`;
  let t = Number.NaN;
  if (d) t = Math.round(nowMs - Number(d[1]) * UNIT_MS[d[2].toLowerCase()]);
  else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v)) {
    const iso = v.replace(" ", "T");
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes("T") ? iso : `${iso}Z`;
    t = Date.parse(iso.includes("T") ? zoned : `${iso}T00:00:00Z`);
  } else
    throw new SkillError("usage", `${flag2} ${shown(value)} is neither a duration (30m, 24h, 7d, 2w) nor a date (2026-11-20 or 2026-11-20T09:00Z).`, { hint });
  if (!Number.isFinite(t))
    throw new SkillError("usage", `${flag2} ${shown(value)} is neither a duration (30m, 24h, 7d, 2w) nor a date (2026-11-20 or 2026-11-20T09:00Z).`, { hint });
  if (t < 0) throw new SkillError("usage", `${flag2} ${shown(value)} reaches back before 1970, older than any trace.`, { hint });
  return t;
}
var parseSince = (value, nowMs = Date.now()) => parseTimeArg(value, "--since", nowMs);
var sinceFilter = (sinceMs) => `trace.timestamp_ms >= ${Math.floor(sinceMs)}`;

export {
  SkillError,
  shown,
  RedactionTally,
  readJsonFile,
  readEntry,
  tempFor,
  writeEntry,
  cacheStore,
  cacheStatus,
  dropAfterWrite,
  isSecretKey,
  redactText,
  traceLink,
  sessionLink,
  mlflowCallCount,
  runMlflow,
  flag,
  text,
  count,
  whole,
  list,
  grouped,
  DEFAULT_MAX_CHARS,
  metricsEndpoint,
  queryMetrics,
  defineCommand,
  runCommand,
  normaliseSpanId,
  decodeValue,
  attr,
  attrUnkept,
  SESSION_KEY,
  parseTrace,
  parseSearch,
  parseTraces,
  buildTree,
  ancestry,
  descendants,
  mainRoot,
  endOf,
  durationOf,
  fmtMs,
  fmtInt,
  fmtValue,
  oneLine2 as oneLine,
  clip,
  clipAtWord,
  clipKeeping,
  pct,
  msRange,
  experimentLabel,
  plural2 as plural,
  shellArg,
  fmtRatio,
  restSearchCount,
  getTrace,
  SQL_STORE_PAGE,
  pageSizeFor,
  searchTraces,
  cachedTrace,
  cachedTraces,
  storeNamedTraces,
  sessionFilter,
  quoteFilterValue,
  filterKey,
  buildTraceFilter,
  traceIdsFilter,
  andFilter,
  parseTimeArg,
  parseSince,
  sinceFilter,
  commandFor
};
