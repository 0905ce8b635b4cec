import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import ts from 'typescript'

// The size and shape rules of docs/ARCHITECTURE.md that a linter cannot check: pages and routes
// files stay short enough to read, long functions say why they are long, and no two files of src/
// import each other, directly or round a circle.
const ROOT = path.resolve(import.meta.dirname, '..')
const SRC = path.join(ROOT, 'src')

/** Lines a `*.pages.tsx` or `*.routes.tsx` file may have. */
const MAX_FILE_LINES = 400
/** Lines a function may span without a comment above it saying why. */
const MAX_FUNCTION_LINES = 120

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })
}

// test/lint-rules.test.ts plants short-lived `__planted-*` files in src/ while this file may be
// running beside it; they are not part of the code base, and may be gone before they are read.
const sourceFiles = walk(SRC)
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
  .filter((file) => !path.basename(file).startsWith('__planted'))
  .sort()
const relative = (file: string) => path.relative(ROOT, file)

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
}

test(`no pages or routes file is longer than ${MAX_FILE_LINES} lines`, () => {
  const long = sourceFiles
    .filter((file) => /\.(pages|routes)\.tsx?$/.test(file))
    .map((file) => ({ file, lines: readFileSync(file, 'utf8').trimEnd().split('\n').length }))
    .filter(({ lines }) => lines > MAX_FILE_LINES)
    .map(({ file, lines }) => `${relative(file)}: ${lines} lines`)

  assert.deepEqual(long, [], `split these by area:\n${long.join('\n')}`)
})

/** The statement (or class member, or property) a function is written in: where its comment sits. */
function commentAnchor(node: ts.Node): ts.Node {
  let current = node
  while (
    current.parent &&
    !ts.isSourceFile(current.parent) &&
    !ts.isBlock(current.parent) &&
    !ts.isClassLike(current.parent) &&
    !ts.isObjectLiteralExpression(current.parent) &&
    !ts.isModuleBlock(current.parent) &&
    !ts.isCaseClause(current.parent)
  ) {
    current = current.parent
  }
  return current
}

/**
 * Whether the comment right above the function says why it is long. A doc comment saying what the
 * function does is not that; the reason has to use the word, e.g. "// Long because …".
 */
function saysWhyLong(source: ts.SourceFile, node: ts.Node): boolean {
  const anchor = commentAnchor(node)
  const comments = ts.getLeadingCommentRanges(source.text, anchor.getFullStart()) ?? []
  return comments.some((range) => /\blong\b/i.test(source.text.slice(range.pos, range.end)))
}

test(`no function spans more than ${MAX_FUNCTION_LINES} lines without a comment above it saying why`, () => {
  const long: string[] = []
  for (const file of sourceFiles) {
    const source = parse(file)
    const visit = (node: ts.Node) => {
      if (
        ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isArrowFunction(node) ||
        ts.isMethodDeclaration(node)
      ) {
        const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line
        const last = source.getLineAndCharacterOfPosition(node.getEnd()).line
        const lines = last - first + 1
        if (lines > MAX_FUNCTION_LINES && !saysWhyLong(source, node)) {
          const name =
            node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous function)'
          long.push(`${relative(file)}:${first + 1}: ${name}, ${lines} lines`)
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }

  assert.deepEqual(
    long,
    [],
    `split these, or say above them why they are long:\n${long.join('\n')}`,
  )
})

/** Files of src/ that `file` imports (static, type-only, re-exports and dynamic imports alike). */
function importsOf(file: string): string[] {
  const source = parse(file)
  const specifiers: string[] = []
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text)
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.resolve(path.dirname(file), specifier))
}

/** Strongly connected components of more than one file (Tarjan): each is an import circle. */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const lowlink = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const connect = (file: string) => {
    indices.set(file, index)
    lowlink.set(file, index)
    index += 1
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      if (!indices.has(next)) {
        connect(next)
        lowlink.set(file, Math.min(lowlink.get(file)!, lowlink.get(next)!))
      } else if (onStack.has(next)) {
        lowlink.set(file, Math.min(lowlink.get(file)!, indices.get(next)!))
      }
    }
    if (lowlink.get(file) === indices.get(file)) {
      const component: string[] = []
      let member: string | undefined
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== file)
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component)
    }
  }
  for (const file of graph.keys()) if (!indices.has(file)) connect(file)
  return found
}

test('no files of src/ import each other round a circle', () => {
  const graph = new Map(sourceFiles.map((file) => [file, importsOf(file)]))

  const found = circles(graph).map((component) => component.map(relative).sort().join(' ⇄ '))

  assert.deepEqual(found, [], `break these import circles:\n${found.join('\n')}`)
})
