/** A problem in a case file, named by where it is; every section's checks report these. */
export interface CaseProblem {
  /** JSON path of the offending value, e.g. `$.documents[1].provisions[3].sources[0]`. */
  path: string
  message: string
}
