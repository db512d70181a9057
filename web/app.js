/**
 * The page: reads the filters, asks data.js for the claims, and draws the map, the timeline,
 * the casualty comparison and the list. `body[data-state]` is `loading`, `ready` or `error`.
 */
import { casualtyParties, renderCasualties } from './casualties.js';
import { CLAIM_KINDS, fetchClaims, fetchParties, MAX_CLAIMS } from './data.js';
import { drawMap, loadWorld } from './map.js';
import { describeClaim } from './svg.js';
import { drawTimeline } from './timeline.js';

const $ = (selector) => document.querySelector(selector);
const KIND_LABELS = new Map(CLAIM_KINDS);

const state = { world: [], claims: [], casualtyClaims: [], sides: [], selectedId: null };
/** Each refresh is numbered; the answer of an older one is dropped. */
let latest = 0;

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function readFilter() {
  return { partyId: $('#party').value, kind: $('#kind').value, since: $('#since').value, until: $('#until').value };
}

function select(claimId) {
  state.selectedId = state.selectedId === claimId ? null : claimId;
  draw();
  const item = document.querySelector(`#claim-list [data-claim-id="${CSS.escape(claimId)}"]`);
  item?.scrollIntoView({ block: 'nearest' });
}

function drawList(claims) {
  const list = $('#claim-list');
  list.replaceChildren();
  for (const claim of claims) {
    const item = document.createElement('li');
    item.dataset.claimId = claim.id;
    if (claim.id === state.selectedId) item.setAttribute('aria-current', 'true');
    const kind = document.createElement('span');
    kind.className = `kind kind-${claim.kind}`;
    kind.textContent = KIND_LABELS.get(claim.kind) ?? claim.kind;
    const text = document.createElement('span');
    text.textContent = describeClaim(claim);
    const where = document.createElement('small');
    const places = [
      ...claim.places.map((place) => place.name),
      ...claim.unplaced.map((name) => `${name} (unresolved)`),
    ];
    where.textContent = places.length ? places.join(', ') : 'no place named';
    item.append(kind, ' ', text, ' ', where);
    list.append(item);
  }
}

function drawCasualties() {
  const parties = casualtyParties(state.casualtyClaims);
  for (const [index, id] of ['#side-a', '#side-b'].entries()) {
    const element = $(id);
    // The first two parties until the reader chooses others.
    const chosen = state.sides[index] ?? parties[index]?.id ?? '';
    element.replaceChildren(option('', '(none)'), ...parties.map((party) => option(party.id, party.name)));
    element.value = parties.some((party) => party.id === chosen) ? chosen : '';
  }
  const byId = new Map(parties.map((party) => [party.id, party]));
  renderCasualties($('#casualties'), state.casualtyClaims, [
    byId.get($('#side-a').value),
    byId.get($('#side-b').value),
  ]);
}

function draw() {
  const options = { selectedId: state.selectedId, onSelect: select };
  const placed = drawMap($('#map'), state.world, state.claims, options);
  drawTimeline($('#timeline'), state.claims, options);
  drawList(state.claims);
  return placed;
}

async function refresh() {
  const run = ++latest;
  document.body.dataset.state = 'loading';
  $('#status').textContent = 'Loading…';
  const filter = readFilter();
  try {
    const [main, casualties] = await Promise.all([
      fetchClaims(filter),
      fetchClaims({ kind: 'CASUALTIES', since: filter.since, until: filter.until }),
    ]);
    if (run !== latest) return;
    state.claims = main.claims;
    state.casualtyClaims = casualties.claims;
    if (!state.claims.some((claim) => claim.id === state.selectedId)) state.selectedId = null;
    const placed = draw();
    drawCasualties();
    const unplaced = state.claims.filter((claim) => claim.places.length === 0).length;
    $('#status').textContent =
      `${state.claims.length} claims${main.complete ? '' : ` (the first ${MAX_CLAIMS})`}: ` +
      `${placed} markers on the map${unplaced ? `, ${unplaced} claims with no resolved place` : ''}.`;
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (run !== latest) return;
    $('#status').textContent = `Could not load the claims: ${error.message}`;
    document.body.dataset.state = 'error';
  }
}

async function start() {
  $('#kind').append(...CLAIM_KINDS.map(([value, label]) => option(value, label)));
  $('#legend').append(
    ...CLAIM_KINDS.map(([value, label]) => {
      const item = document.createElement('li');
      item.className = `kind kind-${value}`;
      item.textContent = label;
      return item;
    }),
  );
  try {
    const [world, parties] = await Promise.all([loadWorld(), fetchParties()]);
    state.world = world;
    $('#party').append(...parties.map((party) => option(party.id, party.name)));
  } catch (error) {
    $('#status').textContent = `Could not start: ${error.message}`;
    document.body.dataset.state = 'error';
    return;
  }
  $('#filters').addEventListener('change', refresh);
  // The form's reset clears the fields after this event: refresh once it has.
  $('#filters').addEventListener('reset', () => setTimeout(refresh));
  $('#sides').addEventListener('change', () => {
    state.sides = [$('#side-a').value, $('#side-b').value];
    drawCasualties();
  });
  await refresh();
}

start();
