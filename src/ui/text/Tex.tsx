import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useMemo } from 'react';

/**
 * A formula typeset by KaTeX (display or inline). Bad TeX shows as red source text rather than
 * throwing: a typo in a formula must not take the page down.
 */
export const Tex = memo(function Tex({ tex, display = false, className }: { tex: string; display?: boolean; className?: string }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }), [tex, display]);
  const Tag = display ? 'div' : 'span';
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
});
