/**
 * Each stage's formulas in TeX with this step's numbers substituted (typeset by KaTeX in
 * StagesView). Numbers come from the record; the algebra follows docs/algorithms.md §1.
 */
import type { StageRecord } from '../../../workers/samplerApi';
import { PLAN_LOG_RANGE } from '../plan/planPixels';
import { formatResidual } from './sinkhornPictures';
import { clippedScores, foreignPicks, meanShift, weightEss } from './stageStats';

export interface StageText {
  readonly title: string;
  /** Display formulas, one block each. */
  readonly tex: readonly string[];
  /** Plain sentences beside them. */
  readonly notes: readonly string[];
}

export const STAGE_TITLES = [
  'Scores and proposal means',
  'Pooled proposals',
  'Importance weights',
  'Cost from one particle',
  'Sinkhorn',
  'Update',
  'Mutation',
] as const;

export const STAGE_COUNT = STAGE_TITLES.length;

/** A number for TeX: 3 significant digits, powers of ten outside [1e-3, 1e4). */
export function texNum(v: number): string {
  if (Number.isNaN(v)) return '\\text{n/a}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(Number(v.toPrecision(3)));
  const e = Math.floor(Math.log10(a));
  const m = Number((v / 10 ** e).toPrecision(3));
  return `${m === 1 ? '' : `${m}\\times`}10^{${e}}`;
}

const num = (r: StageRecord, name: string): number => Number(r.params[name]);

/**
 * The preconditioner's matrices in TeX for this panel (docs/preconditioning.md): the drift matrix
 * A, the noise matrix B applied to a vector v, and whether proposals and cost use them.
 */
function shape(r: StageRecord) {
  const kind = String(r.params.precond ?? 'none');
  const on = kind === 'cholesky' || kind === 'diagonal';
  const chol = kind === 'cholesky';
  return {
    proposals: on && r.params.precondProposals !== false,
    cost: on && r.params.precondCost !== false,
    mutation: chol && r.params.precondMutation !== false,
    drift: (v: string) => (chol ? `L L^\\top ${v}` : `P \\odot ${v}`),
    noise: (v: string) => (chol ? `L\\, ${v}` : `P \\odot ${v}`),
    whiten: (v: string) => (chol ? `L^{-1}(${v})` : `(${v}) / P`),
    cov: chol ? '\\sigma^2 L L^\\top' : '\\sigma^2 \\operatorname{diag}(P)^2',
    note: chol
      ? `L is the Cholesky factor of the particles' covariance after the previous step (shrinkage ${r.params.precondShrink}, moving average ${r.params.precondEma}).`
      : `P = 1/sqrt(G + 1e-8), G a running mean of squared scores up to the previous step (decay ${r.params.precondBeta}).`,
  };
}

function scoresStage(r: StageRecord): StageText {
  const scoreFree = r.params.guidance === 'score-free';
  const clip = num(r, 'clip');
  return {
    title: STAGE_TITLES[0],
    tex: scoreFree
      ? ['s_i = 0 \\quad\\text{(score-free)}', `\\mu_i = x_i`]
      : [
          `s_i = \\operatorname{clip}_{c}\\big(\\nabla \\log \\pi(x_i)\\big),\\quad c = ${texNum(clip)}`,
          `\\mu_i = x_i + \\alpha\\, ${shape(r).proposals ? shape(r).drift('s_i') : 's_i'},\\quad \\alpha = ${texNum(r.alpha)}`,
          `\\tfrac1N \\textstyle\\sum_i \\lVert \\mu_i - x_i \\rVert = ${texNum(meanShift(r.x, r.mu))}`,
        ],
    notes: scoreFree
      ? [`${r.label} uses only values of the density: the proposals are centred on the particles.`]
      : [
          `Arrows go from each particle x_i to its proposal mean mu_i. ${clippedScores(r.scores, clip)} of ${r.n} scores were clipped to length ${clip}.`,
          ...(shape(r).proposals ? [shape(r).note] : []),
        ],
  };
}

