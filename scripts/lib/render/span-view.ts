/**
 * `inspect_turn --span X` as pages: the span whole (long values run over as many pages as they
 * need), then its children. A small subtree is drawn whole; a big one as a child list, one
 * block per child (its own subtree behind `--span <child>`), failing children and the path to
 * them first. `--page N` continues exactly where page N-1 stopped, and every tree elsewhere
 * that hides some of X's children names the page where the first hidden one is.
 */
import type { Trace } from '../trace/trace.js';
import { descendants, type SpanNode, type SpanTree } from '../trace/tree.js';
import { plural } from './format.js';
import { spanDetailText } from './inspect.js';
import { paint } from './style.js';
import { childOrder, DEFAULT_TREE, labelWidth, renderTree, type TreeOptions } from './tree-view.js';

export interface SpanViewOptions {
  maxChars: number;
  spanCommand: (spanId: string) => string;
  /** The command for page N of this span's view. */
  pageCommand: (page: number) => string;
  /** A line for the top of page 1 (e.g. which of several same-named spans this is). */
  note?: string;
}

export interface SpanView {
  pages: number;
  /** The page on which the child at `index` (in `childOrder`) is shown. */
  pageOfChild: (index: number) => number;
  render: (page: number) => string;
}

/** Room kept on each page for the page header, the continuation line and the footer. */
const RESERVE = 600;
/** A subtree this small is drawn whole under the span, when it fits on a page. */
const SMALL_SUBTREE = 40;

interface Page {
  textFrom: number;
  textTo: number;
  childFrom: number;
  childTo: number;
}

/** The blocks that follow the text: one whole subtree (when small and it fits), or one block per child. */
interface ChildBlocks {
  /** How many blocks, and block i drawn on first use: a page number for child i needs only blocks 0..i (600 children: 650 ms). */
  count: number;
  block: (i: number) => string;
  heading: string;
  /** The whole subtree is one block. */
  whole: boolean;
}

function childBlocks(tree: SpanTree, node: SpanNode, room: number, opts: SpanViewOptions): ChildBlocks {
  const base: Omit<TreeOptions, 'spanCommand'> = { ...DEFAULT_TREE };
  const kids = node.children;
  const all = descendants(node);
  let blocks: string[] = [];
  let heading = '';
  let whole = false;
  if (!kids.length) return { count: 0, block: (i) => blocks[i] ?? '', heading, whole };
  if (all.length <= SMALL_SUBTREE) {
    const text = renderTree(tree, kids, {
      ...base,
      maxChildren: Infinity,
      maxSpans: Infinity,
      spanCommand: opts.spanCommand,
      asChildren: { lastIsFinal: true },
    }).lines.join('\n');
    if (text.length <= room) {
      blocks = [text];
      whole = true;
    }
    heading = `SUBTREE (${plural(kids.length, 'child', 'children')}, ${plural(all.length, 'span')})`;
  }
  if (!blocks.length) {
    const order = childOrder(tree, node);
    const width = labelWidth(tree, order, 3);
    const drawn: string[] = [];
    const block = (i: number): string =>
      (drawn[i] ??= renderTree(tree, [order[i] as SpanNode], {
        ...base,
        maxDepth: 0,
        maxSpans: Infinity,
        spanCommand: opts.spanCommand,
        width,
        asChildren: { lastIsFinal: i === order.length - 1 },
      }).lines.join('\n'));
    const errorsFirst = order !== kids ? '; failing ones and the path to them first' : '';
    const counts = `${plural(kids.length, 'child', 'children')}, ${plural(all.length, 'span')} below${errorsFirst}`;
    heading = `CHILDREN (${counts}; a child's own subtree: ${opts.spanCommand('<id>')})`;
    return { count: order.length, block, heading, whole };
  }
  return { count: blocks.length, block: (i) => blocks[i] ?? '', heading, whole };
}

/** Pages: the text first, then blocks packed in order (the first `upTo` of them); a page never starts empty-handed. */
function packPages(textStarts: number[], textLength: number, { count, block, heading }: ChildBlocks, room: number, upTo = count): Page[] {
  const pages: Page[] = [];
  textStarts.forEach((from, t) => pages.push({ textFrom: from, textTo: textStarts[t + 1] ?? textLength, childFrom: 0, childTo: 0 }));
  let cur = pages[pages.length - 1] as Page;
  let used = cur.textTo - cur.textFrom + heading.length + 1;
  for (let i = 0; i < upTo; i++) {
    const size = block(i).length + 1;
    if (used + size > room && (cur.childTo > cur.childFrom || cur.textTo > cur.textFrom)) {
      cur = { textFrom: 0, textTo: 0, childFrom: i, childTo: i };
      pages.push(cur);
      used = heading.length + 200;
    }
    if (cur.childTo === cur.childFrom) cur.childFrom = i;
    cur.childTo = i + 1;
    used += size;
  }
  return pages;
}

