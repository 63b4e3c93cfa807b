// StorePulse live dashboard: plain browser JavaScript, no build step, no third-party code.
// Every /v1 call carries the API key as "Authorization: Bearer"; the alert stream is read with fetch() for that
// reason (EventSource cannot send headers), and resumes with Last-Event-ID after a reconnect.
'use strict';

(() => {
  const KEY_STORAGE = 'storepulse.apiKey';
  const MAX_ALERTS = 200;
  const THROUGHPUT_EVERY_MS = 2000;
  const TOP_EVERY_MS = 5000;
  const LOW_STOCK_EVERY_MS = 10000;
  // The server sends a heartbeat comment every 15 s; three missed ones mean the connection is dead.
  const STREAM_SILENCE_MS = 45000;

  const $ = (id) => document.getElementById(id);
  let key = null;
  // Bumped on every start and stop: a loop of an older generation ends itself.
  let generation = 0;
  const seenAlerts = new Set();
  let currentAbort = null;

  class ApiProblem extends Error {
    constructor(status, message, retryAfter) {
      super(message);
      this.status = status;
      this.retryAfter = retryAfter;
    }
  }

  function headers(accept) {
    return { Authorization: 'Bearer ' + key, Accept: accept };
  }

  async function problemOf(response) {
    let message = response.statusText;
    try {
      const body = await response.json();
      if (body && body.error) {
        message = body.error;
      }
    } catch (ignored) {
      // not JSON: keep the status text
    }
    return new ApiProblem(response.status, message, response.headers.get('Retry-After'));
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: headers('application/json'), cache: 'no-store' });
    if (!response.ok) {
      throw await problemOf(response);
    }
    return response.json();
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const clock = (date) => date.toLocaleTimeString([], { hour12: false });
  const money = (value) => Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const integer = (value) => Number(value).toLocaleString('en-US');

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function cell(row, text, className) {
    row.appendChild(element('td', className, text));
  }

  function setStatus(card, state, text) {
    const status = $(card + '-status');
    status.textContent = text;
    status.className = 'status' + (state === 'ok' ? '' : ' ' + state);
    $(card + '-card').classList.toggle('stale', state !== 'ok');
  }

  function setConnection(state, text) {
    const pill = $('connection');
    pill.className = 'pill ' + state;
    pill.dataset.state = state;
    pill.textContent = text;
  }

  // What a failed call means to the reader, and how long to wait before the next try.
  function explain(card, error, every) {
    if (error instanceof ApiProblem) {
      if (error.status === 401) {
        askForKey('serving-api refused the key (401): ' + error.message);
        return null;
      }
      if (error.status === 403) {
        setStatus(card, 'bad', '403: ' + error.message);
        return Math.max(every, 30000);
      }
      if (error.status === 503) {
        const seconds = Number(error.retryAfter) > 0 ? Number(error.retryAfter) : 2;
        setStatus(card, 'warn', 'not available right now (503): ' + error.message + '; retrying in ' + seconds + ' s');
        return seconds * 1000;
      }
      setStatus(card, 'bad', error.status + ': ' + error.message + '; retrying');
      return Math.max(every, 5000);
    }
    setStatus(card, 'bad', 'serving-api cannot be reached (' + error.message + '); retrying');
    return Math.max(every, 3000);
  }

  function poll(card, every, load, render, run) {
    const tick = async () => {
      if (run !== generation) {
        return;
      }
      let wait = every;
      try {
        render(await load());
        setStatus(card, 'ok', 'updated ' + clock(new Date()));
      } catch (error) {
        if (run !== generation) {
          return;
        }
        wait = explain(card, error, every);
        if (wait === null) {
          return;
        }
      }
      setTimeout(tick, wait);
    };
    tick();
  }

  // ---- events per second ----

  function renderThroughput(answer) {
    $('eps').textContent = answer.events_per_second.toLocaleString('en-US', { maximumFractionDigits: 1 });
    const topics = $('eps-topics');
    topics.replaceChildren();
    for (const [topic, perSecond] of Object.entries(answer.topics)) {
      topics.appendChild(element('li', null, topic + ' ' + perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 })));
    }
    const values = answer.history.map((point) => point.events_per_second);
    const max = Math.max(1, ...values);
    const step = values.length > 1 ? 240 / (values.length - 1) : 0;
    $('sparkline-line').setAttribute('points',
      values.map((value, i) => (i * step).toFixed(1) + ',' + (46 - (value / max) * 44).toFixed(1)).join(' '));
  }

  // ---- top products ----

  function renderTop(answer) {
    const start = new Date(answer.window_start);
    const end = new Date(answer.window_end);
    const hhmm = (date) => date.toISOString().slice(11, 16);
    $('top-hour').textContent = 'this hour, ' + hhmm(start) + '–' + hhmm(end) + ' UTC';
    const body = $('top-products').tBodies[0];
    body.replaceChildren();
    answer.products.forEach((product, i) => {
      const row = element('tr');
      row.dataset.productId = product.product_id;
      cell(row, i + 1);
      cell(row, product.product_id, 'id');
      cell(row, money(product.revenue), 'num');
      cell(row, integer(product.units), 'num');
      cell(row, integer(product.orders), 'num');
      body.appendChild(row);
    });
    $('top-empty').hidden = answer.products.length > 0;
  }

  // ---- low stock ----

  function renderLowStock(answer) {
    const shown = answer.products.length;
    $('low-summary').textContent = integer(answer.total) + ' products below ' + answer.low_stock_below
      + (answer.total > shown ? ', lowest ' + shown + ' shown' : '');
    const body = $('low-stock').tBodies[0];
    body.replaceChildren();
    for (const product of answer.products) {
      const row = element('tr');
      row.dataset.productId = product.product_id;
      cell(row, product.product_id, 'id');
      cell(row, integer(product.current_quantity), product.current_quantity === 0 ? 'num zero' : 'num');
      cell(row, integer(product.estimated_quantity), 'num');
      cell(row, product.updated_at ? clock(new Date(product.updated_at)) : '');
      body.appendChild(row);
    }
    $('low-empty').hidden = shown > 0;
  }

  // ---- fraud alerts ----

  function addAlert(alert, fresh) {
    if (seenAlerts.has(alert.alert_id)) {
      return;
    }
    seenAlerts.add(alert.alert_id);
    const item = element('li', alert.severity + (fresh ? ' new' : ''));
    item.dataset.alertId = alert.alert_id;
    item.dataset.userId = alert.user_id;
    item.dataset.detectedAt = alert.detected_at;
    const line1 = element('div', 'line1');
    line1.appendChild(element('span', 'severity', alert.severity));
    line1.appendChild(element('span', 'rule', alert.rule));
    line1.appendChild(element('span', 'user', alert.user_id));
    line1.appendChild(element('span', 'when', clock(new Date(alert.detected_at))));
    item.appendChild(line1);
    item.appendChild(element('div', 'line2', 'risk ' + Number(alert.risk_score).toFixed(2) + ' · ' + alert.alert_id));
    // Newest detected first, wherever an alert arrives from (the recent list or the stream).
    const list = $('alerts');
    let before = list.firstChild;
    while (before && before.dataset.detectedAt > alert.detected_at) {
      before = before.nextSibling;
    }
    list.insertBefore(item, before);
    while (list.children.length > MAX_ALERTS) {
      seenAlerts.delete(list.lastChild.dataset.alertId);
      list.removeChild(list.lastChild);
    }
    $('alerts-empty').hidden = true;
  }

  // Reads a text/event-stream body, calling onEvent for each complete event; resolves when the body ends.
  async function readEvents(body, onEvent, onActivity) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let data = [];
    let name = 'message';
    let id = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      onActivity();
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          if (data.length > 0) {
            onEvent({ id, name, data: data.join('\n') });
          }
          data = [];
          name = 'message';
          id = null;
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') {
            data.push(text);
          } else if (field === 'event') {
            name = text;
          } else if (field === 'id') {
            id = text;
          }
        }
      }
    }
  }

  async function loadRecentAlerts() {
    try {
      const recent = await getJson('/v1/fraud/alerts?limit=50');
      recent.forEach((alert) => addAlert(alert, false));
    } catch (error) {
      // The live stream is what matters; a missing backlog only leaves the list shorter.
    }
  }

  async function streamAlerts(run) {
    let lastEventId = null;
    let backoff = 1000;
    let filled = false;
    while (run === generation) {
      const abort = new AbortController();
      currentAbort = abort;
      let silence = null;
      const alive = () => {
        clearTimeout(silence);
        silence = setTimeout(() => abort.abort(), STREAM_SILENCE_MS);
      };
      try {
        setConnection('warn', lastEventId ? 'reconnecting…' : 'connecting…');
        const request = headers('text/event-stream');
        if (lastEventId) {
          request['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch('/v1/fraud/alerts/stream', { headers: request, signal: abort.signal, cache: 'no-store' });
        if (!response.ok) {
          throw await problemOf(response);
        }
        alive();
        setConnection('ok', 'live');
        setStatus('alerts', 'ok', 'streaming since ' + clock(new Date()));
        backoff = 1000;
        if (!filled) {
          // After subscribing, so no alert falls between the list and the stream; duplicates are skipped.
          filled = true;
          loadRecentAlerts();
        }
        await readEvents(response.body, (event) => {
          if (event.id) {
            lastEventId = event.id;
          }
          if (event.name === 'fraud-alert') {
            addAlert(JSON.parse(event.data), true);
          }
        }, alive);
        if (run !== generation) {
          return;
        }
        setStatus('alerts', 'warn', 'the stream ended; reconnecting');
      } catch (error) {
        if (run !== generation) {
          return;
        }
        const wait = explain('alerts', error, backoff);
        if (wait === null) {
          return;
        }
        backoff = Math.max(backoff, wait);
        setConnection(error.status === 503 ? 'warn' : 'bad', error.status ? 'stream refused (' + error.status + ')' : 'disconnected');
      } finally {
        clearTimeout(silence);
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 15000);
    }
  }

  // ---- key handling and start ----

  function stop() {
    generation++;
    if (currentAbort) {
      currentAbort.abort();
    }
  }

  function askForKey(problem) {
    stop();
    key = null;
    sessionStorage.removeItem(KEY_STORAGE);
    $('board').hidden = true;
    $('forget-key').hidden = true;
    $('key-panel').hidden = false;
    $('key-problem').hidden = !problem;
    $('key-problem').textContent = problem || '';
    setConnection(problem ? 'bad' : 'idle', problem ? 'key refused' : 'not connected');
    $('key-input').focus();
  }

  function start(withKey) {
    stop();
    key = withKey;
    const run = generation;
    $('key-panel').hidden = true;
    $('board').hidden = false;
    $('forget-key').hidden = false;
    poll('throughput', THROUGHPUT_EVERY_MS, () => getJson('/v1/pipeline/throughput'), renderThroughput, run);
    poll('top', TOP_EVERY_MS, () => getJson('/v1/products/top?limit=10'), renderTop, run);
    poll('low', LOW_STOCK_EVERY_MS, () => getJson('/v1/inventory/low-stock?limit=50'), renderLowStock, run);
    streamAlerts(run);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const entered = $('key-input').value.trim();
      if (entered) {
        sessionStorage.setItem(KEY_STORAGE, entered);
        $('key-input').value = '';
        start(entered);
      }
    });
    $('forget-key').addEventListener('click', () => askForKey(null));
    const stored = sessionStorage.getItem(KEY_STORAGE);
    if (stored) {
      start(stored);
    } else {
      askForKey(null);
    }
  });
})();
