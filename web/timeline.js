/**
 * The timeline: one mark per claim at the day it is about, claims of one day stacked. Claims
 * with no event date (placed at their article's day) are drawn hollow.
 */
import { describeClaim, selectable, svgElement } from './svg.js';

const WIDTH = 800;
const HEIGHT = 180;
const MARGIN = { left: 24, right: 24, top: 12, bottom: 36 };
const MARK = 9;
const DAY_MS = 86_400_000;

const dayMs = (day) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);

/** About five evenly spaced ticks from `from` to `to` (both in ms). */
function ticks(from, to) {
  const count = Math.min(5, Math.round((to - from) / DAY_MS));
  return Array.from({ length: count + 1 }, (_, i) => from + ((to - from) * i) / count);
}

/** Draws `claims` on the timeline; `onSelect(claimId)` is called when a mark is chosen. */
export function drawTimeline(svg, claims, { selectedId, onSelect }) {
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  // Everything drawn lives in one group, redrawn each time; the SVG's <title> stays.
  svg.querySelector('.plot')?.remove();
  const plot = svgElement('g', { class: 'plot' });
  svg.append(plot);
  const axisY = HEIGHT - MARGIN.bottom;
  if (claims.length === 0) {
    plot.append(svgElement('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'empty', 'text-anchor': 'middle' }));
    plot.lastChild.textContent = 'No claims match the filters.';
    return 0;
  }
  const days = claims.map((claim) => dayMs(claim.day));
  // One day apart at least, so a single day sits in the middle.
  const from = Math.min(...days) - DAY_MS;
  const to = Math.max(...days) + DAY_MS;
  const x = (ms) => MARGIN.left + ((ms - from) / (to - from)) * (WIDTH - MARGIN.left - MARGIN.right);

  const axis = svgElement('g', { class: 'axis', 'aria-hidden': 'true' });
  axis.append(svgElement('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: axisY, y2: axisY }));
  const all = ticks(from, to);
  for (const [index, tick] of all.entries()) {
    axis.append(svgElement('line', { x1: x(tick), x2: x(tick), y1: axisY, y2: axisY + 5 }));
    // The end labels stay inside the drawing.
    const anchor = index === 0 ? 'start' : index === all.length - 1 ? 'end' : 'middle';
    const label = svgElement('text', { x: x(tick), y: axisY + 20, 'text-anchor': anchor });
    label.textContent = dayOf(tick);
    axis.append(label);
  }
  plot.append(axis);

  const byDay = Map.groupBy(claims, (claim) => claim.day);
  const tallest = Math.max(...[...byDay.values()].map((group) => group.length));
  const step = Math.min(MARK + 3, (axisY - MARGIN.top - MARK) / Math.max(1, tallest - 1));
  const marks = svgElement('g', { class: 'marks' });
  for (const [day, group] of byDay) {
    group.forEach((claim, index) => {
      const mark = svgElement(
        'rect',
        {
          class: `mark kind-${claim.kind}${claim.daySource === 'EVENT' ? '' : ' undated'}${claim.id === selectedId ? ' selected' : ''}`,
          x: x(dayMs(day)) - MARK / 2,
          y: axisY - 4 - MARK - index * step,
          width: MARK,
          height: MARK,
          rx: 2,
        },
        describeClaim(claim),
      );
      marks.append(selectable(mark, claim.id, onSelect));
    });
  }
  plot.append(marks);
  return claims.length;
}
