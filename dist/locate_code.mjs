#!/usr/bin/env node
import {
  isLibraryPath,
  mapFrame,
  parseFrames,
  repoMatch,
  traceFiles
} from "./lib/chunk-PE75CE7R.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  codeTargets,
  functionNameOf,
  loadTraceJob,
  traceSource
} from "./lib/chunk-SNJCS2ZS.mjs";
import {
  codeSections,
  jsonIdNote,
  notHereText
} from "./lib/chunk-KUWHRL37.mjs";
import "./lib/chunk-SUSXR56T.mjs";
import "./lib/chunk-MWQ5YTIN.mjs";
import "./lib/chunk-B4YWSYFA.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import "./lib/chunk-2IPHA5SA.mjs";
import {
  resolveSpan
} from "./lib/chunk-5R3F2B7O.mjs";
import "./lib/chunk-XMU4V6IM.mjs";
import {
  SkillError,
  buildTree,
  cacheStatus,
  defineCommand,
  plural,
  runCommand,
  text
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/commands/trace/locate-code.ts
import { accessSync, constants, statSync as statSync2 } from "node:fs";
import { resolve } from "node:path";

// scripts/lib/code/drift.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";

// scripts/lib/code/git.ts
import { execa } from "./vendor/execa.mjs";
var TIMEOUT_MS = 3e4;
var calls = 0;
var gitCallCount = () => calls;
async function git(cwd, args, opts = {}) {
  calls += 1;
  try {
    const r = await execa("git", ["-c", "core.quotePath=false", ...args], {
      cwd,
      reject: false,
      timeout: TIMEOUT_MS,
      stripFinalNewline: false,
      maxBuffer: opts.maxBuffer ?? 2e8,
      // A user's pager or colour settings must not reach our parser.
      env: { GIT_PAGER: "cat", GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" }
    });
    const missing = r.code === "ENOENT";
    return { ok: r.exitCode === 0, exitCode: r.exitCode ?? null, stdout: String(r.stdout ?? ""), missing };
  } catch {
    return { ok: false, exitCode: null, stdout: "", missing: true };
  }
}
async function repoState(dir) {
  const all = await git(dir, ["rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD", "--abbrev-ref", "HEAD"]);
  if (all.ok) {
    const [root2 = "", shallow2, head = "", branch = ""] = all.stdout.trim().split("\n");
    return { root: root2, head, branch: branch && branch !== "HEAD" ? branch : null, shallow: shallow2 === "true" };
  }
  const top = await git(dir, ["rev-parse", "--show-toplevel", "--is-shallow-repository"]);
  if (!top.ok) return null;
  const [root = "", shallow] = top.stdout.trim().split("\n");
  return { root, head: null, branch: null, shallow: shallow === "true" };
}
async function resolveCommit(root, rev) {
  if (!/^[0-9a-f]{4,64}$/i.test(rev)) return null;
  const r = await git(root, ["rev-parse", "--verify", "-q", `${rev}^{commit}`]);
  return r.ok ? r.stdout.trim() : null;
}
async function gitGrep(root, needles, globs, excludeDirs) {
  if (!needles.length) return [];
  const args = ["grep", "-n", "-I", "-F", "--untracked", "--no-color", "-z"];
  for (const n of needles) args.push("-e", n);
  args.push("--", ...globs, ...excludeDirs.map((d) => `:(exclude)*${d}/*`));
  const r = await git(root, args);
  if (r.exitCode === 1) return [];
  if (!r.ok) return null;
  const hits = [];
  for (const row of r.stdout.split("\n")) {
    const a = row.indexOf("\0");
    const b = a < 0 ? -1 : row.indexOf("\0", a + 1);
    if (b < 0) continue;
    hits.push({ path: row.slice(0, a), line: Number(row.slice(a + 1, b)), text: row.slice(b + 1) });
  }
  return hits;
}
async function showManyAt(root, commit, paths) {
  const out = new Map(paths.map((p) => [p, null]));
  if (!paths.length) return out;
  calls += 1;
  let buf;
  try {
    const r = await execa("git", ["cat-file", "--batch"], {
      cwd: root,
      reject: false,
      timeout: TIMEOUT_MS,
      input: paths.map((p) => `${commit}:${p}`).join("\n") + "\n",
      encoding: "buffer",
      env: { GIT_PAGER: "cat", LC_ALL: "C" }
    });
    buf = Buffer.from(r.stdout);
  } catch {
    return out;
  }
  let at = 0;
  for (const p of paths) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const head = buf.subarray(at, nl).toString("utf8");
    at = nl + 1;
    const m = / blob (\d+)$/.exec(head);
    if (!m) continue;
    const size = Number(m[1]);
    out.set(p, buf.subarray(at, at + size).toString("utf8"));
    at += size + 1;
  }
  return out;
}
async function commitsSinceByPath(root, from, paths) {
  const out = new Map(paths.map((p) => [p, []]));
  if (!paths.length) return out;
  const r = await git(root, ["log", "--no-color", "--no-renames", "--format=%x00%h%x09%s", "--name-only", `${from}..HEAD`, "--", ...paths]);
  for (const block of r.stdout.split("\0").filter(Boolean)) {
    const [first = "", ...files] = block.split("\n");
    const [hash = "", ...rest] = first.split("	");
    for (const f of files) out.get(f.trim())?.push({ hash, subject: rest.join("	") });
  }
  return out;
}
async function diffZeroByPath(root, commit, paths) {
  const out = new Map(paths.map((p) => [p, ""]));
  if (!paths.length) return out;
  const r = await git(root, ["diff", "--no-color", "--no-ext-diff", "--no-renames", "-U0", commit, "--", ...paths]);
  let current = null;
  for (const line of r.stdout.split("\n")) {
    const m = /^\+\+\+ b\/(.*)$/.exec(line) ?? /^--- a\/(.*)$/.exec(line);
    if (line.startsWith("diff --git ")) current = null;
    if (m && (current === null || line.startsWith("+++ "))) current = m[1] ?? null;
    if (current !== null && out.has(current)) out.set(current, `${out.get(current)}${line}
`);
  }
  return out;
}
async function commitsSince(root, from, path) {
  const r = await git(root, ["log", "--no-color", "--format=%h%x09%s", `${from}..HEAD`, ...path ? ["--", path] : []]);
  if (!r.ok) return [];
  return r.stdout.split("\n").filter(Boolean).map((l) => {
    const [hash = "", ...rest] = l.split("	");
    return { hash, subject: rest.join("	") };
  });
}
async function isAncestor(root, commit) {
  return (await git(root, ["merge-base", "--is-ancestor", commit, "HEAD"])).ok;
}
async function diffNumstat(root, commit, paths) {
  const out = /* @__PURE__ */ new Map();
  if (!paths.length) return out;
  const r = await git(root, ["diff", "--no-color", "--no-ext-diff", "--no-renames", "--numstat", commit, "--", ...paths]);
  for (const l of r.stdout.split("\n")) {
    const [a, d, ...p] = l.split("	");
    if (!p.length) continue;
    out.set(p.join("	"), { added: a === "-" ? null : Number(a), deleted: d === "-" ? null : Number(d) });
  }
  return out;
}

// scripts/lib/code/line-map.ts
var HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
function parseHunks(diff) {
  const hunks = [];
  for (const line of diff.split("\n")) {
    const m = HUNK.exec(line);
    if (!m) continue;
    hunks.push({
      oldStart: Number(m[1]),
      oldCount: m[2] === void 0 ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newCount: m[4] === void 0 ? 1 : Number(m[4])
    });
  }
  return hunks;
}
function mapLine(hunks, line, direction) {
  let offset = 0;
  for (const h of hunks) {
    const [fromStart, fromCount, toStart, toCount] = direction === "old-to-new" ? [h.oldStart, h.oldCount, h.newStart, h.newCount] : [h.newStart, h.newCount, h.oldStart, h.oldCount];
    const before = fromCount === 0 ? line <= fromStart : line < fromStart;
    if (before) break;
    const inside = fromCount > 0 && line < fromStart + fromCount;
    if (inside) return { line: Math.max(1, toCount === 0 ? toStart + 1 : toStart), changed: true };
    offset += toCount - fromCount;
  }
  return { line: line + offset, changed: false };
}

// scripts/lib/code/drift.ts
function nearestLineWith(lines, code, near) {
  let best = null;
  lines.forEach((l, i) => {
    if (l.trim() === code && (best === null || Math.abs(i + 1 - near) < Math.abs(best - near))) best = i + 1;
  });
  return best;
}
function mergeSamePlace(located) {
  const out = [];
  const at = /* @__PURE__ */ new Map();
  for (const l of located) {
    const key = l.now ? `${l.path}:${l.now.line}` : null;
    const seen = key ? at.get(key) : void 0;
    if (seen) {
      for (const w of l.why) if (!seen.why.includes(w)) seen.why.push(w);
      continue;
    }
    if (key) at.set(key, l);
    out.push(l);
  }
  return out;
}
async function driftState(repo, commit) {
  if (!commit) return { kind: "no-commit" };
  if (!repo) return { kind: "no-git" };
  const full = await resolveCommit(repo.root, commit);
  if (!full) return { kind: "missing", commit, shallow: repo.shallow };
  const [since, ancestor] = await Promise.all([commitsSince(repo.root, full), isAncestor(repo.root, full)]);
  return { kind: "compared", commit: full, head: repo.head, commitsSince: since.length, ancestor };
}
var lineOf = (lines, n) => lines && n !== null && n >= 1 && n <= lines.length ? lines[n - 1] : null;
function workingLines(root, path) {
  try {
    return readFileSync(join(root, path), "utf8").split("\n");
  } catch {
    return null;
  }
}
async function loadDrift(root, state, paths) {
  const ctx = { state, files: [], now: new Map(paths.map((p) => [p, workingLines(root, p)])), then: /* @__PURE__ */ new Map(), hunks: /* @__PURE__ */ new Map() };
  if (state.kind !== "compared") return ctx;
  const [stats, olds, diffs, history] = await Promise.all([
    diffNumstat(root, state.commit, paths),
    showManyAt(root, state.commit, paths),
    diffZeroByPath(root, state.commit, paths),
    commitsSinceByPath(root, state.commit, paths)
  ]);
  for (const p of paths) {
    const old = olds.get(p) ?? null;
    ctx.then.set(p, old === null ? null : old.split("\n"));
    ctx.hunks.set(p, parseHunks(diffs.get(p) ?? ""));
    const st = stats.get(p);
    ctx.files.push({
      path: p,
      existedThen: old !== null,
      changed: !!st || old === null,
      added: st?.added ?? null,
      deleted: st?.deleted ?? null,
      commits: history.get(p) ?? []
    });
  }
  ctx.files.sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path));
  return ctx;
}
function resolveLines(ctx, candidates) {
  const { state, now, then, hunks } = ctx;
  const located = [...candidates].sort((a, b) => b.score - a.score).map(({ nowLine, tracedLine, ...c }) => {
    const cur = now.get(c.path) ?? null;
    if (state.kind !== "compared") {
      if (tracedLine !== null && c.tracedCode && cur) {
        const found = nearestLineWith(cur, c.tracedCode, tracedLine);
        if (found !== null)
          return {
            ...c,
            now: { line: found, text: lineOf(cur, found) },
            then: { line: tracedLine, text: c.tracedCode },
            lineChanged: false,
            relocatedByText: found !== tracedLine
          };
      }
      const n2 = nowLine ?? tracedLine;
      return {
        ...c,
        now: n2 === null ? null : { line: n2, text: lineOf(cur, n2) },
        then: tracedLine === null ? null : { line: tracedLine, text: c.tracedCode },
        lineChanged: null
      };
    }
    const old = then.get(c.path) ?? null;
    const h = hunks.get(c.path) ?? [];
    if (tracedLine !== null) {
      if (!old) return { ...c, now: null, then: { line: tracedLine, text: null }, lineChanged: null };
      const m2 = mapLine(h, tracedLine, "old-to-new");
      return { ...c, now: { line: m2.line, text: lineOf(cur, m2.line) }, then: { line: tracedLine, text: lineOf(old, tracedLine) }, lineChanged: m2.changed };
    }
    const n = nowLine ?? 1;
    if (!old) return { ...c, now: { line: n, text: lineOf(cur, n) }, then: null, lineChanged: true };
    const m = mapLine(h, n, "new-to-old");
    return { ...c, now: { line: n, text: lineOf(cur, n) }, then: { line: m.line, text: lineOf(old, m.line) }, lineChanged: m.changed };
  });
  return mergeSamePlace(located);
}

