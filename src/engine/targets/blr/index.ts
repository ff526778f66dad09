/** Bayesian logistic regression targets (docs/algorithms.md §5, docs/posteriors.md): data, posterior, references, predictive metrics. */
export { CsvError, CSV_MAX_CHARS, CSV_MAX_ROWS, CSV_MIN_PER_CLASS, CSV_MIN_ROWS, parseLabelledCsv, type CsvOptions, type LabelledTable } from './csv';
export { BLR_SPLIT, mulberry32, stratifiedSplit, type Split } from './split';
export { BLR_PRIOR_SD, createBlrProblem, type BlrProblem } from './problem';
export { blrLogDensity, blrNegHessian, blrScore, logLikelihood } from './posterior';
export { laplace, type Laplace } from './laplace';
export { predictive, type Predictive } from './predictive';
export { parseBlrReference, referenceMismatch, type BlrReference, type BlrReferenceDiagnostics } from './reference';
export {
  BLR_DATA_SETS,
  BLR_DATA_SET_NAMES,
  blrData,
  blrDataFromText,
  isVendoredBlrData,
  provideBlrData,
  provideBlrDataBuilt,
  setBlrDataLoader,
  type BlrData,
  type BlrDataSetName,
  type BlrDataText,
} from './dataSets';
export { blrSummary, blrTarget, blrViewNote, viewRange } from './target';
export {
  BlrReferenceRun,
  buildBlrReference,
  essMultiChain,
  REFERENCE_RUN_DEFAULTS,
  splitRhat,
  type ReferenceProgress,
  type ReferenceRunOptions,
} from './buildReference';
