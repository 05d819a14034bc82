// fanout local dashboard: polls the runtime's dashboard API about once a second and renders it. Plain JavaScript,
// no libraries; every value from the server goes into the page as text (textContent), never as markup.
'use strict';

const API = '/_dashboard/api';
const POLL_MILLIS = 1000;
const FAILURES_PER_PAGE = 20;
const MAX_BUCKETS = 60;   // the server's Throughput.MAX_BUCKETS

// The redrive button's one request: the jobs API's own route (API Gateway's POST /jobs/{jobId}/redrive, the one
// `fanout redrive` takes), which answers 202 with the job's status, 404 or 409 with Step Functions' reason.
function redriveRequest(jobId) {
  return fetch(`/jobs/${encodeURIComponent(jobId)}/redrive`, { method: 'POST' });
}

const STATES = {
  '.': 'pending',
  R: 'running',
  S: 'succeeded',
  F: 'failed',
  T: 'timed-out',
  A: 'aborted',
  P: 'pending-redrive',
};

const $ = (id) => document.getElementById(id);

const view = {
  selected: null,          // job id shown in detail
  chosenByUser: false,     // true once the user picked a job (or the URL named one)
  grid: { jobId: null, states: '', cells: [] },
  failures: { jobId: null, offset: 0, failed: -1, key: '' },
  redriving: false,
};

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  return response.json();
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else if (value !== null && value !== undefined) {
      node.setAttribute(key, value);
    }
  }
  for (const child of children) {
    node.append(child);
  }
  return node;
}

// Long names (class names, S3 URIs) may break after a dot or slash, not inside a word.
function breakable(text) {
  const fragment = document.createDocumentFragment();
  for (const part of String(text).split(/(?<=[./])/)) {
    fragment.append(part, document.createElement('wbr'));
  }
  return fragment;
}

