// scripts/lib/render/window-line.ts
var minute = (ms) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
function windowText(w) {
  if (w.sinceMs === void 0 && w.untilMs === void 0) return null;
  const endMs = w.untilMs ?? w.nowMs;
  const start = w.sinceMs === void 0 ? "the first trace" : `${minute(w.sinceMs)}${endMs === void 0 ? " UTC" : ""}`;
  const now = w.untilMs === void 0 && w.nowMs !== void 0 ? "now, " : "";
  const end = endMs === void 0 ? "the file's last trace" : `${now}${minute(endMs)} UTC`;
  return `${start} → ${end} (${w.flags.join(" ")})`;
}
function windowJson(w) {
  const iso = (ms) => ms === void 0 ? null : new Date(ms).toISOString();
  return { since: iso(w.sinceMs), until: iso(w.untilMs), now: iso(w.nowMs) };
}
var windowLines = (w) => {
  const t = w && windowText(w);
  return t ? [`  window: ${t}`] : [];
};

export {
  windowText,
  windowJson,
  windowLines
};
