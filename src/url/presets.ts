/**
 * Named experiments, each a link query decoded by the same decoder as any URL (so a preset can
 * never hold what a link cannot), with one line on what to look at. The paper's U3 figure has
 * five samplers; a page shows up to six panels, so it is one preset.
 */
import authorsBlrBreastCancer from '../../configs/authors-blr-breast-cancer.json';
import authorsBlrIonosphere from '../../configs/authors-blr-ionosphere.json';
import authorsBlrSonar from '../../configs/authors-blr-sonar.json';
import authorsBlrSonarMutation from '../../configs/authors-blr-sonar-mutation.json';
import authorsFunnel10 from '../../configs/authors-funnel-10d.json';
import authorsGmm10 from '../../configs/authors-gmm-10d.json';
import authorsGmm20 from '../../configs/authors-gmm-20d.json';
import { experimentFromConfig } from '../engine/experiment/experimentConfig';
import { parseRunConfig } from '../engine/experiment/runConfig';
import { encodeExperiment } from './encode';
import { defaultExperiment, DEFAULT_BOX } from './schema';
import { LR_START_POINTS } from '../engine/targets/logistic2d';

export interface NamedPreset {
  readonly id: string;
  readonly title: string;
  /** What to watch, in one sentence. */
  readonly note: string;
  readonly query: string;
}

/** A drawn target for the gallery: a smile of bumps (two eyes and an arc), built with the same encoder as any link. */
function smileQuery(): string {
  const arc = Array.from({ length: 9 }, (_, k) => {
    const a = Math.PI * (1.15 + (0.7 * k) / 8);
    return [2.2 * Math.cos(a), 2.2 * Math.sin(a) + 0.4, 0.35, 1] as const;
  });
  const eyes = [[-1.2, 1.4, 0.35, 1.5], [1.2, 1.4, 0.35, 1.5]] as const;
  return encodeExperiment({
    ...defaultExperiment(),
    target: { kind: 'drawn', box: DEFAULT_BOX, bumps: [...eyes, ...arc] },
    run: { ...defaultExperiment().run, n: 100 },
    panels: [{ sampler: 'etd-b', params: {} }, { sampler: 'svgd', params: {} }],
  });
}

/** Logistic regression you can see, on its fourteen starting points (the points are in the link's fragment). */
function logisticQuery(): string {
  return encodeExperiment({
    ...defaultExperiment(),
    target: { kind: 'logistic2d', points: LR_START_POINTS },
    run: { ...defaultExperiment().run, n: 100 },
    panels: [{ sampler: 'etd-b', params: {} }, { sampler: 'svgd', params: {} }, { sampler: 'mala', params: {} }],
  });
}

/**
 * A committed runner config (configs/*.json) as a link, so the page opens the experiment the
 * runner runs (the page ignores the config's step count and checkpoints).
 */
function configQuery(raw: unknown): string {
  return encodeExperiment(experimentFromConfig(parseRunConfig(raw)));
}

