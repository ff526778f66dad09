/** A rule's parts (separated by \qquad) stacked, so the formula fits a phone's width. */
export const stackedRule = (tex: string): string =>
  String.raw`\begin{gathered}` + tex.split(String.raw`\qquad`).join(String.raw`\\[0.3em]`) + String.raw`\end{gathered}`;
