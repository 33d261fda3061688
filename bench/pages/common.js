// Helpers shared by the bench pages: timing happens here, inside the page, with performance.now()
// and a PerformanceObserver for long tasks; bench/browser.mjs only drives the runs and collects figures.

/** Every long task (≥ 50 ms, the browser's own threshold) since the page loaded: { start, duration } in ms. */
const longTasks = [];
let observer;
export let longTasksSupported = false;
try {
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ type: 'longtask', buffered: true });
  longTasksSupported = true;
} catch {
  longTasksSupported = false;
}

/**
 * Long animation frames (≥ 50 ms): how much of each was style and layout (the rendering after the
 * frame's scripts), to tell the cost of building the DOM from the cost of laying it out.
 */
const longFrames = [];
let frameObserver;
try {
  frameObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longFrames.push(frameOf(entry));
  });
  frameObserver.observe({ type: 'long-animation-frame', buffered: true });
} catch {
  frameObserver = undefined;
}

function frameOf(entry) {
  const end = entry.startTime + entry.duration;
  // The frame's own style and layout, plus any that scripts forced (by reading sizes) during it.
  const forced = (entry.scripts ?? []).reduce((sum, script) => sum + (script.forcedStyleAndLayoutDuration ?? 0), 0);
  return { start: entry.startTime, duration: entry.duration, styleAndLayout: (entry.styleAndLayoutStart > 0 ? end - entry.styleAndLayoutStart : 0) + forced };
}

/** The longest style-and-layout part (forced by scripts or not) of a long animation frame in [from, to] (0: none seen, or not supported). */
export function longestStyleAndLayout(from, to) {
  if (frameObserver) for (const entry of frameObserver.takeRecords()) longFrames.push(frameOf(entry));
  let longest = 0;
  for (const frame of longFrames) {
    if (frame.start <= to && frame.start + frame.duration >= from) longest = Math.max(longest, frame.styleAndLayout);
  }
  return longest;
}

/**
 * Before a measurement: collects garbage in a task of its own when the browser allows it
 * (--js-flags=--expose-gc), so that the last run's garbage is not collected in this run's timing,
 * then lets the page go quiet.
 */
export async function beforeMeasuring() {
  await sleep(0);
  if (typeof globalThis.gc === 'function') globalThis.gc();
  await quiet();
}

/**
 * The longest task that started in [from, to] or was running at `from`, in ms; 0 when there was none
 * of 50 ms or more (the observer reports no shorter task). Call after the page has had a frame or two,
 * so that the entries have been delivered.
 */
export function longestTask(from, to) {
  if (observer) for (const entry of observer.takeRecords()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  let longest = 0;
  for (const task of longTasks) {
    if (task.start <= to && task.start + task.duration >= from) longest = Math.max(longest, task.duration);
  }
  return longest;
}

/** The longest task that began after `from` and by `to` (0: none of 50 ms or more). */
export function longestTaskStartingIn(from, to) {
  if (observer) for (const entry of observer.takeRecords()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  let longest = 0;
  for (const task of longTasks) if (task.start > from && task.start <= to) longest = Math.max(longest, task.duration);
  return longest;
}

export const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets the page finish what it was doing: two frames (style, layout, paint) and a short pause. */
export async function quiet() {
  await frame();
  await frame();
  await sleep(30);
}

/**
 * Calls `check()` after every change to the DOM under `root` (and once now), until it returns true;
 * resolves to performance.now() taken as the change that made it true was delivered. `check` may
 * throw to stop (e.g. the element shows an error).
 */
export function whenDom(root, check, { timeout = 300_000, what = 'the DOM to be ready' } = {}) {
  return new Promise((resolve, reject) => {
    let observer;
    let timer;
    const stop = () => {
      observer?.disconnect();
      clearTimeout(timer);
    };
    const test = () => {
      const now = performance.now();
      let done;
      try {
        done = check(now);
      } catch (error) {
        stop();
        reject(error);
        return true;
      }
      if (done) {
        stop();
        resolve(now);
      }
      return done;
    };
    if (test()) return;
    observer = new MutationObserver(() => test());
    observer.observe(root, { childList: true, subtree: true });
    timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
  });
}

/** Forces style and layout of everything under `element` now; returns performance.now() after. */
export function layoutNow(element) {
  // Reading a size makes the browser lay out the document synchronously.
  if (element.getBoundingClientRect().height < 0) throw new Error('impossible');
  return performance.now();
}

/**
 * Resolves to performance.now() once a frame has been rendered after now: the next animation frame,
 * then a message task, which runs after that frame's style, layout and paint. The browser lays out
 * in its own frame task, as it does for a reader (nothing is forced), so tasks stay as they would be.
 */
export function nextFrameRendered() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve(performance.now());
      };
      channel.port2.postMessage(null);
    });
  });
}

/** Fetches a plan's JSON text from the bench server once. */
const planTexts = new Map();
export async function planText(name) {
  if (!planTexts.has(name)) {
    const response = await fetch(`/plans/${name}.json`);
    if (!response.ok) throw new Error(`plan ${name}: HTTP ${response.status}`);
    planTexts.set(name, await response.text());
  }
  return planTexts.get(name);
}

export function actionsOf(plan) {
  return (plan.themes ?? []).flatMap((theme) => theme.actions ?? []);
}

/** The text of a cell, trimmed, with runs of white space as one space. */
export function cellText(cell) {
  return (cell?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
