// Join a cohort from an invitation link (/team/join/#TOKEN). The learner token goes to
// localStorage under TEAM_KEY, where the lab panel finds it to submit results.
const TEAM_KEY = 'clusterlab:team';
const status = (text) => (document.getElementById('status').textContent = text);
const invitation = decodeURIComponent(location.hash.slice(1));

const saved = JSON.parse(localStorage.getItem(TEAM_KEY) ?? 'null');
if (saved) status(`You are in cohort ${saved.cohort.name} as ${saved.learner.name}. Joining again replaces that.`);
if (!invitation) status('This page needs the whole invitation link, including the part after #.');

document.getElementById('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = new FormData(event.target).get('name');
  const res = await fetch('/api/team/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation, name }) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) return status(data.message ?? `The server answered ${res.status}.`);
  localStorage.setItem(TEAM_KEY, JSON.stringify({ token: data.token, learner: data.learner, cohort: data.cohort }));
  history.replaceState(null, '', location.pathname);
  status(`Welcome, ${data.learner.name}: you joined ${data.cohort.name}. Your lab results will be sent to your instructor.`);
});
