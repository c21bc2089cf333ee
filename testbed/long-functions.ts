/**
 * Lists the functions in scripts/ of N lines or more (default 60), longest first: declarations,
 * methods, arrow functions and function expressions, each with its name (or the variable or
 * property it is assigned to), its file and lines. `npx tsx testbed/long-functions.ts [N]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
const MIN = Number(process.argv[2] ?? 60);

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isGetAccessor(node) || ts.isSetAccessor(node)) return node.name.getText(sf);
  const p = node.parent;
  if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return p.name.getText(sf);
  if (ts.isCallExpression(p)) return `(callback of ${p.expression.getText(sf).slice(0, 40)})`;
  return '(anonymous)';
}

const rows: Array<{ lines: number; where: string; name: string }> = [];
for (const f of readdirSync(join(ROOT, 'scripts'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
  const file = join(ROOT, 'scripts', f);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      if (end - start + 1 >= MIN) rows.push({ lines: end - start + 1, where: `${relative(ROOT, file)}:${start}-${end}`, name: nameOf(node, sf) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
rows.sort((a, b) => b.lines - a.lines || a.where.localeCompare(b.where));
for (const r of rows) console.log(`${String(r.lines).padStart(4)}  ${r.name}  ${r.where}`);
console.log(`${rows.length} function(s) of ${MIN} lines or more in scripts/`);
