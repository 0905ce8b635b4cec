/**
 * Reads the Python-literal text that pandas leaves in CSV cells — `{'south': 61, 'east': NaN}`,
 * `['Kyiv oblast', 'Lviv oblast']` — as JSON values. NaN, None and infinities become null, since
 * JSON has no such numbers and they mean "not reported" in these files.
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue }

export type LiteralResult = { ok: true; value: JsonValue } | { ok: false; message: string }

export function parsePythonLiteral(text: string): LiteralResult {
  const parser = new LiteralParser(text)
  try {
    const value = parser.value()
    parser.skipSpace()
    if (!parser.atEnd()) return { ok: false, message: parser.failure('unexpected text') }
    return { ok: true, value }
  } catch (error) {
    if (error instanceof LiteralError) return { ok: false, message: error.message }
    throw error
  }
}

class LiteralError extends Error {}

class LiteralParser {
  private at = 0
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length
  }

  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++
  }

  failure(what: string): string {
    return `${what} at character ${this.at + 1}`
  }

  value(): JsonValue {
    this.skipSpace()
    const ch = this.text[this.at]
    if (ch === undefined) throw new LiteralError(this.failure('unexpected end'))
    if (ch === '{') return this.dict()
    if (ch === '[') return this.sequence('[', ']')
    if (ch === '(') return this.sequence('(', ')')
    if (ch === "'" || ch === '"') return this.string()
    return this.word()
  }

  private expect(ch: string): void {
    this.skipSpace()
    if (this.text[this.at] !== ch) throw new LiteralError(this.failure(`expected "${ch}"`))
    this.at++
  }

  private dict(): JsonValue {
    this.expect('{')
    const out: { [key: string]: JsonValue } = {}
    this.skipSpace()
    while (this.text[this.at] !== '}') {
      const key = this.value()
      if (typeof key !== 'string' && typeof key !== 'number')
        throw new LiteralError(this.failure('a key must be a string or number'))
      this.expect(':')
      out[String(key)] = this.value()
      this.skipSpace()
      if (this.text[this.at] === ',') {
        this.at++
        this.skipSpace()
      } else if (this.text[this.at] !== '}') {
        throw new LiteralError(this.failure('expected "," or "}"'))
      }
    }
    this.at++
    return out
  }

  private sequence(open: string, close: string): JsonValue {
    this.expect(open)
    const out: JsonValue[] = []
    this.skipSpace()
    while (this.text[this.at] !== close) {
      out.push(this.value())
      this.skipSpace()
      if (this.text[this.at] === ',') {
        this.at++
        this.skipSpace()
      } else if (this.text[this.at] !== close) {
        throw new LiteralError(this.failure(`expected "," or "${close}"`))
      }
    }
    this.at++
    return out
  }

  private string(): string {
    const quote = this.text[this.at]!
    this.at++
    let out = ''
    while (this.at < this.text.length) {
      const ch = this.text[this.at]!
      if (ch === quote) {
        this.at++
        return out
      }
      if (ch === '\\') {
        const next = this.text[this.at + 1]
        if (next === undefined) break
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next
        this.at += 2
        continue
      }
      out += ch
      this.at++
    }
    throw new LiteralError(this.failure('unterminated string'))
  }

  private word(): JsonValue {
    const match = /^[A-Za-z0-9_.+-]+/.exec(this.text.slice(this.at))
    if (!match) throw new LiteralError(this.failure('unexpected character'))
    this.at += match[0].length
    const word = match[0]
    if (word === 'True') return true
    if (word === 'False') return false
    if (/^(None|NaN|nan|inf|-inf|Infinity|-Infinity)$/.test(word)) return null
    const number = Number(word)
    if (Number.isNaN(number)) throw new LiteralError(this.failure(`unknown word "${word}"`))
    return number
  }
}
