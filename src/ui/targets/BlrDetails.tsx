import { useRef } from 'react';
import { BLR_DATA_SET_NAMES, BLR_DATA_SETS, isUserCsvKey, isVendoredBlrData } from '../../engine/targets/blr/dataSets';
import { readBlrCsvFile } from '../../run/blrCsv';
import { cancelBlrReference, computeBlrReference } from '../../run/blrReference';
import { useAppStore } from '../../store';
import { IDLE_BLR_REFERENCE_JOB } from '../../store/blrSlice';

/** The select's value for "Use a CSV file…" (not a data set name). */
const CSV_CHOICE = '__csv';

/**
 * Bayesian logistic regression: the data-set picker (the vendored sets, or a CSV file read on
 * this page and never uploaded), what the run measures, and for a user's file the reference
 * posterior on request (HMC in a worker, with progress and Cancel).
 */
export function BlrDetails() {
  const data = useAppStore((s) => s.blr.data);
  const file = useAppStore((s) => s.blrCsv);
  const problem = useAppStore((s) => s.targetProblem);
  const csvError = useAppStore((s) => s.blrCsvError);
  const job = useAppStore((s) => s.blrReferenceJob);
  const input = useRef<HTMLInputElement>(null);
  const vendored = isVendoredBlrData(data) ? data : null;
  const user = isUserCsvKey(data);
  const loaded = user && file?.key === data ? file : null;

  const onFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    const st = useAppStore.getState();
    const read = await readBlrCsvFile(chosen);
    if (!read.ok) return st.setBlrCsvError(read.message);
    cancelBlrReference();
    st.patchBlrReferenceJob(IDLE_BLR_REFERENCE_JOB);
    st.setBlrCsvError(null);
    st.loadBlrCsv(read.file);
  };

  const pick = (value: string) => {
    if (value === CSV_CHOICE) {
      // The file read earlier runs again; without one, the file dialog opens.
      if (file) useAppStore.getState().pickBlr(file.key);
      else input.current?.click();
      return;
    }
    useAppStore.getState().setBlrCsvError(null);
    useAppStore.getState().pickBlr(value);
  };

  const jobHere = job.key !== null && job.key === loaded?.key ? job : IDLE_BLR_REFERENCE_JOB;
  const percent = jobHere.total > 0 ? Math.round((100 * jobHere.iteration) / jobHere.total) : 0;
  return (
    <div className="preset-details blr-details" data-testid="blr-details">
      <label className="blr-field">
        <span>Data set</span>
        <select data-testid="blr-data" value={user ? CSV_CHOICE : data} onChange={(e) => pick(e.target.value)}>
          {BLR_DATA_SET_NAMES.map((name) => (
            <option key={name} value={name}>
              {BLR_DATA_SETS[name].label.replace(/ \(d = \d+\)$/, '')} ({BLR_DATA_SETS[name].rows} × {BLR_DATA_SETS[name].features})
            </option>
          ))}
          <option value={CSV_CHOICE}>{file ? `CSV: ${file.name}` : 'Use a CSV file…'}</option>
        </select>
      </label>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        className="visually-hidden"
        data-testid="blr-csv-input"
        aria-label="CSV file for logistic regression (read on this page, never uploaded)"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = ''; // the same file again is a new choice
        }}
      />
      {vendored && (
        <p className="hint" data-testid="blr-about">
          <strong>{BLR_DATA_SETS[vendored].label}</strong> {BLR_DATA_SETS[vendored].doc} Source: {BLR_DATA_SETS[vendored].source}. Posterior over the weights
          (no intercept, prior N(0, 5² I), features standardised) on a fixed 80% of the rows; the charts compare all weights with a long HMC reference
          and predict the other 20%. The plots show w1 and w2.
        </p>
      )}
      {user && (
        <div className="blr-csv">
          <button type="button" className="small" data-testid="blr-choose-csv" onClick={() => input.current?.click()}>
            {loaded ? 'Choose another CSV file…' : 'Choose a CSV file…'}
          </button>
          <p className="hint">
            The file is read on this page and never uploaded; links name it but cannot hold its data. Labels: the column named <code>label</code>, else
            the last; two classes.
          </p>
          {loaded && (
            <ul className="blr-notes" data-testid="blr-notes">
              {loaded.notes.map((line, k) => (
                <li key={k}>{line}</li>
              ))}
            </ul>
          )}
          {loaded && !loaded.reference && (
            <div className="blr-reference" data-testid="blr-reference">
              <p className="hint" data-testid="blr-no-reference">
                <strong>No reference posterior for this file:</strong> the charts show the predictive metrics only (test accuracy and log predictive density
                on the held-out 20%).
              </p>
              {jobHere.status === 'running' ? (
                <div className="blr-progress">
                  <progress max={100} value={percent} data-testid="blr-reference-progress" aria-label="Reference computation" />
                  <span>
                    {jobHere.phase === 'warmup' ? 'warm-up' : 'sampling'} {percent}%
                  </span>
                  <button type="button" className="small" data-testid="blr-reference-cancel" onClick={cancelBlrReference}>
                    Cancel
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  className="small"
                  data-testid="blr-reference-compute"
                  title="Long HMC (4 chains × 2500 draws after 1000 warm-up, Laplace-whitened) in a worker: the reference metrics appear when it ends"
                  onClick={() => void computeBlrReference()}
                >
                  Compute a reference
                </button>
              )}
              {jobHere.status === 'cancelled' && <p className="hint">Reference cancelled.</p>}
              {jobHere.status === 'error' && (
                <p className="target-problem" role="alert">
                  Reference failed: {jobHere.message}
                </p>
              )}
            </div>
          )}
          {loaded?.reference && (
            <p className="hint" data-testid="blr-reference-done">
              <strong>Reference posterior:</strong> {jobHere.message ?? loaded.reference.source}. The charts now compare the particles with it.
            </p>
          )}
        </div>
      )}
      {csvError && (
        <p className="target-problem" role="alert" data-testid="blr-csv-error">
          {csvError}
        </p>
      )}
      {problem && !csvError && (
        <p className="target-problem" role="alert" data-testid="blr-problem">
          {problem.message}
        </p>
      )}
    </div>
  );
}
