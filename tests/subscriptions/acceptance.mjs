// Acceptance test of CareGrid's GraphQL subscriptions with the npm graphql-ws client (docs/subscriptions.md), driven by
// tests/CareGrid.Tests/Subscriptions/GraphQLWsAcceptanceShould.cs, which prepares the cases and tokens and passes them in
// the environment. Only 127.0.0.1 is ever targeted.
//
//   SUBSCRIBE_URL   http://127.0.0.1:<port> of the silo the subscribers connect to
//   MUTATE_URL      http://127.0.0.1:<port> of the silo the mutations go to (another silo in the two-silo test)
//   TENANT, CASE_ID, ESCALATOR_TOKEN   the case to escalate to level 3 and a token that may
//   COUNSELLOR_TOKEN                   the case's counsellor: must receive CASE_ESCALATED within 1 s of the mutation
//   WARMUP_CASE_ID                     a case of the same school escalated (level 2) and awaited before CASE_ID, so the
//                                      measured delivery is not the first through the server's and client's code paths
//   NO_NTK_TOKEN, SENTINEL_CASE_ID     a staff member of the school without need-to-know on CASE_ID, and a case they
//                                      may open, escalated after CASE_ID: they must see its event and nothing of CASE_ID
//   OTHER_TENANT, OTHER_TOKEN          a subscriber of another school (its own endpoint): nothing of CASE_ID
//
// Prints one JSON line (latencyMs and what each subscriber received) and exits 0 when every expectation holds, 1 otherwise.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const subscribeUrl = env('SUBSCRIBE_URL');
const mutateUrl = env('MUTATE_URL');
for (const url of [subscribeUrl, mutateUrl]) {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1 may be targeted, not ${url}`);
}

const tenant = env('TENANT');
const caseId = env('CASE_ID');
const sentinelCaseId = env('SENTINEL_CASE_ID');
const query = 'subscription { caseEvents { id kind caseId escalationLevel } }';

function wsUrl(base, t) {
  return base.replace(/^http/, 'ws').replace(/\/$/, '') + `/t/${t}/graphql`;
}

// A graphql-ws client; resolves once its subscription is live: the server reads a connection's messages in order, so a
// pong to a ping sent after the subscribe message proves the subscription is attached.
async function subscriber(name, t, token) {
  const received = [];
  const waiters = [];
  let pongs = 0;
  const client = createClient({
    url: wsUrl(subscribeUrl, t),
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    keepAlive: 25,
    on: { pong: () => { pongs += 1; } },
  });
  const done = new Promise((resolve, reject) => {
    client.subscribe({ query }, {
      next: (value) => {
        const event = value.data?.caseEvents;
        received.push({ event, at: performance.now() });
        for (const w of waiters.splice(0)) w();
      },
      error: (err) => reject(new Error(`${name}: ${JSON.stringify(err?.message ?? err?.reason ?? err)}`)),
      complete: () => resolve(),
    });
  });
  done.catch(() => {});
  const start = pongs;
  await until(() => pongs >= start + 2, 10_000, `${name}: the subscription did not become live`);
  return {
    name, client, received, done,
    async waitFor(predicate, ms, what) {
      await until(() => received.some((r) => predicate(r.event)), ms, `${name}: ${what}`, waiters);
      return received.find((r) => predicate(r.event));
    },
  };
}

async function until(condition, ms, message, waiters) {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(message);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 10);
      waiters?.push(() => { clearTimeout(timer); resolve(); });
    });
  }
}

async function escalate(id, level, token) {
  const response = await fetch(`${mutateUrl.replace(/\/$/, '')}/t/${tenant}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($id: ID!, $level: Int!) { escalateCase(id: $id, level: $level, reason: "acceptance test of subscriptions") { id escalationLevel } }',
      variables: { id, level },
    }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`escalateCase ${id}: ${JSON.stringify(body.errors)}`);
}

const subscribers = [];
try {
  const counsellor = await subscriber('counsellor', tenant, env('COUNSELLOR_TOKEN'));
  const noNeedToKnow = await subscriber('no-need-to-know', tenant, env('NO_NTK_TOKEN'));
  const otherSchool = await subscriber('other-school', env('OTHER_TENANT'), env('OTHER_TOKEN'));
  subscribers.push(counsellor, noNeedToKnow, otherSchool);

  // Warm-up: the first event through a fresh process pays for JIT compilation and first activations; the acceptance
  // measures delivery, so one escalation goes through the same path first (its latency is printed, not judged).
  const warmupSent = performance.now();
  await escalate(env('WARMUP_CASE_ID'), 2, env('ESCALATOR_TOKEN'));
  const warm = await counsellor.waitFor((e) => e?.caseId === env('WARMUP_CASE_ID') && e.kind === 'CASE_ESCALATED', 10_000, 'no CASE_ESCALATED for the warm-up case');
  const warmupLatencyMs = Math.round(warm.at - warmupSent);

  const sent = performance.now();
  await escalate(caseId, 3, env('ESCALATOR_TOKEN'));
  const got = await counsellor.waitFor((e) => e?.caseId === caseId && e.kind === 'CASE_ESCALATED', 5_000, 'no CASE_ESCALATED');
  const latencyMs = Math.round(got.at - sent);

  // The sentinel comes after CASE_ID's events on the tenant's ordered stream: once it arrives, nothing of CASE_ID can follow.
  await escalate(sentinelCaseId, 2, env('NO_NTK_TOKEN'));
  await noNeedToKnow.waitFor((e) => e?.caseId === sentinelCaseId, 5_000, 'no event of its own case');
  await counsellor.waitFor((e) => e?.caseId === sentinelCaseId || true, 0, '');

  const leaked = [noNeedToKnow, otherSchool].flatMap((s) => s.received.filter((r) => r.event?.caseId === caseId).map(() => s.name));
  const summary = {
    latencyMs,
    warmupLatencyMs,
    counsellor: counsellor.received.map((r) => r.event),
    noNeedToKnow: noNeedToKnow.received.map((r) => r.event),
    otherSchool: otherSchool.received.map((r) => r.event),
    leaked,
  };
  console.log(JSON.stringify(summary));
  const failures = [];
  if (latencyMs > 1000) failures.push(`the escalation took ${latencyMs} ms (over 1 s)`);
  if (leaked.length > 0) failures.push(`events of ${caseId} reached ${leaked.join(', ')}`);
  if (failures.length > 0) {
    console.error(failures.join('; '));
    process.exitCode = 1;
  }
} catch (err) {
  console.error(err?.stack ?? String(err));
  process.exitCode = 1;
} finally {
  await Promise.all(subscribers.map((s) => s.client.dispose()));
}
