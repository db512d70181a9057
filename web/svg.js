/** Small helpers shared by the map and the timeline. */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes, and a `<title>` child (a tooltip and accessible name) when given. */
export function svgElement(name, attributes = {}, title = undefined) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (title !== undefined) {
    const tooltip = document.createElementNS(SVG_NS, 'title');
    tooltip.textContent = title;
    element.append(tooltip);
  }
  return element;
}

/** Makes a drawn mark act as a button: click, Enter or Space selects its claim. */
export function selectable(element, claimId, onSelect) {
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.dataset.claimId = claimId;
  element.addEventListener('click', () => onSelect(claimId));
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect(claimId);
  });
  return element;
}

/** How a claim reads in a tooltip: who said what, and about which day. */
export function describeClaim(claim) {
  const who = claim.claimant ? claim.claimant.name : 'The outlet (narrated)';
  const when =
    claim.daySource === 'EVENT'
      ? claim.day
      : `${claim.day} (no event date: ${claim.daySource === 'PUBLISHED' ? 'published' : 'stored'} that day)`;
  return `${who}: “${claim.text}” (${when})`;
}