// scripts/lib/code/source-lines.ts
import { readFileSync as readFileSync3, statSync } from "node:fs";
import { join as join3 } from "node:path";

// scripts/lib/code/definitions.ts
var JS_EXT = /\.(?:[cm]?[jt]sx?)$/i;
function langOf(path) {
  if (/\.pyi?$/i.test(path)) return "python";
  if (JS_EXT.test(path)) return "js";
  return null;
}
var SOURCE_GLOBS = ["*.py", "*.pyi", "*.ts", "*.tsx", "*.mts", "*.cts", "*.js", "*.jsx", "*.mjs", "*.cjs"];
var esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
var MODIFIERS = "(?:(?:export|default|public|private|protected|static|async|override|readonly|abstract|declare|get|set)\\s+)*";
var cache = /* @__PURE__ */ new Map();
function patterns(name, lang) {
  const key = `${lang}\0${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const n = esc(name);
  const made = lang === "python" ? [{ re: new RegExp(`^\\s*(?:async\\s+)?def\\s+${n}\\s*\\(`), kind: "function" }] : [
    { re: new RegExp(`\\bfunction\\s*\\*?\\s*${n}\\s*(?:<[^>]*>)?\\s*\\(`), kind: "function" },
    { re: new RegExp(`(?:^|[\\s.])${n}\\s*=\\s*(?:async\\s+)?function\\b`), kind: "function" },
    {
      re: new RegExp(`\\b(?:const|let|var)\\s+${n}\\s*(?::[^=]*)?=\\s*(?:async\\s*)?(?:<[^>]*>\\s*)?(?:\\([^)]*\\)|[\\w$]+)\\s*(?::[^=]*)?=>`),
      kind: "arrow function"
    },
    { re: new RegExp(`\\b(?:const|let|var)\\s+${n}\\s*(?::[^=]*)?=\\s*(?:async\\s*)?\\(\\s*$`), kind: "arrow function" },
    // Class fields and object members holding arrow functions.
    { re: new RegExp(`^\\s*${MODIFIERS}${n}\\s*(?::[^=]*)?=\\s*(?:async\\s*)?(?:\\([^)]*\\)|[\\w$]+)\\s*(?::[^=]*)?=>`), kind: "arrow function" },
    { re: new RegExp(`^\\s*['"]?${n}['"]?\\s*:\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]*)?=>|[\\w$]+\\s*=>)`), kind: "arrow function" },
    // Methods (class or object shorthand): the line ends by opening the body, or the
    // parameter list runs on to the next lines. A call never ends with `{`.
    {
      re: new RegExp(`^\\s*${MODIFIERS}\\*?\\s*${n}\\s*(?:<[^>]*>)?\\s*\\((?:.*\\)\\s*(?::\\s*[^;=]*?)?\\s*\\{\\s*(?:\\}\\s*)?|[^)]*)$`),
      kind: "method"
    }
  ];
  cache.set(key, made);
  return made;
}
function definitionOn(line, name, lang) {
  if (!line.includes(name)) return null;
  for (const p of patterns(name, lang)) if (p.re.test(line)) return p.kind;
  return null;
}
var TRACE_CALL = /\bmlflow\.trace\b|@trace\b|\bstart_span(?:_no_context)?\s*\(|\bstartSpan\s*\(|\bwithSpan\s*\(|\btrace\s*\(|\bspan_name\s*=|\bspanName\s*:/;
function spanNameLiteralAt(lines, index, spanName) {
  const line = lines[index] ?? "";
  if (!['"', "'", "`"].some((q) => line.includes(`${q}${spanName}${q}`))) return false;
  if (TRACE_CALL.test(line)) return true;
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const m = TRACE_CALL.exec(lines[i] ?? "");
    if (!m) continue;
    const between = [(lines[i] ?? "").slice(m.index), ...lines.slice(i + 1, index)].join("\n");
    return depth(between) > 0;
  }
  return false;
}
var depth = (s) => (s.match(/[({[]/g)?.length ?? 0) - (s.match(/[)}\]]/g)?.length ?? 0);
function enclosingClass(lines, index, lang) {
  const indentOf = (s) => s.length - s.trimStart().length;
  const own = indentOf(lines[index] ?? "");
  if (lang === "python" && own === 0) return null;
  for (let i = index - 1; i >= 0 && i >= index - 2e3; i--) {
    const l = lines[i] ?? "";
    if (!l.trim()) continue;
    const ind = indentOf(l);
    if (lang === "python") {
      if (ind >= own) continue;
      const m = /^\s*class\s+([A-Za-z_]\w*)/.exec(l);
      if (m) return m[1] ?? null;
      if (/^\s*(?:async\s+)?def\s/.test(l) || ind === 0) return null;
    } else {
      const m = /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/.exec(l);
      if (m && ind < own) return m[1] ?? null;
      if (ind === 0 && /^\S/.test(l) && !/^[})\]]/.test(l)) return null;
    }
  }
  return null;
}

// scripts/lib/code/walk.ts
import { readdirSync, readFileSync as readFileSync2 } from "node:fs";
import { join as join2 } from "node:path";
var SKIPPED_DIRS = [
  ".claude",
  ".agents",
  ".codex",
  ".cursor",
  ".gemini",
  ".opencode",
  ".windsurf",
  ".continue",
  "node_modules",
  ".venv",
  "venv",
  ".git",
  ".hg",
  ".svn",
  "__pycache__",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".tox",
  ".nox",
  "site-packages",
  "dist-packages",
  ".next",
  ".nuxt",
  ".cache",
  ".terraform",
  "bower_components",
  ".yarn",
  ".pnpm-store",
  ".idea",
  ".gradle",
  ".eggs",
  ".ipynb_checkpoints"
];
var SKIPPED = new Set(SKIPPED_DIRS);
function gitignoreRule(pattern, base) {
  let p = pattern.replace(/\r$/, "");
  if (!p.trim() || p.startsWith("#")) return null;
  p = p.replace(/(?<!\\)\s+$/, "");
  const negate = p.startsWith("!");
  if (negate) p = p.slice(1);
  if (p.startsWith("\\")) p = p.slice(1);
  const dirOnly = p.endsWith("/");
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.includes("/");
  if (p.startsWith("/")) p = p.slice(1);
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "*" && p[i + 1] === "*") {
      const slashAfter = p[i + 2] === "/";
      re += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = p.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${p.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return { base, re: new RegExp(`^${anchored ? "" : "(?:.*/)?"}${re}$`), negate, dirOnly };
}
function ignored(rules, rel, isDir) {
  let out = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.base && !rel.startsWith(`${r.base}/`)) continue;
    const sub = r.base ? rel.slice(r.base.length + 1) : rel;
    if (r.re.test(sub)) out = !r.negate;
  }
  return out;
}
function walkRepo(root, opts = {}) {
  const maxFiles = opts.maxFiles ?? 5e5;
  const deadline = Date.now() + (opts.timeLimitMs ?? 1500);
  const files = [];
  let dirsSkipped = 0;
  let seen = 0;
  const queue = [{ rel: "", rules: [] }];
  for (let next = 0; next < queue.length; next++) {
    const { rel, rules: inherited } = queue[next];
    const abs = rel ? join2(root, rel) : root;
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    let rules = inherited;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      try {
        const own = readFileSync2(join2(abs, ".gitignore"), "utf8").split("\n").map((l) => gitignoreRule(l, rel)).filter((r) => r !== null);
        if (own.length) rules = [...inherited, ...own];
      } catch {
      }
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIPPED.has(e.name) || ignored(rules, childRel, true)) {
          dirsSkipped += 1;
          continue;
        }
        queue.push({ rel: childRel, rules });
      } else if (e.isFile()) {
        seen += 1;
        if (opts.keep && !opts.keep(e.name) || ignored(rules, childRel, false)) continue;
        files.push(childRel);
      }
    }
    if (seen >= maxFiles) return { files, stoppedEarly: `stopped after ${seen.toLocaleString("en-US")} files (limit)`, dirsSkipped };
    if (Date.now() > deadline)
      return { files, stoppedEarly: `stopped after ${seen.toLocaleString("en-US")} files (time limit ${opts.timeLimitMs ?? 1500} ms)`, dirsSkipped };
  }
  return { files, stoppedEarly: null, dirsSkipped };
}

