/**
 * The map: country outlines and one marker per claim and resolved place, in an equirectangular
 * projection (x = longitude, y = −latitude, in degrees), zoomed to the markers.
 */
import { feature } from '/vendor/topojson-client/index.js';
import { describeClaim, selectable, svgElement } from './svg.js';

const WORLD = { x: -180, y: -90, width: 360, height: 180 };
/** The map keeps this shape (the SVG's CSS aspect ratio is the same). */
const ASPECT = 2;
/** The smallest area zoomed to, in degrees of longitude: about a region of a country. */
const MIN_SPAN = 6;

/** Places the gazetteer knows only as a country or a region: drawn as rings, not dots. */
const APPROXIMATE = new Set(['COUNTRY', 'REGION']);

/** The world outline, once: one SVG path per country. */
export async function loadWorld() {
  const response = await fetch('/vendor/world-atlas/countries-50m.json');
  if (!response.ok) throw new Error(`the world outline answered HTTP ${response.status}`);
  const topology = await response.json();
  return feature(topology, topology.objects.countries).features.map((country) => ({
    name: country.properties.name,
    d: pathOf(country.geometry),
  }));
}

function pathOf(geometry) {
  const polygons =
    geometry?.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry?.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  return polygons
    .flat()
    .map((ring) => `M${ring.map(([lon, lat]) => `${lon.toFixed(3)},${(-lat).toFixed(3)}`).join('L')}Z`)
    .join('');
}

/**
 * Names a place to the right of its markers, else to their left, unless the name would cover
 * one already written (`taken`, their boxes): the markers' tooltips still name every place.
 * Widths are estimated, as the page brings no fonts of its own.
 */
function label(layer, taken, name, { x, y, gap, size }) {
  const width = name.length * size * 0.6;
  const top = y - size * 0.6;
  const bottom = y + size * 0.4;
  const free = (box) =>
    !taken.some(
      (other) => box.left < other.right && other.left < box.right && top < other.bottom && other.top < bottom,
    );
  const box = [
    { left: x + gap, right: x + gap + width },
    { left: x - gap - width, right: x - gap },
  ].find(free);
  if (!box) return;
  taken.push({ ...box, top, bottom });
  const text = svgElement('text', { class: 'place-label', x: box.left, y: y + size * 0.35, 'font-size': size });
  text.textContent = name;
  layer.append(text);
}

/** One marker per claim and resolved place. */
export const markersOf = (claims) => claims.flatMap((claim) => claim.places.map((place) => ({ claim, place })));

/** The area to show: every marker with a margin, at least MIN_SPAN wide, in the map's shape. */
function viewOf(markers) {
  if (markers.length === 0) return WORLD;
  const xs = markers.map(({ place }) => place.longitude);
  const ys = markers.map(({ place }) => -place.latitude);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const width = Math.min(WORLD.width, Math.max(MIN_SPAN, (right - left) * 1.3, (bottom - top) * 1.3 * ASPECT));
  const height = width / ASPECT;
  return { x: (left + right - width) / 2, y: (top + bottom - height) / 2, width, height };
}

/**
 * Draws the markers of `claims` over the world outline (drawn on the first call only).
 * Markers at one place are spread on a small circle around it, so that each can be seen and
 * clicked; `onSelect(claimId)` is called when one is chosen.
 */
export function drawMap(svg, world, claims, { selectedId, onSelect }) {
  if (!svg.querySelector('.countries')) {
    const countries = svgElement('g', { class: 'countries', 'aria-hidden': 'true' });
    for (const country of world) countries.append(svgElement('path', { d: country.d, class: 'country' }));
    svg.append(
      countries,
      svgElement('g', { class: 'labels', 'aria-hidden': 'true' }),
      svgElement('g', { class: 'markers' }),
    );
  }
  const markers = markersOf(claims);
  const view = viewOf(markers);
  svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.width} ${view.height}`);
  const radius = view.width / 110;

  const atPlace = Map.groupBy(markers, ({ place }) => `${place.longitude},${place.latitude}`);
  const layer = svg.querySelector('.markers');
  const labels = svg.querySelector('.labels');
  layer.replaceChildren();
  labels.replaceChildren();
  const taken = [];
  // The places with the most claims are named first.
  for (const group of [...atPlace.values()].sort((a, b) => b.length - a.length)) {
    const { place } = group[0];
    const [cx, cy] = [place.longitude, -place.latitude];
    const spread = group.length > 1 ? radius * 1.6 : 0;
    group.forEach(({ claim }, index) => {
      const angle = (2 * Math.PI * index) / group.length - Math.PI / 2;
      const approximate = APPROXIMATE.has(place.precision);
      const marker = svgElement(
        'circle',
        {
          class: `marker kind-${claim.kind}${approximate ? ' approximate' : ''}${claim.id === selectedId ? ' selected' : ''}`,
          cx: cx + spread * Math.cos(angle),
          cy: cy + spread * Math.sin(angle),
          r: approximate ? radius * 1.4 : radius,
          'data-place': place.name,
        },
        `${place.name}${approximate ? ` (${place.precision.toLowerCase()}: approximate)` : ''}: ${describeClaim(claim)}`,
      );
      layer.append(selectable(marker, claim.id, onSelect));
    });
    label(labels, taken, place.name, { x: cx, y: cy, gap: spread + radius * 1.8, size: radius * 2.6 });
  }
  return markers.length;
}