export const PRESETS: readonly NamedPreset[] = [
  {
    id: 'u3-paper',
    title: 'Paper U3 figure: five samplers, no confinement',
    note:
      "The paper's U3 comparison (N = 250, U3 without the soft box, so z1 is unbounded): the strip under each plot shows z1 from far left to far right. Measured here after 500 steps (3 seeds), the spread of z1 (std) is about 17 for ETD-UB-SG and 15 for ETD-UB-SF, which keep following both ridges outwards, against 4.8 for SVGD, 3.9 for AGF-SVGD and 2.6 for SGLD, which stay near the centre.",
    query: 'v=1&t=u3&conf=0&n=250&seed=1&p=etd-ub-sg,etd-ub-sf,svgd,agf-svgd,sgld',
  },
  {
    id: 'ring-collapse',
    title: 'Ring of 8: ETD-B vs SVGD (collapse)',
    note: "SVGD's repulsion is local, so a cloud started in the middle can leave modes of the ring empty; ETD's transport sends mass to every mode.",
    query: 'v=1&t=gmm-ring-8&n=100&seed=1&p=etd-b,svgd',
  },
  {
    id: 'barycentric-vs-categorical',
    title: 'Barycentric vs categorical update',
    note: 'The same ETD-B twice: moving to the plan row average (barycentric) pulls particles between the four modes, drawing one proposal (categorical) does not.',
    query: 'v=1&t=gmm-grid-4&n=100&seed=1&p=etd-b,etd-b&p2.update=barycentric',
  },
  {
    id: 'score-free-vs-guided',
    title: 'Score-free vs score-guided',
    note: 'ETD-B-SF proposes without gradients, using only values of pi: it still finds the banana, a little more slowly than score-guided ETD-B.',
    query: 'v=1&t=banana&n=100&seed=1&p=etd-b,etd-b-sf',
  },
  {
    id: 'couplings',
    title: 'Balanced vs unbalanced vs semi-relaxed coupling',
    note: 'The same score-guided proposals coupled three ways: the balanced plan must hit every importance weight exactly, the unbalanced one may miss them a little, the semi-relaxed Gibbs coupling ignores the target marginal (compare marginal errors and spread).',
    query: 'v=1&t=gmm-grid-4&n=100&seed=1&p=etd-b,etd-ub-sg,etd-sr',
  },
  {
    id: 'epsilon',
    title: 'Epsilon: 0.05 vs 0.1 vs 0.5',
    note: 'Smaller eps makes the transport plan sharper (each particle takes nearby proposals, lower coupling ESS); larger eps blurs it towards random reassignment, and Sinkhorn needs fewer iterations.',
    query: 'v=1&t=gmm-ring-8&n=100&seed=1&p=etd-b,etd-b,etd-b&p1.eps=0.05&p3.eps=0.5',
  },
  {
    id: 'drawn-smile',
    title: 'A drawn target: a smile',
    note: 'A density painted as Gaussian bumps (open Draw to change it): ETD fills the thin arc and both eyes, SVGD spreads more evenly between them.',
    query: smileQuery(),
  },
  {
    id: 'mala-acceptance',
    title: 'MALA acceptance',
    note: "On Neal's funnel a larger step h makes MALA reject more (see each panel's acceptance rate); ULA never rejects and pays with bias in the neck.",
    query: 'v=1&t=funnel&n=100&seed=1&p=mala,mala,ula&p2.h=0.1&p3.h=0.1',
  },
  {
    id: 'variance-collapse-50d',
    title: 'Variance collapse in 50 dimensions',
    note:
      "The standard Gaussian in d = 50 (N = 100 from N(0, 2^2 I); the plots show coordinates x1 and x2, the chart 'Mean var ratio' all 50). Panel 1 is ETD-B with the ETD authors' Cholesky preconditioner at their alpha 0.5, panel 2 the same alpha without it. Measured with the runner after 300 steps (seeds 1-3, npm run sample with these panels): the mean variance ratio is 0.002-0.033 with the preconditioner, which collapses here: with 2500 proposals in 50 dimensions its importance weights degenerate (an effective sample size of 1-4 at steps 100-300) and the factor, which follows the cloud, shrinks with it. Without it, alpha 0.5 (proposal noise sqrt(2 alpha) = 1, the target's scale) holds 1.00-1.03. SVGD gives 0.097 (its kernel repulsion fades in high dimension); ULA is still too wide at 300 steps (2.6, falling from 3.2-3.4 at step 100). docs/preconditioning.md has the sweep over d.",
    query: 'v=1&t=iso-gaussian&dim=50&n=100&seed=1&p=etd-b,etd-b,svgd,ula&p1.alpha=0.5&p1.precond=cholesky&p2.alpha=0.5',
  },
  {
    id: 'authors-gmm-10d',
    title: "Authors' set-up: five Gaussians on a ring in 10 dimensions",
    note:
      "The ETD authors' gmm 10d configuration (configs/authors-gmm-10d.json): five unit Gaussians on a circle of radius 3 in (x1, x2), eight more standard coordinates, N = 100 from a wide cloud. ETD-B shapes its proposals and cost by the particles' covariance (Cholesky preconditioner); compare how many of the five modes each sampler holds and the variance ratio chart (all 10 coordinates).",
    query: configQuery(authorsGmm10),
  },
  {
    id: 'authors-gmm-20d',
    title: "Authors' set-up: the ring of five in 20 dimensions",
    note: "The same as the 10-dimensional set-up with 18 extra coordinates (configs/authors-gmm-20d.json): the samplers without a preconditioner or transport lose modes or variance sooner as d grows.",
    query: configQuery(authorsGmm20),
  },
  {
    id: 'authors-funnel-10d',
    title: "Authors' set-up: Neal's funnel in 10 dimensions",
    note:
      "The authors' funnel 10d configuration (configs/authors-funnel-10d.json): v = x1 ~ N(0, 9), the other nine N(0, e^v). Preconditioned ETD-B, their whitened Langevin-residual ETD and MALA with the same factor; look at how far each reaches into the neck (small v) and the wide mouth. Measured with the runner (seed 1, 2000 steps): ETD-B and MALA reach a mean variance ratio of 0.05 (the mouth's exact variance is e^4.5 = 90), and their Langevin-residual panel runs away within ten steps in this implementation (an open question, docs/preconditioning.md).",
    query: configQuery(authorsFunnel10),
  },
  {
    id: 'authors-blr-ionosphere',
    title: "Authors' set-up: logistic regression on Ionosphere (d = 33)",
    note:
      "The ETD authors' Ionosphere configuration (configs/authors-blr-ionosphere.json): the posterior over 33 weights, N = 100 started at N(0, 0.1^2 I), six samplers (ETD-B with their settings and Cholesky preconditioner, ETD-B with this playground's defaults, SVGD, SGLD, ULA, preconditioned MALA). The plots show weights w1 and w2 over a Gaussian with the reference's moments; the charts compare all 33 weights with a long HMC reference (mean error in posterior sds, variance ratios, sliced W2, energy) and predict the 20% held-out rows.",
    query: configQuery(authorsBlrIonosphere),
  },
  {
    id: 'authors-blr-sonar',
    title: "Authors' set-up: logistic regression on Sonar (d = 60)",
    note:
      "The authors' Sonar configuration (configs/authors-blr-sonar.json): 60 weights, 167 training rows, a posterior much wider than the starting cloud. Watch the variance ratios (below 1 is collapse) and the mean error in posterior sds; on Sonar even exact posterior draws predict the held-out rows poorly, so test accuracy is not a measure of sampling quality.",
    query: configQuery(authorsBlrSonar),
  },
  {
    id: 'authors-blr-sonar-mutation',
    title: "Authors' set-up: ETD with MCMC mutation on Sonar",
    note:
      "The authors' mutation variants on Sonar (configs/authors-blr-sonar-mutation.json): plain ETD-B, ETD-B followed by 5 preconditioned MALA steps, score-free ETD with 5 random-walk Metropolis steps, and preconditioned MALA alone. The mutation steps are what the authors add to lift ETD's variance ratio on this posterior.",
    query: configQuery(authorsBlrSonarMutation),
  },
  {
    id: 'authors-blr-breast-cancer',
    title: 'Logistic regression on breast cancer (d = 30), authors\' Ionosphere settings',
    note:
      "Wisconsin breast cancer (configs/authors-blr-breast-cancer.json) with the authors' Ionosphere settings (they run no breast-cancer set; Ionosphere is the closest in d): 30 weights, a nearly separable data set whose posterior the prior N(0, 25 I) shapes in several directions.",
    query: configQuery(authorsBlrBreastCancer),
  },
  {
    id: 'muller-brown-barrier',
    title: 'Müller-Brown: crossing a barrier',
    note:
      "The Müller-Brown potential at temperature 15, every panel started in its shallow basin at (0.62, 0.03), which holds 7% of the mass; the deep basin at (-0.56, 1.44) holds 90%, behind about 4.5 nats of barrier. Measured with the runner (3 seeds, N = 100): after 100 steps ETD-B has 90% of its particles in the deep basin (its pooled proposals and importance weights carry mass across), SVGD none even after 500 steps, MALA 3-4% (19-29% after 500), ULA 14-25% (36-42% after 500).",
    query: 'v=1&t=muller-brown&n=100&seed=1&cx=0.62&cy=0.03&spread=0.05&p=etd-b,svgd,mala,ula',
  },
  {
    id: 'logistic-2d',
    title: 'Logistic regression you can see',
    note:
      "Fourteen points of two overlapping classes (tap the data panel to add or remove points); each panel samples the posterior over the two weights of a logistic regression without intercept (prior N(0, 5² I)), and the data panel draws 30 of a panel's particles as decision lines and their mean predictive probability as shading. Measured with the runner after 300 steps (N = 100, seeds 1-5, mean ± sd over seeds): energy distance ETD-B 0.005 ± 0.001, SVGD 0.004 ± 0.001, MALA 0.013 ± 0.003; variance ratio (w1, w2) ETD-B 0.94 and 0.99, MALA 0.97 and 0.97 (from 0.72 to 1.17 across seeds), SVGD 0.86 and 0.86, narrower than the posterior in every seed.",
    query: logisticQuery(),
  },
  {
    id: 'formula-ring',
    title: 'A typed formula: a ring U = (r - 2)^2 / 0.2',
    note: 'A target typed as a formula (open the formula editor to change it): SVGD against ETD-B on a ring that is not in the gallery.',
    query: 'v=1&f=0.5*((x^2%2By^2)^0.5-2)^2/0.1&n=100&seed=1&p=etd-b,svgd',
  },
];