// scripts/lib/code/source-lines.ts
var MAX_FILE_BYTES = 2e6;
function readLines(root, path, cache2) {
  if (cache2.has(path)) return cache2.get(path) ?? null;
  let lines = null;
  try {
    const abs = join3(root, path);
    if (statSync(abs).size <= MAX_FILE_BYTES) lines = readFileSync3(abs, "utf8").split("\n");
  } catch {
    lines = null;
  }
  cache2.set(path, lines);
  return lines;
}
function walkHits(root, needles, timeLimitMs, cache2) {
  const deadline = Date.now() + timeLimitMs;
  const walked = walkRepo(root, { keep: (n) => langOf(n) !== null, timeLimitMs });
  const hits = [];
  let scanned = 0;
  let stoppedEarly = walked.stoppedEarly;
  for (const path of walked.files) {
    if (Date.now() > deadline) {
      stoppedEarly = `scanned ${scanned.toLocaleString("en-US")} of ${walked.files.length.toLocaleString("en-US")} source files (time limit ${timeLimitMs} ms)`;
      break;
    }
    scanned += 1;
    let text2;
    try {
      const abs = join3(root, path);
      if (statSync(abs).size > MAX_FILE_BYTES) continue;
      text2 = readFileSync3(abs, "utf8");
    } catch {
      continue;
    }
    if (!needles.some((n) => text2.includes(n))) continue;
    const lines = text2.split("\n");
    cache2.set(path, lines);
    lines.forEach((l, i) => {
      if (needles.some((n) => l.includes(n))) hits.push({ path, line: i + 1, text: l });
    });
  }
  return { hits, files: scanned, stoppedEarly };
}