function formatDuration(ms) {
  if (ms === null || ms === undefined || ms < 0) {
    return '–';
  }
  if (ms < 10_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const s = Math.round(ms / 1000);
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

function formatTime(epochMillis) {
  if (epochMillis === null || epochMillis === undefined) {
    return '–';
  }
  const date = new Date(epochMillis);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}

function count(n) {
  return n < 0 ? '–' : n.toLocaleString();
}

function setLive(ok, message) {
  const live = $('live');
  const text = ok ? 'live' : `not connected: ${message}`;
  if (live.textContent !== text) {       // a status region: change it only when the state changes
    live.textContent = text;
    live.className = ok ? 'ok' : 'down';
  }
  if (ok) {
    $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  }
}

// ---------------------------------------------------------------- jobs list

function renderJobs(list) {
  const body = document.querySelector('#jobs tbody');
  body.replaceChildren();
  $('jobs-empty').hidden = list.jobs.length > 0;
  $('jobs-table').hidden = list.jobs.length === 0;
  $('jobs-total').textContent = list.total > list.jobs.length
    ? `newest ${list.jobs.length} of ${list.total}` : `${list.total} job${list.total === 1 ? '' : 's'}`;
  for (const job of list.jobs) {
    const done = Math.max(0, job.chunksSucceeded);
    const failed = Math.max(0, job.chunksFailed);
    const total = job.chunksTotal;
    const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
    if (total > 0) {
      const ok = el('span', { class: 'ok' });
      const bad = el('span', { class: 'bad' });
      ok.style.width = `${(100 * done) / total}%`;      // CSSOM, which the page's CSP allows (style attributes not)
      bad.style.width = `${(100 * failed) / total}%`;
      bar.append(ok, bad);
    }
    const link = el('a', { class: 'job-link mono', href: `#job=${encodeURIComponent(job.jobId)}`, text: job.jobId });
    const row = el('tr', { 'data-job-id': job.jobId, 'aria-current': job.jobId === view.selected ? 'true' : null },
      el('td', {}, link),
      el('td', {}, el('span', { class: `badge ${job.status}`, text: job.status })),
      el('td', { class: 'nowrap', text: job.jobType ?? '–' }),
      el('td', { class: 'input mono', title: job.input ?? '', text: job.input ?? '–' }),
      el('td', { class: 'nowrap', text: formatTime(job.startedAt) }),
      el('td', { class: 'num nowrap', text: formatDuration(job.durationMillis) }),
      el('td', {}, el('span', { class: 'progress' }, bar,
        el('span', { class: 'mono', text: total < 0 ? 'planning' : `${count(done)} / ${count(total)}` }))),
      el('td', { class: 'num', text: total < 0 ? '–' : count(failed) }));
    row.addEventListener('click', (event) => {
      if (event.target !== link) {
        choose(job.jobId);
      }
    });
    body.append(row);
  }
}

function choose(jobId) {
  if (location.hash !== `#job=${encodeURIComponent(jobId)}`) {
    location.hash = `job=${encodeURIComponent(jobId)}`;
  }
}

function selectedFromHash() {
  const match = /^#job=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function pickDefault(list) {
  if (view.chosenByUser || list.jobs.length === 0) {
    return;
  }
  const running = list.jobs.find((j) => j.status === 'RUNNING');
  view.selected = (running ?? list.jobs[0]).jobId;
}

// ---------------------------------------------------------------- one job

function renderJob(detail) {
  const section = $('job');
  if (!detail) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const job = detail.job;
  $('job-id').textContent = job.jobId;
  const badge = $('job-status');
  badge.textContent = job.status;
  badge.className = `badge ${job.status}`;

  link($('link-result'), detail.resultUri, `/_dashboard/files/${encodeURIComponent(job.jobId)}/result`);
  link($('link-summary'), detail.summaryUri, `/_dashboard/files/${encodeURIComponent(job.jobId)}/summary`);
  const redrive = $('redrive');
  redrive.hidden = !job.redrivable;
  redrive.disabled = view.redriving;

  const error = $('job-error');
  error.hidden = !detail.error && !detail.cause;
  $('job-error-name').textContent = detail.error ?? '';
  $('job-error-cause').textContent = detail.cause ?? '';

  const states = detail.chunks;
  const tally = tallyStates(states);
  $('stat-total').textContent = count(job.chunksTotal);
  $('stat-succeeded').textContent = states ? count(tally.succeeded) : '–';
  $('stat-running').textContent = states ? count(tally.running) : '–';
  $('stat-pending').textContent = states ? count(tally.pending + tally['pending-redrive']) : '–';
  $('stat-failed').textContent = states ? count(tally.failed + tally['timed-out'] + tally.aborted) : '–';
  $('stat-rate').textContent = rate(detail.throughput, job);

  renderGrid(job.jobId, states, tally);
  renderChart(detail.throughput);
}

function link(anchor, s3Uri, href) {
  anchor.hidden = !s3Uri;
  if (s3Uri) {
    anchor.href = href;
    anchor.title = s3Uri;
  }
}

function tallyStates(states) {
  const tally = Object.fromEntries(Object.values(STATES).map((name) => [name, 0]));
  for (const c of states) {
    tally[STATES[c]] += 1;
  }
  return tally;
}

function rate(throughput, job) {
  if (!throughput) {
    return '–';
  }
  const finished = throughput.counts.reduce((a, b) => a + b, 0);
  const end = job.stoppedAt ?? Date.now();
  const seconds = Math.max(0.001, (end - throughput.start) / 1000);
  return (finished / seconds).toFixed(finished / seconds < 10 ? 1 : 0);
}

function renderGrid(jobId, states, tally) {
  const grid = $('grid');
  const g = view.grid;
  if (g.jobId !== jobId || g.cells.length !== states.length) {
    grid.replaceChildren();
    grid.className = `grid${states.length > 20000 ? ' tiny' : states.length > 2000 ? ' dense'
      : states.length <= 100 ? ' large' : ''}`;
    g.cells = [];
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < states.length; i++) {
      const cell = el('span', { class: 'cell' });
      g.cells.push(cell);
      fragment.append(cell);
    }
    grid.append(fragment);
    g.jobId = jobId;
    g.states = '';
  }
  for (let i = 0; i < states.length; i++) {
    if (g.states[i] !== states[i]) {
      const name = STATES[states[i]] ?? 'pending';
      const cell = g.cells[i];
      cell.className = `cell s-${name}`;
      cell.dataset.state = name;
      cell.title = `chunk ${i}: ${name.replace('-', ' ')}`;
    }
  }
  g.states = states;
  $('grid-summary').textContent = states.length === 0 ? 'No chunks yet: the job is being planned.'
    : Object.entries(tally).filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name.replace('-', ' ')}`)
      .join(', ');
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function renderChart(throughput) {
  const chart = $('chart');
  const width = Math.max(240, Math.round(chart.getBoundingClientRect().width) || 480);
  const height = Math.max(120, Math.round(chart.getBoundingClientRect().height) || 160);
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.replaceChildren();
  if (!throughput || throughput.counts.length === 0) {
    $('chart-summary').textContent = 'No chunk has started yet.';
    return;
  }
  const counts = throughput.counts;
  const seconds = throughput.bucketMillis / 1000;
  // a fixed window of MAX_BUCKETS slots that fills from the left while the job runs
  const slots = Math.max(MAX_BUCKETS, counts.length);
  const max = Math.max(1, ...counts);
  const left = 36;
  const right = 12;
  const top = 12;
  const bottom = 22;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const slot = plotWidth / slots;
  for (const [fraction, label] of [[0, '0'], [0.5, null], [1, String(max)]]) {
    const y = top + plotHeight * (1 - fraction);
    chart.append(svg('line', { class: fraction === 0 ? 'axis' : 'gridline', x1: left, y1: y, x2: width - right, y2: y }));
    if (label) {
      chart.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, label));
    }
  }
  counts.forEach((n, i) => {
    if (n > 0) {
      const h = (plotHeight * n) / max;
      const rect = svg('rect', {
        class: 'bar-rect', x: left + i * slot + 1, y: top + plotHeight - h,
        width: Math.max(1, slot - 2), height: h, rx: 2,
      });
      rect.append(svg('title', {}, `${n} chunk${n === 1 ? '' : 's'} from ${formatDuration(i * seconds * 1000)}`));
      chart.append(rect);
    }
  });
  const windowMillis = slots * throughput.bucketMillis;
  chart.append(svg('text', { x: left, y: height - 6 }, '0 s'));
  chart.append(svg('text', { x: left + plotWidth / 2, y: height - 6, 'text-anchor': 'middle' },
    formatDuration(windowMillis / 2)));
  chart.append(svg('text', { x: width - right, y: height - 6, 'text-anchor': 'end' }, formatDuration(windowMillis)));
  const total = counts.reduce((a, b) => a + b, 0);
  $('chart-summary').textContent = `Chunks finished per ${seconds} s since the job's chunks started: `
    + `${total.toLocaleString()} so far, at most ${max.toLocaleString()} in one interval.`;
}

