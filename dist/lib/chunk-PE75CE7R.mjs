import {
  spanExceptions
} from "./chunk-2IPHA5SA.mjs";

// scripts/lib/code/frames.ts
import { statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
var PY_FRAME = /^\s*File "([^"]+)", line (\d+)(?:, in (.+?))?\s*$/;
var JS_FRAME = /^\s*at (?:(.+?) \()?(?:file:\/\/)?((?:\/|[A-Za-z]:[\\/])[^()]*?):(\d+)(?::\d+)?\)?\s*$/;
function parseFrames(stack) {
  const py = [];
  const js = [];
  const lines = stack.split("\n");
  lines.forEach((l, i) => {
    const p = PY_FRAME.exec(l);
    if (p) {
      const next = lines[i + 1] ?? "";
      const code = /^\s{4,}\S/.test(next) && !PY_FRAME.test(next) && !/^\s*[\^~]+\s*$/.test(next) ? next.trim() : null;
      py.push({ file: p[1], line: Number(p[2]), func: p[3] ?? null, code });
      return;
    }
    const j = JS_FRAME.exec(l);
    if (j) js.push({ file: j[2], line: Number(j[3]), func: j[1] ?? null, code: null });
  });
  return [...py.reverse(), ...js];
}
var LIBRARY = /(?:^|[\\/])(?:site-packages|dist-packages|node_modules|\.venv|lib[\\/]python\d[\d.]*|lib[\\/]pypy[\d.]*)(?:[\\/]|$)|^<|^node:/;
var isLibraryPath = (file) => LIBRARY.test(file);
var isFile = (p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
function mapFrame(frame, root, exists = (rel) => isFile(join(root, rel))) {
  if (isLibraryPath(frame.file)) return null;
  const file = frame.file.replace(/\\/g, "/");
  if (isAbsolute(frame.file) && frame.file.startsWith(root + sep)) {
    const rel = relative(root, frame.file).split(sep).join("/");
    if (exists(rel)) return { ...frame, path: rel, how: "in the repository" };
  }
  const parts = file.split("/").filter((p) => p && p !== ".");
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(i).join("/");
    if (rel.includes("..")) continue;
    if (exists(rel)) return { ...frame, path: rel, how: "by path suffix" };
  }
  return null;
}

// scripts/lib/code/repo-match.ts
import { existsSync, statSync as statSync2 } from "node:fs";
import { dirname, join as join2, resolve } from "node:path";
var MAX_FILES = 40;
var MAX_EXCEPTIONS = 50;
function checkoutRoot(dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join2(d, ".git"))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}
function traceFiles(trace, entryScript) {
  const files = /* @__PURE__ */ new Set();
  let seen = 0;
  for (const s of trace.spans) {
    if (s.status !== "ERROR" && !s.events.length) continue;
    for (const e of spanExceptions(s)) {
      if (++seen > MAX_EXCEPTIONS || files.size >= MAX_FILES) break;
      for (const f of e.stackTrace ? parseFrames(e.stackTrace) : []) if (!isLibraryPath(f.file)) files.add(f.file);
    }
  }
  if (entryScript) files.add(entryScript);
  return [...files].slice(0, MAX_FILES);
}
var isFile2 = (p) => {
  try {
    return statSync2(p).isFile();
  } catch {
    return false;
  }
};
function repoMatch(root, files) {
  const found = files.find((file) => mapFrame({ file, line: 1, func: null, code: null }, root, (rel) => isFile2(join2(root, rel)))) ?? null;
  return { root, files, found, here: !files.length || found !== null };
}

export {
  parseFrames,
  isLibraryPath,
  mapFrame,
  checkoutRoot,
  traceFiles,
  repoMatch
};
