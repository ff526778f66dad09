import { ndTargetInfo } from '../../engine/targets/targetInfo';
import { TARGET_PARAMS } from '../../engine/targets/targetParams';
import { useAppStore } from '../../store';
import { NumberField } from '../NumberField';

/** The chosen d-dimensional family: what it is, and its dimension (validated as typed; a change restarts every panel). */
export function NdDetails() {
  const { name, dim } = useAppStore((s) => s.nd);
  const problem = useAppStore((s) => s.targetProblem);
  const setDim = useAppStore((s) => s.setDim);
  const info = ndTargetInfo(name);
  return (
    <div className="preset-details nd-details" data-testid="nd-details">
      <p className="hint">
        <strong>{info?.label ?? name}</strong> {info?.doc} The panels draw two of its d coordinates over their exact marginal (choose them above the panels);
        the metrics use all d.
      </p>
      <NumberField name="dim" decl={TARGET_PARAMS.dim} label={TARGET_PARAMS.dim.label ?? 'dim'} value={dim} onCommit={setDim} testId="dim" />
      {problem && (
        <p className="target-problem" role="alert">
          {problem.message}
        </p>
      )}
    </div>
  );
}