// scripts/lib/code/entry-script.ts
var escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function addEntryScript(root, q, found, cache2) {
  if (!q.entryScript) return null;
  const m = mapFrame({ file: q.entryScript, line: 1, func: null, code: null }, root);
  if (!m) return { given: q.entryScript, found: null };
  const lines = readLines(root, m.path, cache2) ?? [];
  const callRe = q.entryCalls.length ? new RegExp(`\\b(?:${q.entryCalls.map(escapeRe).join("|")})\\s*\\(`) : null;
  let idx = callRe ? lines.findIndex((l) => callRe.test(l) && !/^\s*(?:async\s+)?def\s|^\s*(?:from|import)\s/.test(l)) : -1;
  if (idx < 0) idx = lines.findIndex((l) => /__name__\s*==\s*['"]__main__['"]/.test(l));
  found.add({
    path: m.path,
    kind: "entry script",
    score: 20,
    nowLine: idx < 0 ? 1 : idx + 1,
    tracedLine: null,
    tracedFile: m.path === q.entryScript ? null : q.entryScript,
    tracedCode: null,
    why: `entry script (mlflow.source.name ${q.entryScript})${idx >= 0 && callRe?.test(lines[idx] ?? "") ? ", where it calls the traced code" : ""}`
  });
  return { given: q.entryScript, found: m.path };
}

// scripts/lib/code/frame-candidates.ts
function addStackFrames(root, frames, found) {
  const mapped = [];
  const unmapped = [];
  let library = 0;
  for (const f of frames) {
    const m = mapFrame(f, root);
    if (m) mapped.push(m);
    else if (isLibraryPath(f.file)) library += 1;
    else if (!unmapped.includes(f.file)) unmapped.push(f.file);
  }
  const seenFrames = /* @__PURE__ */ new Set();
  let rank = 0;
  for (const m of mapped) {
    const key = `${m.path}:${m.line}`;
    if (seenFrames.has(key)) continue;
    seenFrames.add(key);
    const where = m.func ? ` in ${m.func}` : "";
    const how = m.how === "by path suffix" ? `; the trace printed ${m.file}, mapped by path suffix` : "";
    found.add({
      path: m.path,
      kind: "stack frame",
      score: 100 - Math.min(rank, 20),
      nowLine: null,
      tracedLine: m.line,
      tracedFile: m.file === m.path ? null : m.file,
      tracedCode: m.code,
      why: `${rank === 0 ? "stack frame where it was raised" : "stack frame"}${where}${how}`
    });
    rank += 1;
  }
  return { mapped, unmapped, library, paths: new Set(mapped.map((m) => m.path)) };
}

// scripts/lib/code/candidates.ts
var Candidates = class {
  byKey = /* @__PURE__ */ new Map();
  add(c) {
    const key = `${c.path}:${c.nowLine ?? `t${c.tracedLine}`}`;
    const seen = this.byKey.get(key);
    if (seen) {
      if (!seen.why.includes(c.why)) seen.why.push(c.why);
      seen.score = Math.max(seen.score, c.score);
      return;
    }
    this.byKey.set(key, { ...c, why: [c.why] });
  }
  /** Best first; equal scores in the order found. */
  ranked() {
    return [...this.byKey.values()].sort((a, b) => b.score - a.score);
  }
};

// scripts/lib/code/hit-classifier.ts
var SKIPPED2 = new Set(SKIPPED_DIRS);
var HitClassifier = class {
  constructor(root, q, framePaths, maxPerName, cache2, found) {
    this.root = root;
    this.q = q;
    this.framePaths = framePaths;
    this.maxPerName = maxPerName;
    this.cache = cache2;
    this.found = found;
  }
  perName = /* @__PURE__ */ new Map();
  /** 2–4. Definitions and span-name literals among the hits. */
  classify(hits) {
    const framePaths = this.framePaths;
    hits.sort(
      (a, b) => Number(framePaths.has(b.path)) - Number(framePaths.has(a.path)) || a.path.split("/").length - b.path.split("/").length || a.path.localeCompare(b.path) || a.line - b.line
    );
    for (const h of hits) {
      const lang = langOf(h.path);
      if (!lang || h.path.split("/").some((seg) => SKIPPED2.has(seg))) continue;
      const near = framePaths.has(h.path) ? 5 : 0;
      this.definitionsOn(h, lang, near);
      this.literalsOn(h, near);
    }
  }
  /** Every name was found at least once. */
  allFound() {
    return this.q.functions.every((f) => this.perName.get(`def\0${f.name}`)?.size) && this.q.spanNames.every((sn) => this.perName.get(`lit\0${sn}`)?.size);
  }
  definitionsOn(h, lang, near) {
    for (const f of this.q.functions) {
      const kind = definitionOn(h.text, f.name, lang);
      if (!kind || !this.bump(`def\0${f.name}`, `${h.path}:${h.line}`)) continue;
      const lines = readLines(this.root, h.path, this.cache);
      const cls = lines ? enclosingClass(lines, h.line - 1, lang) : null;
      const what = cls ? `method ${cls}.${f.name}` : `${kind} ${f.name}`;
      const why = f.from === "mlflow.spanFunctionName" ? `definition of ${what} (span ${f.span}'s mlflow.spanFunctionName)` : `definition of ${what} (named like span ${f.span})`;
      this.found.add({
        path: h.path,
        kind: "definition",
        score: (f.from === "mlflow.spanFunctionName" ? 85 : 60) + near,
        nowLine: h.line,
        tracedLine: null,
        tracedFile: null,
        tracedCode: null,
        why
      });
    }
  }
  literalsOn(h, near) {
    for (const sn of this.q.spanNames) {
      if (!['"', "'", "`"].some((qt) => h.text.includes(`${qt}${sn}${qt}`))) continue;
      const lines = readLines(this.root, h.path, this.cache);
      if (!lines || !spanNameLiteralAt(lines, h.line - 1, sn) || !this.bump(`lit\0${sn}`, `${h.path}:${h.line}`)) continue;
      this.found.add({
        path: h.path,
        kind: "span name",
        score: 75 + near,
        nowLine: h.line,
        tracedLine: null,
        tracedFile: null,
        tracedCode: null,
        why: `span name "${sn}" given to a tracing call`
      });
    }
  }
  /** Counts a place for a name once; false past the first maxPerName places. */
  bump(k, at) {
    const seen = this.perName.get(k) ?? /* @__PURE__ */ new Set();
    this.perName.set(k, seen);
    if (seen.has(at)) return false;
    seen.add(at);
    return seen.size <= this.maxPerName;
  }
};

// scripts/lib/code/locate.ts
async function searchNames(root, names, framePaths, classifier, opts, cache2) {
  const out = { method: opts.useGit ? "git grep" : "file walk", scope: "repository", filesSearched: null, stoppedEarly: null };
  if (!names.length) return out;
  if (framePaths.size) {
    const first = [];
    for (const path of framePaths) {
      (readLines(root, path, cache2) ?? []).forEach((text2, i) => {
        if (names.some((n) => text2.includes(n))) first.push({ path, line: i + 1, text: text2 });
      });
    }
    classifier.classify(first);
    if (classifier.allFound()) return { ...out, scope: "files in the stack trace" };
  }
  const viaGit = opts.useGit ? await gitGrep(root, names, SOURCE_GLOBS, SKIPPED_DIRS) : null;
  if (viaGit) {
    classifier.classify(viaGit);
    return out;
  }
  const w = walkHits(root, names, opts.timeLimitMs ?? 4e3, cache2);
  classifier.classify(w.hits);
  return { ...out, method: "file walk", filesSearched: w.files, stoppedEarly: w.stoppedEarly };
}
async function locate(root, q, opts) {
  const found = new Candidates();
  const frames = addStackFrames(root, q.frames, found);
  const names = [.../* @__PURE__ */ new Set([...q.functions.map((f) => f.name), ...q.spanNames])].filter((n) => n.length >= 2);
  const cache2 = /* @__PURE__ */ new Map();
  const classifier = new HitClassifier(root, q, frames.paths, opts.maxPerName ?? 5, cache2, found);
  const searched = await searchNames(root, names, frames.paths, classifier, opts, cache2);
  const entryScript = addEntryScript(root, q, found, cache2);
  return {
    candidates: found.ranked(),
    search: {
      ...searched,
      searchedFor: names,
      frames: { total: q.frames.length, inRepo: frames.mapped.length, library: frames.library, unmapped: frames.unmapped.slice(0, 5) },
      entryScript
    }
  };
}

// scripts/lib/commands/trace/locate-code.ts
var locateCode = defineCommand({
  name: "locate_code",
  summary: "From the culprit span to the line of code: stack frames inside the repository (paths from another\nmachine mapped by path suffix), the definition of the function behind the span, the span name in\ntracing calls, the entry script; and, when the trace's git commit is in the repository, whether each\nfile changed since, with the line then beside the line now. One mlflow call; git where it exists.",
  args: TRACE_ARGS,
  options: {
    ...TRACE_SOURCE_OPTIONS,
    span: text("ID|NAME", "the span to locate (default: the deepest failing span(s), else the root)"),
    repo: text("DIR", "the application's repository (default: the git root of the current directory)")
  },
  async run({ args, opts }) {
    const repoDir = checkRepo(opts.repo ?? process.cwd());
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const tree = buildTree(job.trace.spans);
    const requested = opts.span ? resolveSpan(tree, opts.span, job.trace.info.traceId).node : void 0;
    const git2 = await repoState(repoDir);
    const root = git2?.root ?? repoDir;
    const meta = traceSource(job.trace);
    const source = { entryScript: meta?.entryScript ?? null, commit: meta?.commit ?? null, branch: meta?.branch ?? null };
    const match = repoMatch(root, traceFiles(job.trace, source.entryScript));
    const again = job.again("locate_code", [...opts.span ? ["--span", opts.span] : [], "--repo", "APP_DIR"]);
    if (!match.here)
      throw new SkillError("code-not-found", `No code found: ${notHereText(match)}.`, {
        hint: `Run it where the application's code is, or pass it: ${again}  (APP_DIR: the application's checkout)`
      });
    const results = await locateTargets(tree, codeTargets(tree, requested), root, source.entryScript, !!git2);
    const all = results.flatMap((r) => r.candidates);
    if (!all.length) {
      throw new SkillError("code-not-found", notFoundMessage(results, root), {
        hint: "Check --repo (the code the trace ran), or pass --span for another span; the trace names no file this repository has."
      });
    }
    const drift = await driftState(git2, source.commit);
    const ctx = await loadDrift(root, drift, [...new Set(all.map((c) => c.path))]);
    const report = {
      traceId: job.trace.info.traceId,
      repo: { root, git: git2 },
      source,
      drift,
      fileDrift: ctx.files,
      results: results.map((r) => ({ target: r.target, located: resolveLines(ctx, r.candidates), search: r.search }))
    };
    const jsonCommand = job.again("locate_code", [...opts.span ? ["--span", opts.span] : [], ...opts.repo ? ["--repo", root] : [], "--json"]);
    return {
      json: {
        ...report,
        results: report.results.map(({ target: { stackTraces, ...target }, ...rest }) => ({
          target: { ...target, stackTraceCount: stackTraces.length },
          ...rest
        })),
        gitCalls: gitCallCount()
      },
      files: { traceJson: job.files[0] ?? null },
      text: () => {
        const footer = rawJsonLines("trace", job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() });
        return renderBudgeted(codeSections(report, jsonCommand), footer, opts.maxChars, jsonCommand).text;
      }
    };
  }
});
async function locateTargets(tree, targets, root, entryScript, useGit) {
  const results = [];
  for (const t of targets) {
    const chain = [];
    for (let n = tree.byId.get(t.spanId) ?? null; n; n = n.parent) {
      const fn = functionNameOf(n);
      if (fn) chain.unshift(fn);
    }
    results.push({ target: t, ...await locate(root, queryFor(t, entryScript, chain), { useGit }) });
  }
  return results;
}
function checkRepo(dir) {
  const abs = resolve(dir);
  const hint = "Pass the directory of the application's repository (the code the trace ran).";
  let isDir;
  try {
    isDir = statSync2(abs).isDirectory();
  } catch {
    throw new SkillError("usage", `--repo ${abs} does not exist.`, { hint });
  }
  if (!isDir)
    throw new SkillError("usage", `--repo ${abs} is not a directory.`, { hint: "Pass the directory of the application's repository, not a file in it." });
  try {
    accessSync(abs, constants.R_OK | constants.X_OK);
  } catch {
    throw new SkillError("usage", `--repo ${abs} is not readable.`, { hint });
  }
  return abs;
}
function queryFor(t, entryScript, ancestors) {
  const functions = [];
  const spanNames = [];
  const own = t.framework && t.userAncestor ? { name: t.userAncestor.name, functionName: t.userAncestor.functionName } : { name: t.name, functionName: t.functionName };
  if (own.functionName) functions.push({ name: own.functionName, from: "mlflow.spanFunctionName", span: own.name });
  else functions.push({ name: own.name, from: "span name", span: own.name });
  spanNames.push(own.name);
  const seen = /* @__PURE__ */ new Set();
  const frames = [];
  for (const st of t.stackTraces) {
    for (const f of parseFrames(st)) {
      const k = `${f.file}:${f.line}`;
      if (!seen.has(k)) frames.push(f), seen.add(k);
    }
  }
  return { functions, spanNames, frames, entryScript, entryCalls: ancestors };
}
function notFoundMessage(results, root) {
  const r = results[0];
  if (!r) return `The trace has no spans to locate in ${root}.`;
  const s = r.search;
  const what = [
    s.searchedFor.length ? `definitions and span-name literals of ${s.searchedFor.map((n) => JSON.stringify(n)).join(", ")} (${s.method})` : null,
    s.frames.total ? `${plural(s.frames.total, "stack frame")} (${s.frames.inRepo} in the repository)` : "no stack trace in the trace",
    s.entryScript ? `entry script ${s.entryScript.given} (not in the repository)` : "no entry script (mlflow.source.name)"
  ].filter(Boolean).join("; ");
  return `No code found in ${root} for span ${r.target.name}: searched ${what}.`;
}

// scripts/locate_code.ts
await runCommand(locateCode);