// ---------------------------------------------------------------- failures

async function refreshFailures(detail) {
  const f = view.failures;
  const jobId = detail ? detail.job.jobId : null;
  if (f.jobId !== jobId) {
    f.jobId = jobId;
    f.offset = 0;
    f.key = '';
  }
  if (!detail) {
    return;
  }
  const failed = detail.job.chunksFailed;
  const key = `${jobId}|${failed}|${f.offset}|${detail.redriveCount}`;
  if (key === f.key) {
    return;                               // nothing new failed: no need to ask again
  }
  const page = await getJson(`${API}/jobs/${encodeURIComponent(jobId)}/failures`
    + `?offset=${f.offset}&limit=${FAILURES_PER_PAGE}`);
  if (!page || view.failures.jobId !== jobId) {
    return;
  }
  f.key = key;
  renderFailures(page);
}

function renderFailures(page) {
  const body = document.querySelector('#failures tbody');
  body.replaceChildren();
  for (const failure of page.failures) {
    body.append(el('tr', { 'data-chunk': failure.index },
      el('td', { class: 'num mono', text: String(failure.index) }),
      el('td', { class: 'state-label' }, el('span', { class: `cell s-${STATES[stateCode(failure.state)]}`,
        'aria-hidden': 'true' }), ` ${failure.state.toLowerCase().replace('_', ' ')}`),
      el('td', { class: 'mono' }, breakable(failure.error ?? '–')),
      el('td', { class: 'wrap', text: failure.cause ?? '–' })));
  }
  $('failures-count').textContent = page.total > 0 ? String(page.total) : '';
  $('failures-empty').hidden = page.total > 0;
  $('failures-table').hidden = page.total === 0;
  const pager = $('failures-pager');
  pager.hidden = page.total <= FAILURES_PER_PAGE;
  $('failures-range').textContent = page.total === 0 ? ''
    : `${page.offset + 1}–${page.offset + page.failures.length} of ${page.total}`;
  $('failures-prev').disabled = page.offset === 0;
  $('failures-next').disabled = page.offset + page.failures.length >= page.total;
}

