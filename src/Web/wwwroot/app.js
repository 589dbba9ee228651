'use strict';
// wide serve: plain JS over the JSON API; no build step, nothing fetched from elsewhere.
const state = { filters: [], q: '', recordsOffset: 0, version: -1, chartsVersion: -1, selected: new Set(), chartsAt: 0, entitySearch: '', entityGroup: '' };
// The entity list holds tens of thousands of rows: only the rows in view are in the page, fetched a page at a time.
const ROW = 24, PAGE = 200, SHOWN_CHILDREN = 50;
const ent = { total: 0, pages: new Map(), pending: new Set(), key: '' };
const FAILED = ['failed', 'dep_fail', 'fail_retryable', 'CANCELED'];
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function query(extra) {
  const p = new URLSearchParams();
  for (const f of state.filters) p.append('f', f.key + '=' + f.value);
  if (state.q) p.set('q', state.q);
  for (const [k, v] of Object.entries(extra || {})) {
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x)); else p.set(k, v);
  }
  return p.toString();
}

async function api(path, extra) {
  const response = await fetch('/api/' + path + '?' + query(extra));
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

function setFilters(filters) {
  state.filters = filters;
  renderFilters();
  refresh();
}

function addFilter(key, value) {
  if (!state.filters.some((f) => f.key === key && f.value === value)) setFilters(state.filters.filter((f) => f.key !== key).concat([{ key, value }]));
}

function renderFilters() {
  $('filters').innerHTML = state.filters.map((f, i) => `<span class="chip" data-i="${i}" title="remove">${esc(f.key)}=${esc(f.value)}</span>`).join('');
}

async function loadSummary() {
  const s = await api('summary');
  $('keys').innerHTML = s.keys.map((k) => `<option value="${esc(k)}=">`).join('');
  renderCounters(s.records, s.entities, s.seconds);
  state.chartsVersion = s.version;
}

function renderCounters(records, entities, seconds) {
  $('counters').innerHTML = `<b id="count-records">${records}</b> records · <b id="count-entities">${entities}</b> entities` + (seconds ? ` · ${seconds.toFixed(3)} s` : '');
}

async function loadTrees() {
  const trees = await api('hierarchy');
  const more = (hidden) => (hidden ? `<li class="note more">… ${hidden} more: find one in the entity list, or narrow down with a key=value filter</li>` : '');
  const node = (n, path) => {
    const here = path.concat([{ key: n.Key ?? n.key, value: n.Value ?? n.value }]);
    const children = n.Children ?? n.children ?? [];
    const data = esc(JSON.stringify(here));
    return `<li><span class="toggle">${children.length ? '▸' : ''}</span><span class="node" data-path="${data}">${esc(here[here.length - 1].key)}=${esc(here[here.length - 1].value)}</span> <span class="count">${n.Records ?? n.records}</span>` +
      (children.length ? `<ul hidden>${children.slice(0, SHOWN_CHILDREN).map((c) => node(c, here)).join('')}${more((n.hidden ?? n.Hidden ?? 0) + Math.max(0, children.length - SHOWN_CHILDREN))}</ul>` : '') + '</li>';
  };
  $('trees').innerHTML = trees.map((t) => `<div class="tree" data-tree="${esc(t.name)}"><h2>${esc(t.name)}: ${esc(t.keys.join(' → '))}</h2><ul>${t.nodes.slice(0, SHOWN_CHILDREN).map((n) => node(n, [])).join('')}${more(t.hidden + Math.max(0, t.nodes.length - SHOWN_CHILDREN))}</ul></div>`).join('');
  // One run at the top: open it, so its tasks or executors show at once.
  for (const top of document.querySelectorAll('.tree > ul')) {
    if (top.children.length === 1) {
      const ul = top.querySelector(':scope > li > ul');
      if (ul) { ul.hidden = false; top.querySelector(':scope > li > .toggle').textContent = '▾'; }
    }
  }
}

async function loadCharts() {
  const c = await api('charts');
  state.chartsAt = Date.now();
  $('charts-section').hidden = c.charts.length === 0;
  $('charts').innerHTML = c.charts.map((x) => `<div class="chart-box" data-kind="${esc(x.kind)}">${x.svg}</div>`).join('');
}

function entityQuery(offset) {
  return { search: state.entitySearch, group: state.entityGroup, offset, limit: PAGE };
}

async function loadEntities() {
  const key = JSON.stringify([state.filters, state.q, state.entitySearch, state.entityGroup]);
  const e = await api('entities', entityQuery(0));
  if (key !== ent.key) $('entities-scroll').scrollTop = 0;
  Object.assign(ent, { key, total: e.total, pages: new Map([[0, e.rows]]), pending: new Set() });
  $('entities-section').hidden = e.all === 0;
  $('entities-count').textContent = `${e.total} of ${e.all} (slowest first)`;
  const searched = e.groups.reduce((a, g) => a + g.count, 0);
  const chip = (name, label, count) => `<span class="group${state.entityGroup === name ? ' active' : ''}${FAILED.includes(name) ? ' failed' : ''}" data-group="${esc(name)}">${esc(label)} <b>${count}</b></span>`;
  $('entity-groups').innerHTML = chip('', 'all', searched) + e.groups.map((g) => chip(g.name, g.name, g.count)).join('');
  renderEntityWindow();
}

function entityRow(r, i) {
  const picked = state.selected.has(r.id);
  return `<tr data-id="${esc(r.id)}" data-index="${i}" class="${picked ? 'selected-row' : ''}"><td><input type="checkbox" class="pick" ${picked ? 'checked' : ''}></td><td>${esc(r.label)}</td><td class="num">${r.start.toFixed(3)}</td><td class="num">${r.duration.toFixed(3)}</td><td>${esc(r.state)}${r.open ? ' (still)' : ''}</td></tr>`;
}

// Draws the rows in view (and a screen's worth around them) between two spacers as tall as the rows left out.
function renderEntityWindow() {
  const box = $('entities-scroll');
  const first = Math.min(ent.total, Math.max(0, Math.floor(box.scrollTop / ROW) - 10));
  const last = Math.min(ent.total, first + Math.ceil(380 / ROW) + 20);
  const rows = [];
  const missing = new Set();
  for (let i = first; i < last; i++) {
    const page = ent.pages.get(Math.floor(i / PAGE));
    if (page && page[i % PAGE]) rows.push(entityRow(page[i % PAGE], i));
    else { missing.add(Math.floor(i / PAGE)); rows.push(`<tr class="loading" data-index="${i}"><td></td><td colspan="4">…</td></tr>`); }
  }
  const spacer = (h) => `<tr class="spacer"><td colspan="5" style="height:${h}px"></td></tr>`;
  $('entities').tBodies[0].innerHTML = spacer(first * ROW) + rows.join('') + spacer((ent.total - last) * ROW);
  for (const p of missing) fetchEntityPage(p);
}

async function fetchEntityPage(p) {
  if (ent.pending.has(p)) return;
  ent.pending.add(p);
  const key = ent.key;
  const e = await api('entities', entityQuery(p * PAGE));
  if (key !== ent.key) return;
  ent.pages.set(p, e.rows);
  renderEntityWindow();
}

async function showFlow(id, filters) {
  const extra = id ? { id } : {};
  const saved = state.filters;
  if (filters) state.filters = filters;
  let flow;
  try { flow = await api('flow', extra); } finally { state.filters = saved; }
  $('flow-section').hidden = false;
  $('flow-title').textContent = `Flow of ${flow.entity}: ${flow.count} records`;
  $('lifeline').innerHTML = lifeline(flow.lines);
  $('flow').tBodies[0].innerHTML = flow.lines.map((l) => `<tr><td class="num">${l.offset == null ? '' : l.offset.toFixed(6)}</td><td>${esc(l.source)}</td><td>${esc(l.process)}</td><td>${esc(l.thread)}</td><td>${esc(l.message)}</td></tr>`).join('');
  $('flow-section').scrollIntoView({ block: 'nearest' });
}

// NetLogger's lifeline: one row per process (component, process name, pid, host), time across, one polyline through the entity's events.
function lifeline(lines) {
  const timed = lines.filter((l) => l.offset != null);
  if (timed.length < 2) return '';
  const rows = [];
  const labels = new Map();
  for (const l of timed) { if (!rows.includes(l.lane)) { rows.push(l.lane); labels.set(l.lane, l.laneLabel); } }
  const w = 940, left = 350, rowH = 18, h = rows.length * rowH + 30;
  const max = Math.max(...timed.map((l) => l.offset)) || 1;
  const x = (t) => left + (t / max) * (w - left - 10);
  const y = (l) => 10 + rows.indexOf(l.lane) * rowH + rowH / 2;
  const points = timed.map((l) => `${x(l.offset).toFixed(1)},${y(l).toFixed(1)}`).join(' ');
  const cut = (r) => (r.length > 62 ? r.slice(0, 61) + "…" : r);
  return `<svg class="chart lifeline" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">` +
    rows.map((r, i) => `<g class="lane"><title>${esc(labels.get(r))}</title><text x="${left - 6}" y="${10 + i * rowH + rowH / 2 + 4}" text-anchor="end" class="tick">${esc(cut(labels.get(r)))}</text></g><line x1="${left}" x2="${w - 10}" y1="${10 + i * rowH + rowH / 2}" y2="${10 + i * rowH + rowH / 2}" class="grid"/>`).join('') +
    `<polyline points="${points}" fill="none" stroke="#4e79a7" stroke-width="1.2"/>` +
    timed.map((l) => `<circle cx="${x(l.offset).toFixed(1)}" cy="${y(l).toFixed(1)}" r="3" fill="#f28e2b"><title>${esc(l.offset.toFixed(6) + ' s: ' + (l.message ?? ''))}</title></circle>`).join('') +
    `<text x="${left}" y="${h - 4}" class="tick">0 s</text><text x="${w - 10}" y="${h - 4}" text-anchor="end" class="tick">${max.toFixed(3)} s</text></svg>`;
}

async function showDifference(extra) {
  const d = await api('difference', extra);
  $('diff-section').hidden = false;
  $('diff-title').textContent = `What is different about ${d.selection}`;
  const pct = (x) => (x * 100).toFixed(1) + '%';
  const legend = `<p class="diff-legend note" id="diff-legend"><span class="bar sel"></span> the selection (${d.selected} entities) · <span class="bar rest"></span> the rest (${d.rest}): ` +
    `each bar is a value's share of that side's values. <b>score</b> = distance × n / (n + ${d.prior}) for n = ${d.selected} selected: ` +
    `the distance is how differently the field's values are spread on the two sides (0: alike, 1: no value in common), weighed down while the selection is too small to show much.</p>`;
  $('diff-results').innerHTML = d.fields.length === 0 ? '<p class="note">Nothing to compare: the selection or the rest is empty.</p>' : legend +
    d.fields.map((f) => `<div class="diff-field" data-field="${esc(f.field)}"><b>${esc(f.field)}</b> <span class="note score">score ${f.score.toFixed(3)} = distance ${f.distance.toFixed(3)} × ${d.selected}/(${d.selected}+${d.prior})</span><br>` +
      f.values.map((v) => `<span class="diff-value" title="selected ${pct(v.selected)}, rest ${pct(v.rest)}">${esc(v.value)}: ${v.selectedEntities} of ${d.selected} selected, ${v.restEntities} of ${d.rest} others <span class="bar sel" style="width:${Math.round(v.selected * 80)}px"></span><span class="bar rest" style="width:${Math.round(v.rest * 80)}px"></span></span>`).join(' · ') + '</div>').join('');
}

async function loadRecords(append) {
  if (!append) state.recordsOffset = 0;
  const r = await api('records', { offset: state.recordsOffset, limit: 100 });
  const rows = r.rows.map(recordRow).join('');
  const body = $('records').tBodies[0];
  body.innerHTML = append ? body.innerHTML + rows : rows;
  state.recordsOffset += r.rows.length;
  $('records-count').textContent = `${r.total} matching`;
  $('records-more').hidden = state.recordsOffset >= r.total;
}

function recordRow(r) {
  const title = esc(Object.entries(r.fields).map(([k, v]) => k + '=' + v).join('\n'));
  return `<tr title="${title}"><td>${esc(r.time)}</td><td>${esc(r.source)}</td><td>${esc(r.process)}</td><td>${esc(r.thread)}</td><td>${esc(r.level)}</td><td>${esc(r.message)}</td></tr>`;
}

async function poll() {
  try {
    const live = await api('live', { since: Math.max(state.version, 0) });
    const status = $('status');
    status.textContent = live.status === 'off' ? '' : 'live: ' + live.status;
    status.className = 'status' + (live.status === 'live' ? ' live' : '');
    if (state.version >= 0 && live.version !== state.version) {
      const entities = live.fold.states.reduce((a, s) => a + s.entities, 0);
      renderCounters(live.fold.records, entities);
      if (live.fresh.length) {
        $('live-section').hidden = false;
        const body = $('live-feed').tBodies[0];
        body.innerHTML = live.fresh.reverse().map(recordRow).join('') + body.innerHTML;
        while (body.rows.length > 50) body.deleteRow(body.rows.length - 1);
      }
    }
    // Charts and entities follow at most every 1.5 s, but always catch up with the last change.
    if (state.chartsVersion >= 0 && live.version !== state.chartsVersion && Date.now() - state.chartsAt > 1500) {
      state.chartsVersion = live.version;
      await Promise.all([loadCharts(), loadEntities()]);
    }
    state.version = live.version;
  } catch (e) {
    $('status').textContent = 'server unreachable';
  }
  setTimeout(poll, 1000);
}

function refresh() {
  return Promise.all([loadCharts(), loadEntities(), loadRecords(false)]);
}

function wire() {
  $('filters').addEventListener('click', (e) => {
    const chip = e.target.closest('.chip');
    if (chip) setFilters(state.filters.filter((_, i) => i !== Number(chip.dataset.i)));
  });
  $('filter-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('filter-input').value;
    const eq = text.indexOf('=');
    if (eq > 0 && eq < text.length - 1) { addFilter(text.slice(0, eq).trim(), text.slice(eq + 1).trim()); $('filter-input').value = ''; }
  });
  let timer;
  $('search').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { state.q = $('search').value; refresh(); }, 250); });
  let entityTimer;
  $('entity-search').addEventListener('input', () => { clearTimeout(entityTimer); entityTimer = setTimeout(() => { state.entitySearch = $('entity-search').value.trim(); loadEntities(); }, 200); });
  $('entity-groups').addEventListener('click', (e) => {
    const g = e.target.closest('.group');
    if (g) { state.entityGroup = g.dataset.group; loadEntities(); }
  });
  let scrolling = false;
  $('entities-scroll').addEventListener('scroll', () => {
    if (!scrolling) { scrolling = true; requestAnimationFrame(() => { scrolling = false; renderEntityWindow(); }); }
  });
  $('trees').addEventListener('click', (e) => {
    const toggle = e.target.closest('.toggle');
    if (toggle) {
      const ul = toggle.parentElement.querySelector('ul');
      if (ul) { ul.hidden = !ul.hidden; toggle.textContent = ul.hidden ? '▸' : '▾'; }
      return;
    }
    const node = e.target.closest('.node');
    if (!node) return;
    const path = JSON.parse(node.dataset.path);
    setFilters(path);
    const last = path[path.length - 1].key;
    if (/task_id$/.test(last) || /try_id$/.test(last)) showFlow(null, path);
  });
  $('entities').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-id]');
    if (!row) return;
    if (e.target.classList.contains('pick')) {
      if (e.target.checked) state.selected.add(row.dataset.id); else state.selected.delete(row.dataset.id);
      row.classList.toggle('selected-row', e.target.checked);
      $('diff-selected').disabled = state.selected.size === 0;
      return;
    }
    showFlow(row.dataset.id);
  });
  $('diff-slowest').addEventListener('click', () => showDifference({ slowest: $('diff-percent').value }));
  $('diff-failed').addEventListener('click', () => showDifference({ final: 'failed,dep_fail,fail_retryable,CANCELED' }));
  $('diff-selected').addEventListener('click', () => showDifference({ id: Array.from(state.selected) }));
  $('records-more').addEventListener('click', () => loadRecords(true));
}

wire();
Promise.all([loadSummary(), loadTrees(), refresh()]).then(() => { document.body.dataset.ready = 'true'; poll(); });