function proposalsStage(r: StageRecord): StageText {
  const M = num(r, 'M');
  const fdr = r.params.fdr === true && r.params.guidance !== 'score-free';
  return {
    title: STAGE_TITLES[1],
    tex: [
      `y_{(i,m)} = \\mu_i + \\sigma\\, ${shape(r).proposals ? shape(r).noise('\\xi_{im}') : '\\xi_{im}'},\\quad \\xi_{im} \\sim \\mathcal N(0, I_2)`,
      fdr ? `\\sigma = \\sqrt{2\\alpha} = ${texNum(r.sigma)}` : `\\sigma = ${texNum(r.sigma)}`,
      `P = N M = ${r.n} \\cdot ${M} = ${r.proposals}`,
    ],
    notes: ['All proposals go into one pool y_1 … y_P: any particle may take a proposal born from another one.'],
  };
}

function weightsStage(r: StageRecord): StageText {
  const notes = [
    `Each proposal is sized and coloured by its weight: the larger and darker, the more the target wants mass there. ${
      r.floored === 0 ? 'No proposal sits on the floor (max − 30 nats).' : `${r.floored} of ${r.proposals} sit on the floor (max − 30 nats), drawn as grey crosses.`
    } The white rings are the particles.`,
  ];
  if (r.degenerateWeights) notes.push('No proposal had positive density: the weights fell back to uniform.');
  if (r.nonFiniteDensity > 0) notes.push(`${r.nonFiniteDensity} proposals had a non-finite density (given the floor).`);
  return {
    title: STAGE_TITLES[2],
    tex: [
      `\\log b_j = \\log \\pi(y_j) - \\log q(y_j),\\quad q(y) = \\tfrac1N \\textstyle\\sum_i \\mathcal N(y;\\, \\mu_i, ${shape(r).proposals ? shape(r).cov : '\\sigma^2 I'})`,
      `\\log b_j \\ge \\max_k \\log b_k - 30 = ${texNum(r.logBFloor)},\\quad \\operatorname{LSE}_j \\log b_j = 0`,
      `\\mathrm{ESS}_b = 1 / \\textstyle\\sum_j b_j^2 = ${texNum(weightEss(r.logB))} \\text{ of } ${r.proposals}`,
    ],
    notes,
  };
}

function costStage(r: StageRecord): StageText {
  const eps = num(r, 'eps');
  const stat = r.params.costScale === 'mean' ? '\\operatorname{mean}' : '\\operatorname{median}';
  const langevin = r.params.cost === 'langevin-residual';
  const sh = shape(r);
  // One notation in every stage: C_ij = c ||y_j - z_i||^2 / stat(C), with the anchor z_i.
  const coef = langevin ? '\\tfrac{1}{4\\varepsilon}' : '\\tfrac12';
  const anchor = langevin
    ? `z_i = x_i + \\varepsilon\\, ${sh.cost ? sh.drift('s_i') : 's_i'} \\ \\text{(Langevin residual)}`
    : 'z_i = x_i';
  const diff = sh.cost ? sh.whiten('y_j - z_i') : 'y_j - z_i';
  return {
    title: STAGE_TITLES[3],
    tex: [
      `C_{ij} = ${coef} \\lVert ${diff} \\rVert^2 \\,/\\, ${stat}(C),\\quad ${anchor}`,
      `${stat}(C) = ${texNum(r.costScale)}`,
      `\\log K_{ij} = -C_{ij}/\\varepsilon = -\\kappa \\lVert ${sh.cost ? '\\tilde y_j - \\tilde z_i' : 'y_j - z_i'} \\rVert^2,\\quad \\kappa = \\frac{${texNum(r.costCoef)}}{${texNum(r.costScale)} \\cdot ${texNum(eps)}} = ${texNum(r.kappa)}`,
    ],
    notes: [
      `Proposals coloured by their cost C_ij from particle ${r.particle} (darker is cheaper). Dashed circle: C_ij = 1 (the ${r.params.costScale} cost); solid: C_ij = ε = ${eps}, the reach of the kernel.`,
      ...(sh.cost ? [`The cost is measured in whitened coordinates (the tilde points), where the Sinkhorn kernels run unchanged. ${sh.note}`] : []),
    ],
  };
}

