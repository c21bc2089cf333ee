#!/usr/bin/env node
import {
  analyseTrace
} from "./lib/chunk-QPRL57PP.mjs";
import "./lib/chunk-N3O5EGTZ.mjs";
import "./lib/chunk-4DMG4NCD.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-B44DR3BS.mjs";
import {
  DEFAULT_TREE,
  childOrder,
  inspectSections,
  jsonIdNote,
  labelWidth,
  renderTree,
  shortIdOf,
  spanDetailText
} from "./lib/chunk-HGDLV6WM.mjs";
import "./lib/chunk-EIT5C457.mjs";
import "./lib/chunk-3DRIITAM.mjs";
import "./lib/chunk-3XUGOHMN.mjs";
import {
  paint,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-OCDVFWYC.mjs";
import "./lib/chunk-MYOOW3E4.mjs";
import {
  nameRef,
  resolveSpan
} from "./lib/chunk-EIYQLRB2.mjs";
import "./lib/chunk-VM2OUIRS.mjs";
import {
  DEFAULT_MAX_CHARS,
  SkillError,
  buildTree,
  cacheStatus,
  count,
  defineCommand,
  descendants,
  plural,
  runCommand,
  text
} from "./lib/chunk-I7QAI6OY.mjs";

// scripts/lib/render/span-view.ts
var RESERVE = 600;
var SMALL_SUBTREE = 40;
function spanView(trace, tree, node, opts) {
  const detail = `${opts.note ? `${opts.note}
` : ""}${spanDetailText(trace, tree, node)}`;
  const room = Math.max(400, opts.maxChars - RESERVE);
  const textStarts = pageStarts(detail, room);
  const base = { ...DEFAULT_TREE };
  const kids = node.children;
  const all = descendants(node);
  let blocks = [];
  let order = kids;
  let heading = "";
  let whole = false;
  if (kids.length) {
    if (all.length <= SMALL_SUBTREE) {
      const text2 = renderTree(tree, kids, {
        ...base,
        maxChildren: Infinity,
        maxSpans: Infinity,
        spanCommand: opts.spanCommand,
        asChildren: { lastIsFinal: true }
      }).lines.join("\n");
      if (text2.length <= room) {
        blocks = [text2];
        whole = true;
      }
      heading = `SUBTREE (${plural(kids.length, "child", "children")}, ${plural(all.length, "span")})`;
    }
    if (!blocks.length) {
      order = childOrder(tree, node);
      const width = labelWidth(tree, order, 3);
      blocks = order.map(
        (c, i) => renderTree(tree, [c], {
          ...base,
          maxDepth: 0,
          maxSpans: Infinity,
          spanCommand: opts.spanCommand,
          width,
          asChildren: { lastIsFinal: i === order.length - 1 }
        }).lines.join("\n")
      );
      const errorsFirst = order !== kids ? "; failing ones and the path to them first" : "";
      const counts = `${plural(kids.length, "child", "children")}, ${plural(all.length, "span")} below${errorsFirst}`;
      heading = `CHILDREN (${counts}; a child's own subtree: ${opts.spanCommand("<id>")})`;
    }
  }
  const pages = [];
  textStarts.forEach((from, t) => pages.push({ textFrom: from, textTo: textStarts[t + 1] ?? detail.length, childFrom: 0, childTo: 0 }));
  let cur = pages[pages.length - 1];
  let used = cur.textTo - cur.textFrom + heading.length + 1;
  blocks.forEach((b, i) => {
    const size = b.length + 1;
    if (used + size > room && (cur.childTo > cur.childFrom || cur.textTo > cur.textFrom)) {
      cur = { textFrom: 0, textTo: 0, childFrom: i, childTo: i };
      pages.push(cur);
      used = heading.length + 200;
    }
    if (cur.childTo === cur.childFrom) cur.childFrom = i;
    cur.childTo = i + 1;
    used += size;
  });
  const oneBlock = whole;
  const pageOfChild = (index) => {
    if (oneBlock || !blocks.length) return Math.max(1, pages.findIndex((p) => p.childTo > p.childFrom) + 1);
    const i = Math.min(Math.max(0, index), blocks.length - 1);
    return pages.findIndex((p) => p.childFrom <= i && i < p.childTo) + 1;
  };
  const render = (page) => {
    const p = pages[page - 1];
    const out = [];
    if (page > 1) out.push(paint.head(`Span ${node.span.name} (${node.span.id}) in ${trace.info.traceId} — page ${page} of ${pages.length}`));
    if (p.textTo > p.textFrom) out.push(detail.slice(p.textFrom, p.textTo));
    const textLeft = detail.length - p.textTo;
    if (p.textTo > p.textFrom && textLeft > 0) {
      out.push(`… page ${page} of ${pages.length} (${textLeft.toLocaleString("en-US")} more chars); next: ${opts.pageCommand(page + 1)}`);
      return out.join("\n");
    }
    if (p.childTo > p.childFrom) {
      out.push(
        "",
        paint.head(
          p.childFrom === 0 ? heading : `${heading.replace(/ \(.*$/, "")} ${oneBlock ? "" : `${p.childFrom + 1}–${p.childTo} of ${kids.length}`} (continued)`
        )
      );
      out.push(...blocks.slice(p.childFrom, p.childTo));
      if (!oneBlock && p.childTo < blocks.length) {
        out.push(
          paint.dim(
            `… children ${p.childTo + 1}–${blocks.length} of ${node.span.name} (${blocks.length - p.childTo} more) on page ${page + 1} of ${pages.length}: ${opts.pageCommand(page + 1)}`
          )
        );
      }
    } else if (kids.length && page < pages.length) {
      out.push("", paint.dim(`${heading} on page ${page + 1}: ${opts.pageCommand(page + 1)}`));
    }
    if (pages.length > 1 && page === pages.length) out.push(paint.dim(`(page ${page} of ${pages.length}, the last)`));
    return out.join("\n");
  };
  return { pages: pages.length, pageOfChild, render };
}
function pageStarts(text2, room) {
  const starts = [0];
  for (let at = 0; text2.length - at > room; ) {
    let end = at + room;
    const half = at + Math.floor(room * 0.5);
    const nlInPage = text2.slice(half, end).lastIndexOf("\n");
    if (nlInPage >= 0) end = half + nlInPage + 1;
    else {
      for (let i = end - 1; i >= at + room * 0.8; i--) {
        if (text2[i] !== " ") continue;
        const before = text2.slice(Math.max(at, i - 12), i);
        if (/[:=]\s*$|\b(?:Bearer|Basic|Token)\s*$/i.test(before) || /^\s*[:=]/.test(text2.slice(i, i + 3))) continue;
        end = i + 1;
        break;
      }
    }
    starts.push(end);
    at = end;
  }
  return starts;
}

// scripts/lib/commands/trace/inspect-turn.ts
var inspectTurn = defineCommand({
  name: "inspect_turn",
  summary: "One MLflow trace in depth: span tree (status, type, total/self time, waterfall, input/output previews),\nerror spans with exceptions, assessments, and where the turn's input and output live. One mlflow call.",
  args: TRACE_ARGS,
  options: {
    ...TRACE_SOURCE_OPTIONS,
    span: text(
      "KEY",
      "one span whole: decoded attributes, inputs, outputs, events, its children.\nKEY: the id printed in the tree (8 hex chars; any unique prefix of 6+), the full\nhex id, the base64 id as the JSON holds it, a name (the first in start order),\nor NAME#N (the N-th span of that name in start order)"
    ),
    page: count("N", "with --span: page N of the span view (long values, then its children)")
  },
  async run({ args, opts }) {
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const tree = buildTree(job.trace.spans);
    const views = viewsOf(job, tree, opts.maxChars);
    if (opts.span) return oneSpan(job, tree, views, opts.span, opts.page ?? 1);
    if (opts.page !== void 0)
      throw new SkillError("usage", "--page pages a span view: give --span too.", { hint: `e.g. ${views.spanCommand("<span_id>")} --page 2` });
    return wholeTrace(job, tree, views, opts.maxChars);
  }
});
function viewsOf(job, tree, maxChars) {
  const keep = maxChars !== DEFAULT_MAX_CHARS ? ["--max-chars", String(maxChars)] : [];
  const spanCommand = (id) => job.again("inspect_turn", ["--span", id, ...keep]);
  const pageArgs = (id, page) => ["--span", id, ...page > 1 ? ["--page", String(page)] : [], ...keep];
  const views = /* @__PURE__ */ new Map();
  const viewOf = (node, note) => {
    let v = views.get(node);
    if (!v) {
      v = spanView(job.trace, tree, node, { maxChars, spanCommand, pageCommand: (p) => job.again("inspect_turn", pageArgs(node.span.id, p)), note });
      views.set(node, v);
    }
    return v;
  };
  const childrenCommand = (parent, from) => job.again("inspect_turn", pageArgs(parent.span.id, viewOf(parent).pageOfChild(from)));
  return { spanCommand, viewOf, childrenCommand };
}
var traceJsonLines = (job) => rawJsonLines("trace", job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() });
function oneSpan(job, tree, views, key, page) {
  const ref = resolveSpan(tree, key, job.trace.info.traceId);
  const node = ref.node;
  const s = node.span;
  const view = views.viewOf(node, sameNameNote(tree, ref));
  if (page > view.pages)
    throw new SkillError("usage", `--page ${page}: the view of span ${node.span.name} has ${view.pages === 1 ? "1 page" : `${view.pages} pages`}.`);
  return {
    json: {
      traceId: job.trace.info.traceId,
      span: { ...s, attributes: { ...s.rawAttributes } },
      ref: nameRef(tree, node),
      childIds: node.children.map((c) => c.span.id),
      matches: ref.sameName.map((n) => n.span.id)
    },
    files: { traceJson: job.files[0] ?? null },
    text: () => [view.render(page), ...traceJsonLines(job)].join("\n")
  };
}
function wholeTrace(job, tree, views, maxChars) {
  const report = analyseTrace(job.trace, tree);
  const spans = tree.nodes.map((n) => ({
    spanId: n.span.id,
    parentId: n.parent?.span.id ?? null,
    name: n.span.name,
    ref: nameRef(tree, n),
    status: n.span.status,
    startMs: n.span.startMs,
    endMs: n.span.endMs,
    depth: n.depth,
    anomaly: n.anomaly
  }));
  const inspect = job.again("inspect_turn");
  return {
    json: { ...report, spans },
    files: { traceJson: job.files[0] ?? null },
    text: () => {
      const follow = {
        inspect,
        inspectSpan: views.spanCommand,
        locate: (id) => job.again("locate_code", ["--span", id]),
        health: job.again("health_check")
      };
      const footer = [...traceJsonLines(job), `One span whole: ${views.spanCommand("<span_id|name|NAME#N>")}`];
      const sections = inspectSections(report, tree, follow, { spanCommand: views.spanCommand, childrenCommand: views.childrenCommand, maxChars });
      return renderBudgeted(sections, footer, maxChars, `${inspect} --json`).text;
    }
  };
}
function sameNameNote(tree, ref) {
  if (ref.sameName.length < 2) return void 0;
  const name = ref.node.span.name;
  const form = (n) => `${name}#${ref.sameName.indexOf(n) + 1} (${shortIdOf(tree, n)})`;
  const failed = ref.sameName.filter((n) => n.span.status === "ERROR");
  const list = ref.sameName.slice(0, 8).map(form).join(", ") + (ref.sameName.length > 8 ? `, … ${name}#${ref.sameName.length}` : "");
  const failedPart = failed.length ? ` Failed: ${failed.slice(0, 5).map(form).join(", ")}${failed.length > 5 ? `, … ${failed.length - 5} more` : ""}.` : "";
  return paint.warn(`${ref.sameName.length} spans are named ${name}; this is ${nameRef(tree, ref.node)} (in start order).${failedPart} All: ${list}`);
}

// scripts/inspect_turn.ts
await runCommand(inspectTurn);
