/**
 * An SVG overlay of a plot (its axes) as an image a canvas can draw: the page's CSS does not
 * reach an SVG loaded as an image, so the computed styles are written onto a copy first.
 */

/** What an axis drawing needs from the stylesheet (anything else keeps its SVG default). */
const STYLE_PROPS = [
  'display',
  'visibility',
  'opacity',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'stroke-linejoin',
  'stroke-linecap',
  'paint-order',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
];

/** Serialised copy of `svg` with its computed styles inlined and its on-screen size. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const css = getComputedStyle(el);
    const target = copies[i] as SVGElement;
    target.setAttribute('style', STYLE_PROPS.map((p) => `${p}:${css.getPropertyValue(p)}`).join(';'));
  });
  const r = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(r.width));
  copy.setAttribute('height', String(r.height));
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG as a decoded image; rejects when the browser cannot load it. */
export async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}