function sinkhornStage(r: StageRecord, frame: number): StageText {
  const s = r.sinkhorn;
  const eps = num(r, 'eps');
  const coupling = String(r.params.coupling);
  if (coupling === 'semi-relaxed')
    return {
      title: STAGE_TITLES[4],
      tex: [
        `\\log \\gamma_{ij} = \\log a_i + \\log \\operatorname{softmax}_j\\big(\\log K_{ij} + \\log b_j\\big)`,
        `\\text{column error } \\textstyle\\sum_j \\lvert \\sum_i \\gamma_{ij} - b_j \\rvert = ${texNum(s.colError)}`,
      ],
      notes: ['Semi-relaxed: the plan has a closed form, no Sinkhorn iterations; only the particle marginal is exact.'],
    };
  const rho = num(r, 'rho');
  const lam = coupling === 'unbalanced' ? rho / (1 + rho) : 1;
  const it = s.frames.iterations[frame];
  const last = frame === s.frames.iterations.length - 1;
  const res = it > 0 ? s.residuals[it - 1] : NaN;
  return {
    title: STAGE_TITLES[4],
    tex: [
      `f_i = \\varepsilon\\big(\\log a_i - \\operatorname{LSE}_j(\\log K_{ij} + g_j/\\varepsilon)\\big),\\quad \\varepsilon = ${texNum(eps)},\\ a_i = 1/${r.n}`,
      lam === 1
        ? `g_j = \\varepsilon\\big(\\log b_j - \\operatorname{LSE}_i(\\log K_{ij} + f_i/\\varepsilon)\\big)`
        : `g_j = \\varepsilon\\lambda\\big(\\log b_j - \\operatorname{LSE}_i(\\log K_{ij} + f_i/\\varepsilon)\\big),\\quad \\lambda = \\tfrac{\\rho}{1+\\rho} = ${texNum(lam)}`,
      ...(last
        ? [
            `\\text{stopped after } ${s.iterations} \\text{ iterations${s.converged ? '' : ' (the cap)'}; the returned plan:}`,
            lam === 1
              ? `\\lVert \\gamma \\mathbf 1 - a \\rVert_1 + \\lVert \\gamma^\\top \\mathbf 1 - b \\rVert_1 = ${texNum(s.rowError)} + ${texNum(s.colError)} = ${texNum(s.residual)} ${s.converged ? '\\le' : '>'} ${texNum(s.tol)}`
              : `\\text{residual} = ${texNum(s.residual)} ${s.converged ? '\\le' : '>'} ${texNum(s.tol)}\\ \\ (\\lVert \\gamma \\mathbf 1 - a \\rVert_1 = ${texNum(s.rowError)})`,
          ]
        : [
            `\\text{after iteration } ${it} \\text{ of } ${s.iterations}:`,
            `\\text{residual} = ${texNum(s.rowResiduals[it - 1])} + ${texNum(s.colResiduals[it - 1])} = ${texNum(res)}\\ (\\text{rows} + \\text{columns})`,
          ]),
      `\\omega = ${texNum(s.omega)},\\quad \\mathrm{ESS} = \\tfrac1N \\textstyle\\sum_i 1/\\sum_j \\bar\\gamma_{ij}^2 = ${texNum(r.ess)}`,
    ],
    notes: [
      `The plan image: row i is particle x_i, column j proposal y_j, both ordered by angle around the box centre (binned to ${s.frames.height} × ${s.frames.width} cells); a cell's colour is the log of its plan mass, ${PLAN_LOG_RANGE} nats below the largest cell (black) to the largest (yellow). ${last ? 'Shown: the plan the update uses.' : `Shown: the plan after iteration ${it}.`}`,
      last
        ? `The chart: the residual the solver tested after each iteration (dots), the tolerance (dashed) and the returned plan's residual ${formatResidual(s.residual)} (diamond), after a last plain column half-step.`
        : 'The chart: the residual the solver tested after each iteration (dots) and the tolerance (dashed); the larger dot is the iteration shown.',
      s.omega !== 1 ? `Over-relaxation ω = ${s.omega.toFixed(2)} after the first plain iterations (adaptive).` : 'Plain Sinkhorn half-steps (ω = 1).',
    ],
  };
}

