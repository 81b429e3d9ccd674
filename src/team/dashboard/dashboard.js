// The instructor dashboard: plain DOM over the team API (/api/team/). The session cookie is
// HttpOnly; writes send the readable clusterlab_csrf cookie back as X-CSRF-Token.
const $ = (id) => document.getElementById(id);
const status = (text) => ($('status').textContent = text);

function csrf() {
  return document.cookie.split('; ').find((c) => c.startsWith('clusterlab_csrf='))?.slice('clusterlab_csrf='.length) ?? '';
}

async function api(method, path, body) {
  const headers = { 'x-csrf-token': csrf() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/team${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(data.message ?? `HTTP ${res.status}`), { status: res.status });
  return data;
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

const minutes = (ms) => (ms === null ? '' : ms < 60000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60000)} min`);
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function start() {
  try {
    const session = await api('GET', '/session');
    $('who').textContent = session.email;
    $('login').hidden = true;
    $('cohorts').hidden = false;
    await showCohorts();
  } catch (e) {
    if (e.status !== 401) status(e.message);
    $('login').hidden = false;
    $('cohorts').hidden = true;
  }
}

async function showCohorts() {
  const { cohorts } = await api('GET', '/cohorts');
  const list = $('cohort-list');
  list.replaceChildren(
    ...cohorts.map((c) => {
      const show = el('button', { type: 'button', textContent: `Progress of ${c.name}` });
      show.addEventListener('click', () => showProgress(c.id).catch((e) => status(e.message)));
      const invite = el('button', { type: 'button', textContent: `Invitation link for ${c.name}` });
      const link = el('code', { className: 'link' });
      invite.addEventListener('click', async () => {
        try {
          const created = await api('POST', `/cohorts/${c.id}/invitations`, {});
          link.textContent = created.url;
          status(`Invitation link for ${c.name} created; it expires ${new Date(created.expiresAt).toLocaleString()}.`);
        } catch (e) {
          status(e.message);
        }
      });
      return el('li', {}, `${c.name} (${c.learners} learner${c.learners === 1 ? '' : 's'}) `, show, ' ', invite, ' ', link);
    }),
  );
  if (cohorts.length === 0) list.replaceChildren(el('li', { textContent: 'No cohorts yet.' }));
}

function cellFor(cell) {
  if (cell.status === 'not-started') return el('td', { textContent: '–' });
  if (cell.status === 'rejected') return el('td', { className: 'rejected', title: cell.lastRejection ?? '' }, `rejected (${cell.rejected})`);
  const tasks = cell.tasks.map((t) => `${t.pass ? '✓' : '✗'} ${t.title}`).join('\n');
  return el('td', { className: cell.complete ? 'verified' : 'partial', title: tasks }, `${cell.complete ? '✓ ' : ''}${cell.score}/${cell.maxScore}`, el('br'), el('small', { textContent: minutes(cell.timeSpentMs) }));
}

async function showProgress(cohortId) {
  const grid = await api('GET', `/cohorts/${cohortId}/progress`);
  await showCohorts();
  $('progress').hidden = false;
  $('progress-title').textContent = `Progress of ${grid.cohort.name}`;
  $('csv').href = `/api/team/cohorts/${cohortId}/progress.csv`;
  const head = el('tr', {}, el('th', { scope: 'col', textContent: 'Learner' }), ...grid.labs.map((lab) => el('th', { scope: 'col', textContent: lab })));
  const rows = grid.learners.map((l) => {
    const name = el('button', { type: 'button', textContent: l.name });
    name.addEventListener('click', () => showLearner(cohortId, l.id).catch((e) => status(e.message)));
    return el('tr', {}, el('th', { scope: 'row' }, name), ...grid.labs.map((lab) => cellFor(l.labs[lab])));
  });
  const table = el('table', {}, el('caption', { textContent: `${plural(grid.learners.length, 'learner')} × ${plural(grid.labs.length, 'lab')}: best verified score and virtual time spent` }), el('thead', {}, head), el('tbody', {}, ...rows));
  $('grid').replaceChildren(grid.learners.length ? table : el('p', { textContent: 'Nobody has joined yet: send them an invitation link.' }));
}

async function showLearner(cohortId, learnerId) {
  const detail = await api('GET', `/cohorts/${cohortId}/learners/${learnerId}`);
  $('learner').hidden = false;
  $('learner-title').textContent = `${detail.learner.name}: ${detail.submissions.length} submission${detail.submissions.length === 1 ? '' : 's'}`;
  $('learner-detail').replaceChildren(
    ...detail.submissions.map((s) =>
      el(
        'details',
        {},
        el('summary', { textContent: `${s.labId}: ${s.status === 'verified' ? `verified ${s.score}/${s.maxScore}` : `rejected: ${s.reason}`} (${new Date(s.receivedAt).toLocaleString()})` }),
        el('pre', { textContent: s.transcript.map((t) => `[${(t.atMs / 1000).toFixed(1)}s] $ ${t.input}\n${t.output}`).join('') }),
      ),
    ),
  );
  $('learner-title').focus?.();
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await api('POST', '/login', { email: form.get('email'), password: form.get('password') });
    status('Logged in.');
    await start();
  } catch (e) {
    status(e.message);
  }
});

$('cohort-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const cohort = await api('POST', '/cohorts', { name: form.get('name') });
    event.target.reset();
    status(`Cohort ${cohort.name} created.`);
    await showCohorts();
  } catch (e) {
    status(e.message);
  }
});

$('logout').addEventListener('click', async () => {
  await api('POST', '/logout', {}).catch(() => undefined);
  status('Logged out.');
  await start();
});

start();