function stateCode(state) {
  return { FAILED: 'F', TIMED_OUT: 'T', ABORTED: 'A' }[state] ?? 'F';
}

// ---------------------------------------------------------------- dead-letter queue

function renderDeadLetters(page) {
  $('dlq-name').textContent = page.queueName;
  $('dlq-count').textContent = String(page.approximateCount);
  const body = document.querySelector('#dlq tbody');
  body.replaceChildren();
  for (const m of page.messages) {
    const job = m.jobId
      ? el('a', { class: 'mono', href: `#job=${encodeURIComponent(m.jobId)}`, text: m.jobId })
      : el('span', { class: 'muted', text: 'not a work message' });
    body.append(el('tr', { 'data-message-id': m.messageId },
      el('td', { class: 'mono wrap', text: m.messageId }),
      el('td', {}, job),
      el('td', { class: 'num mono', text: m.chunkIndex < 0 ? '–'
          : m.chunkTotal > 0 ? `${m.chunkIndex} of ${m.chunkTotal}` : String(m.chunkIndex) }),
      el('td', { class: 'mono' }, breakable(m.input ?? '–')),
      el('td', { class: 'mono' }, breakable(m.error ?? '–')),
      el('td', { text: formatTime(m.sentAt) })));
  }
  $('dlq-empty').hidden = page.messages.length > 0;
  $('dlq-table').hidden = page.messages.length === 0;
}

// ---------------------------------------------------------------- the loop

async function tick() {
  try {
    const [list, dead] = await Promise.all([getJson(`${API}/jobs`), getJson(`${API}/dead-letters`)]);
    pickDefault(list);
    renderJobs(list);
    renderDeadLetters(dead);
    const detail = view.selected ? await getJson(`${API}/jobs/${encodeURIComponent(view.selected)}`) : null;
    renderJob(detail);
    await refreshFailures(detail);
    setLive(true);
  } catch (error) {
    setLive(false, error.message);
  } finally {
    setTimeout(tick, POLL_MILLIS);
  }
}

async function redriveSelected() {
  const jobId = view.selected;
  const message = $('redrive-message');
  view.redriving = true;
  $('redrive').disabled = true;
  try {
    const response = await redriveRequest(jobId);
    const body = await response.json().catch(() => ({}));
    message.textContent = response.ok
      ? `Redrive of ${jobId} started: ${body.status ?? 'RUNNING'}.`
      : `Redrive refused: ${body.message ?? `HTTP ${response.status}`}`;
  } catch (error) {
    message.textContent = `Redrive failed: ${error.message}`;
  } finally {
    view.redriving = false;
  }
}

function onHashChange() {
  const fromHash = selectedFromHash();
  if (fromHash) {
    view.selected = fromHash;
    view.chosenByUser = true;
    $('redrive-message').textContent = '';
    document.querySelectorAll('#jobs tbody tr').forEach((row) => {
      row.setAttribute('aria-current', row.dataset.jobId === fromHash ? 'true' : 'false');
    });
  }
}

window.addEventListener('hashchange', onHashChange);
document.addEventListener('DOMContentLoaded', () => {
  onHashChange();
  $('redrive').addEventListener('click', redriveSelected);
  $('failures-prev').addEventListener('click', () => {
    view.failures.offset = Math.max(0, view.failures.offset - FAILURES_PER_PAGE);
  });
  $('failures-next').addEventListener('click', () => {
    view.failures.offset += FAILURES_PER_PAGE;
  });
  tick();
});
