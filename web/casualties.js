/**
 * Two parties' casualty figures for the same places, side by side: a row per place, a column
 * per party, each figure as the party stated it (with the claim in its tooltip). Figures are
 * listed, not added up: "44 killed" and "1,221 killed since 27 September" are two counts of
 * different spans, and their sum would mean nothing.
 */

const COUNTED = { KILLED: 'killed', WOUNDED: 'wounded' };
const NO_PLACE = 'No place named';
const number = new Intl.NumberFormat('en');

/** The parties that stated casualty figures in `claims`, most figures first: `{ id, name }`. */
export function casualtyParties(claims) {
  const parties = new Map();
  for (const claim of claims) {
    if (!claim.claimant || !claim.quantities.some((q) => COUNTED[q.kind])) continue;
    const entry = parties.get(claim.claimant.id) ?? { ...claim.claimant, figures: 0 };
    entry.figures += 1;
    parties.set(claim.claimant.id, entry);
  }
  return [...parties.values()].sort((a, b) => b.figures - a.figures || a.name.localeCompare(b.name));
}

const figureText = (quantity) =>
  `${number.format(quantity.value)}${quantity.maxValue ? `–${number.format(quantity.maxValue)}` : ''} ${COUNTED[quantity.kind]}${quantity.since ? ` since ${quantity.since}` : ''}`;

/** Place name → party ID → the figures that party stated about it. */
function figuresByPlace(claims, partyIds) {
  const rows = new Map();
  for (const claim of claims) {
    if (!claim.claimant || !partyIds.includes(claim.claimant.id)) continue;
    const figures = claim.quantities.filter((q) => COUNTED[q.kind]).map((q) => ({ text: figureText(q), claim }));
    if (figures.length === 0) continue;
    const places = [...claim.places.map((place) => place.name), ...claim.unplaced];
    for (const place of places.length ? places : [NO_PLACE]) {
      const row = rows.get(place) ?? new Map();
      row.set(claim.claimant.id, [...(row.get(claim.claimant.id) ?? []), ...figures]);
      rows.set(place, row);
    }
  }
  return rows;
}

/**
 * Fills `table` (with a `<thead>` row of three cells and a `<tbody>`) for the two parties;
 * places both parties gave figures for come first. Returns the number of rows.
 */
export function renderCasualties(table, claims, [first, second]) {
  const parties = [first, second].filter(Boolean);
  const headers = table.tHead.rows[0].cells;
  headers[1].textContent = first?.name ?? '—';
  headers[2].textContent = second?.name ?? '—';
  const rows = figuresByPlace(
    claims,
    parties.map((party) => party.id),
  );
  const shared = (row) => parties.every((party) => row.has(party.id));
  const ordered = [...rows].sort(
    ([a, rowA], [b, rowB]) =>
      Number(shared(rowB)) - Number(shared(rowA)) ||
      Number(a === NO_PLACE) - Number(b === NO_PLACE) ||
      a.localeCompare(b),
  );
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const [place, row] of ordered) {
    const tr = body.insertRow();
    tr.dataset.place = place;
    const heading = document.createElement('th');
    heading.scope = 'row';
    heading.textContent = place;
    tr.append(heading);
    for (const party of [first, second]) {
      const cell = tr.insertCell();
      const figures = party ? (row.get(party.id) ?? []) : [];
      if (figures.length === 0) {
        cell.textContent = '—';
        continue;
      }
      const list = document.createElement('ul');
      for (const figure of figures) {
        const item = document.createElement('li');
        item.textContent = figure.text;
        item.title = `“${figure.claim.text}” (${figure.claim.day})`;
        list.append(item);
      }
      cell.append(list);
    }
  }
  if (ordered.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 3;
    cell.textContent = 'No casualty figures from these parties in this date range.';
  }
  return ordered.length;
}