function updateStage(r: StageRecord): StageText {
  const eta = num(r, 'eta');
  if (r.means)
    return {
      title: STAGE_TITLES[5],
      tex: [
        `\\bar\\gamma_{ij} = \\gamma_{ij} / \\textstyle\\sum_k \\gamma_{ik}`,
        `x_i \\leftarrow (1-\\eta)\\, x_i + \\eta \\textstyle\\sum_j \\bar\\gamma_{ij}\\, y_j,\\quad \\eta = ${texNum(eta)}`,
        `\\tfrac1N \\textstyle\\sum_i \\lVert x_i^{\\text{new}} - x_i \\rVert = ${texNum(meanShift(r.x, r.xUpdated))}`,
      ],
      notes: ['Barycentric: each particle moves towards the mean of its plan row (crosses mark the means). Averaging across modes shrinks the spread.'],
    };
  return {
    title: STAGE_TITLES[5],
    tex: [
      `j^*_i \\sim \\bar\\gamma_{i\\cdot},\\quad \\bar\\gamma_{ij} = \\gamma_{ij} / \\textstyle\\sum_k \\gamma_{ik}`,
      `x_i \\leftarrow (1-\\eta)\\, x_i + \\eta\\, y_{j^*_i},\\quad \\eta = ${texNum(eta)}`,
      `\\#\\{i : j^*_i \\text{ born from another particle}\\} = ${foreignPicks(r)} \\text{ of } ${r.n}`,
    ],
    notes: [`Each line joins a particle to the proposal it drew (one uniform per particle). Particle ${r.particle}'s row of the plan is drawn in pink (larger, more opaque dots: more mass).`],
  };
}

function mutationStage(r: StageRecord): StageText {
  const kind = String(r.params.mutation);
  if (kind === 'none')
    return {
      title: STAGE_TITLES[6],
      tex: ['x^{\\text{new}} = x^{\\text{update}}'],
      notes: ['Mutation is off for this panel: the update’s particles are the step’s result.'],
    };
  const h = num(r, 'mutationStep');
  const K = num(r, 'mutationSteps');
  const sh = shape(r);
  const xi = sh.mutation ? 'L\\,\\xi' : '\\xi';
  const move =
    kind === 'mala'
      ? `y = x + h\\, ${sh.mutation ? 'L L^\\top s(x)' : 's(x)'} + \\sqrt{2h}\\, ${xi},\\quad h = ${texNum(h)}`
      : `y = x + \\sqrt{2h}\\,${xi},\\quad h = ${texNum(h)}`;
  return {
    title: STAGE_TITLES[6],
    tex: [
      move,
      `\\text{accept with } \\min\\!\\Big(1, \\frac{\\pi(y)\\, q(x\\mid y)}{\\pi(x)\\, q(y \\mid x)}\\Big),\\quad K = ${K} \\text{ moves}`,
      `\\text{acceptance} = ${texNum(r.acceptance)},\\quad \\tfrac1N \\textstyle\\sum_i \\lVert x_i^{\\text{after}} - x_i^{\\text{before}} \\rVert = ${texNum(meanShift(r.xUpdated, r.xAfter))}`,
    ],
    notes: [`${kind.toUpperCase()} moves after the transport step: hollow rings before, dots after.`],
  };
}

/** The text of stage `stage` (0-based); frame: the Sinkhorn frame shown (stage 5). */
export function stageText(r: StageRecord, stage: number, frame: number): StageText {
  switch (stage) {
    case 0:
      return scoresStage(r);
    case 1:
      return proposalsStage(r);
    case 2:
      return weightsStage(r);
    case 3:
      return costStage(r);
    case 4:
      return sinkhornStage(r, frame);
    case 5:
      return updateStage(r);
    default:
      return mutationStage(r);
  }
}
