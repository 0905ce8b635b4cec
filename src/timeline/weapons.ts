import type { CsvRecord, RowProblem } from './csv.ts'

/**
 * What a strike row counts as. Guided bombs are kept apart: the data set logs them only now and
 * then, so they are stored but left out of the drone and missile totals.
 */
export type WeaponClass = 'drone' | 'missile' | 'bomb'

/** Weapon label (lower-cased) → class, from the data set's weapon table (missiles_and_uavs.csv). */
export type WeaponTable = ReadonlyMap<string, WeaponClass>

export const EMPTY_WEAPON_TABLE: WeaponTable = new Map()

/** The class a weapon-table category names, or undefined for a category we cannot place. */
export function classOfCategory(category: string): WeaponClass | undefined {
  const c = category.trim().toLowerCase()
  if (c === 'uav' || c.includes('drone')) return 'drone'
  if (c.includes('missile') || c.includes('ballistic')) return 'missile'
  if (c.includes('bomb')) return 'bomb'
  return undefined
}

/** Reads a weapon table (columns `model` and `category`, others ignored). */
export function parseWeaponTable(records: readonly CsvRecord[]): {
  table: WeaponTable
  problems: RowProblem[]
} {
  const [header, ...rows] = records
  const problems: RowProblem[] = []
  if (!header) return { table: EMPTY_WEAPON_TABLE, problems: [] }
  const names = header.fields.map((f) => f.trim().toLowerCase())
  const modelAt = names.indexOf('model')
  const categoryAt = names.indexOf('category')
  for (const [column, at] of [
    ['model', modelAt],
    ['category', categoryAt],
  ] as const) {
    if (at === -1)
      problems.push({ line: header.line, column, message: 'the weapon table has no such column' })
  }
  if (problems.length > 0) return { table: EMPTY_WEAPON_TABLE, problems }
  const table = new Map<string, WeaponClass>()
  for (const row of rows) {
    const model = normalizeLabel(row.fields[modelAt] ?? '')
    const category = row.fields[categoryAt] ?? ''
    if (model === '') continue
    const weaponClass = classOfCategory(category)
    // A category we cannot place leaves the label to the built-in rules rather than failing.
    if (weaponClass) table.set(model.toLowerCase(), weaponClass)
  }
  return { table, problems }
}

/** Trims and collapses runs of white space; labels are otherwise kept as written. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ')
}

// Our own rules for labels the weapon table does not list: names of Russian and Iranian drones
// and missiles as the Ukrainian Air Force writes them, in Latin and Cyrillic script.
const RULES: readonly (readonly [RegExp, WeaponClass])[] = [
  [/\bbomb\b|\bgbu\b|\bkab\b|\bfab\b|\bupab\b|бомб/i, 'bomb'],
  [
    /\buav\b|drone|shahed|geran|gerbera|lancet|orlan|zala|supercam|merlin|mohajer|forpost|eleron|orion|granat|\bkub\b|молні|молни|фенікс|феникс|картограф|привет|ланцет|шахед|герань/i,
    'drone',
  ],
  [
    /missile|iskander|kalibr|kinzhal|zircon|oniks|onyx|banderol|kn-23|^[xх]-\d|^kh-\d|^[cсs]-[34]00|ракет|іскандер|искандер|калібр|калибр|кинджал|кинжал/i,
    'missile',
  ],
]

export type Classification =
  | { ok: true; weaponClass: WeaponClass; via: 'table' | 'rules' }
  | { ok: false; message: string }

/**
 * Classifies a weapon label: the weapon table first; a combined label ("C-300 and Iskander-M")
 * part by part, every part the same class; then our rules. A label whose parts disagree, or that
 * nothing recognises, is not classified — the importer reports it rather than guessing.
 */
export function classifyWeapon(label: string, table: WeaponTable): Classification {
  const whole = normalizeLabel(label)
  if (whole === '') return { ok: false, message: 'the weapon label is empty' }
  const listed = table.get(whole.toLowerCase())
  if (listed) return { ok: true, weaponClass: listed, via: 'table' }
  const parts = whole.split(/\s+(?:and|&|\+|та|и|і)\s+|\s*,\s*/i).filter((p) => p !== '')
  const classes = new Set<WeaponClass>()
  let viaRules = false
  for (const part of parts) {
    const fromTable = table.get(part.toLowerCase())
    if (fromTable) {
      classes.add(fromTable)
      continue
    }
    const rule = RULES.find(([pattern]) => pattern.test(part))
    if (!rule) {
      return {
        ok: false,
        message: `"${part}" is neither in the weapon table nor recognised as a drone, missile or bomb`,
      }
    }
    viaRules = true
    classes.add(rule[1])
  }
  if (classes.size > 1) {
    return {
      ok: false,
      message: `"${whole}" combines ${[...classes].sort().join(' and ')}; split the row by weapon class`,
    }
  }
  const [weaponClass] = classes
  return { ok: true, weaponClass: weaponClass!, via: viaRules ? 'rules' : 'table' }
}