/** Page N: its part of the text, or its blocks under the heading, and the line that leads to the next page. */
function renderPage(trace: Trace, node: SpanNode, detail: string, pages: Page[], children: ChildBlocks, opts: SpanViewOptions, page: number): string {
  const { count, block, heading, whole: oneBlock } = children;
  const kids = node.children;
  const p = pages[page - 1] as Page;
  const out: string[] = [];
  if (page > 1) out.push(paint.head(`Span ${node.span.name} (${node.span.id}) in ${trace.info.traceId} — page ${page} of ${pages.length}`));
  if (p.textTo > p.textFrom) out.push(detail.slice(p.textFrom, p.textTo));
  const textLeft = detail.length - p.textTo;
  if (p.textTo > p.textFrom && textLeft > 0) {
    out.push(`… page ${page} of ${pages.length} (${textLeft.toLocaleString('en-US')} more chars); next: ${opts.pageCommand(page + 1)}`);
    return out.join('\n');
  }
  if (p.childTo > p.childFrom) {
    out.push(
      '',
      paint.head(
        p.childFrom === 0 ? heading : `${heading.replace(/ \(.*$/, '')} ${oneBlock ? '' : `${p.childFrom + 1}–${p.childTo} of ${kids.length}`} (continued)`,
      ),
    );
    for (let i = p.childFrom; i < p.childTo; i++) out.push(block(i));
    if (!oneBlock && p.childTo < count) {
      out.push(
        paint.dim(
          `… children ${p.childTo + 1}–${count} of ${node.span.name} (${count - p.childTo} more) ` +
            `on page ${page + 1} of ${pages.length}: ${opts.pageCommand(page + 1)}`,
        ),
      );
    }
  } else if (kids.length && page < pages.length) {
    out.push('', paint.dim(`${heading} on page ${page + 1}: ${opts.pageCommand(page + 1)}`));
  }
  if (pages.length > 1 && page === pages.length) out.push(paint.dim(`(page ${page} of ${pages.length}, the last)`));
  return out.join('\n');
}

export function spanView(trace: Trace, tree: SpanTree, node: SpanNode, opts: SpanViewOptions): SpanView {
  const detail = `${opts.note ? `${opts.note}\n` : ''}${spanDetailText(trace, tree, node)}`;
  const room = Math.max(400, opts.maxChars - RESERVE);
  const children = childBlocks(tree, node, room, opts);
  const starts = pageStarts(detail, room);
  let all: Page[] | undefined;
  const pages = (): Page[] => (all ??= packPages(starts, detail.length, children, room));
  // Packing is greedy in order: the page of child i is the same whether the blocks after it are packed or not.
  const pageOfChild = (index: number): number => {
    if (children.whole || !children.count)
      return Math.max(1, packPages(starts, detail.length, children, room, Math.min(1, children.count)).findIndex((p) => p.childTo > p.childFrom) + 1);
    const i = Math.min(Math.max(0, index), children.count - 1);
    return packPages(starts, detail.length, children, room, i + 1).findIndex((p) => p.childFrom <= i && i < p.childTo) + 1;
  };
  return {
    get pages() {
      return pages().length;
    },
    pageOfChild,
    render: (page) => renderPage(trace, node, detail, pages(), children, opts, page),
  };
}

/**
 * Where each page of a long text starts. A page ends at a line break in its second half, else at
 * a space in its last fifth, so that a word — an id, or a secret the redaction pass must see
 * whole — is not split across two pages. A space that joins a name to its value (`key: value`,
 * `key = value`, `Bearer value`) is not a break either: the value would start the next page
 * without the name that marks it secret.
 */
export function pageStarts(text: string, room: number): number[] {
  const starts = [0];
  for (let at = 0; text.length - at > room; ) {
    let end = at + room;
    // Look for a line break in this page's second half only: a scan back from `end` through a
    // 100 MB value with no line break would run to its start, once per page.
    const half = at + Math.floor(room * 0.5);
    const nlInPage = text.slice(half, end).lastIndexOf('\n');
    if (nlInPage >= 0) end = half + nlInPage + 1;
    else {
      for (let i = end - 1; i >= at + room * 0.8; i--) {
        if (text[i] !== ' ') continue;
        const before = text.slice(Math.max(at, i - 12), i);
        if (/[:=]\s*$|\b(?:Bearer|Basic|Token)\s*$/i.test(before) || /^\s*[:=]/.test(text.slice(i, i + 3))) continue;
        end = i + 1;
        break;
      }
    }
    starts.push(end);
    at = end;
  }
  return starts;
}
