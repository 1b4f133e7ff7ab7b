/* Sharaka chat page: asks /api/v1/answer, keeps the conversation in sessionStorage. */
(function () {
  "use strict";
  const S = window.SharakaChat;
  const {el, getJSON, ApiError} = S;

  const STORAGE_KEY = "sharaka.chat.history.v1";
  const MAX_ENTRIES = 40;
  const EXAMPLES_SHOWN = 6;
  // Question types shown first among the examples; the others follow in the API's order.
  const FIRST_EXAMPLE_TYPES = ["partners", "parties", "agreements", "members", "summary", "nations"];

  const history = document.getElementById("history");
  const form = document.getElementById("ask-form");
  const input = document.getElementById("question");
  const examples = document.getElementById("examples");
  const exampleList = document.getElementById("example-list");
  const moreExamples = document.getElementById("more-examples");
  const completion = S.attachAutocomplete(input, document.getElementById("name-options"),
                                          document.getElementById("name-status"));
  let entries = [];
  let waiting = false;

  // --- the conversation, kept for this tab -------------------------------------------------

  function loadEntries() {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(saved) ? saved.filter(e => e && typeof e.question === "string") : [];
    } catch (err) {
      return [];
    }
  }

  function saveEntries() {
    let kept = entries.slice(-MAX_ENTRIES);
    while (kept.length) {
      try {
        window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
        return;
      } catch (err) {
        kept = kept.slice(1);  // storage full: the oldest exchanges go first
      }
    }
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (err) {
      /* storage unavailable: the conversation lasts as long as the page */
    }
  }

  function storable(answer) {
    const copy = Object.assign({}, answer);
    delete copy.explanation;  // the trace is for programs; the page never shows it
    return copy;
  }

  function bubbleOf(entry) {
    if (entry.answer) return S.answerBubble(entry.answer, question => ask(question));
    return S.errorBubble(new ApiError(entry.error ? entry.error.message : "Unknown error",
                                      entry.error ? entry.error.problem : null));
  }

  function exchange(entry) {
    return el("div", {class: "exchange", "data-question": entry.question},
              S.questionBubble(entry.question), bubbleOf(entry));
  }

  function scrollTo(node) {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    node.scrollIntoView({block: "start", behavior: smooth ? "smooth" : "auto"});
  }

  // --- asking ------------------------------------------------------------------------------

  /** Ask `question`; `fromAddress`: it came from the address bar (a shared link, back/forward), so the
      address is not given a new history entry. */
  async function ask(question, fromAddress) {
    const text = String(question || "").trim();
    if (waiting) return;
    completion.cancel();
    if (!text) {
      input.focus();
      return;
    }
    waiting = true;
    form.setAttribute("aria-busy", "true");
    examples.open = false;
    S.showInAddress(text, Boolean(fromAddress));
    const pending = el("article", {class: "bubble answer pending", "aria-label": "Waiting for the answer"},
                       el("p", {text: "Looking for an answer…"}));
    const block = el("div", {class: "exchange", "data-question": text}, S.questionBubble(text), pending);
    history.append(block);
    scrollTo(block);
    input.value = "";
    let entry;
    try {
      const answer = await getJSON("/api/v1/answer", {
        method: "POST",
        headers: {"Content-Type": "application/json", Accept: "application/json"},
        body: JSON.stringify({question: text}),
      });
      entry = {question: text, answer: storable(answer)};
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      const message = err instanceof ApiError ? err.message : "Something went wrong: " + err;
      entry = {question: text, error: {message, problem}};
    }
    pending.replaceWith(bubbleOf(entry));
    entries.push(entry);
    saveEntries();
    waiting = false;
    form.removeAttribute("aria-busy");
    input.focus({preventScroll: true});
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    ask(input.value);
  });

  document.getElementById("clear").addEventListener("click", () => {
    entries = [];
    saveEntries();
    history.replaceChildren();
    examples.open = true;
    input.value = "";
    S.showInAddress("", true);
    input.focus();
  });

  // --- the address: /?q=… asks, back and forward return to earlier questions ----------------------

  /** The latest exchange about `question` in the conversation, or null. */
  function exchangeAbout(question) {
    const found = [...history.querySelectorAll(".exchange")].filter(x => x.dataset.question === question);
    return found.length ? found[found.length - 1] : null;
  }

  /** Show the exchange about `question` (asking it if the conversation does not have it). */
  function goTo(question) {
    if (!question) {
      window.scrollTo({top: 0});
      input.focus({preventScroll: true});
      return;
    }
    const block = exchangeAbout(question);
    if (!block) {
      ask(question, true);
      return;
    }
    scrollTo(block);
    const answer = block.querySelector(".bubble.answer");
    if (answer) answer.focus({preventScroll: true});
  }

  S.followAddress(goTo);

  // --- example questions -------------------------------------------------------------------

  let exampleQuestions = [];
  let exampleOffset = 0;

  function showExamples() {
    const shown = [];
    for (let i = 0; i < Math.min(EXAMPLES_SHOWN, exampleQuestions.length); i++) {
      shown.push(exampleQuestions[(exampleOffset + i) % exampleQuestions.length]);
    }
    exampleList.replaceChildren(...shown.map(q => el("li", {},
      el("button", {type: "button", class: "suggestion example", dir: "auto", text: q,
                    on: {click: () => ask(q)}}))));
    moreExamples.hidden = exampleQuestions.length <= EXAMPLES_SHOWN;
  }

  async function loadExamples() {
    try {
      const body = await getJSON("/api/v1/questions");
      const types = (body.question_types || []).filter(t => (t.examples || []).length);
      const rank = t => {
        const i = FIRST_EXAMPLE_TYPES.indexOf(t.id);
        return i < 0 ? FIRST_EXAMPLE_TYPES.length : i;
      };
      types.sort((a, b) => rank(a) - rank(b));
      // One example per question type first, then the second example of each, and so on.
      const rounds = Math.max(...types.map(t => t.examples.length));
      for (let r = 0; r < rounds; r++) {
        types.forEach(t => { if (t.examples[r]) exampleQuestions.push(t.examples[r]); });
      }
      showExamples();
    } catch (err) {
      exampleList.replaceChildren(el("li", {class: "notice", text: "Example questions could not be loaded: " + err.message}));
    }
  }

  moreExamples.addEventListener("click", () => {
    exampleOffset = (exampleOffset + EXAMPLES_SHOWN) % Math.max(exampleQuestions.length, 1);
    showExamples();
    const first = exampleList.querySelector("button");
    if (first) first.focus();
  });

  // --- start ---------------------------------------------------------------------------------

  entries = loadEntries();
  if (entries.length) {
    examples.open = false;
    history.append(...entries.map(exchange));
  }
  const shared = S.questionInAddress();
  if (shared) {
    input.value = "";  // the server put it in the box for a browser without JavaScript
    // A reload of /?q=… shows the answer already in the conversation instead of asking again.
    const last = entries[entries.length - 1];
    if (last && last.question === shared) {
      S.showInAddress(shared, true);
      goTo(shared);
    } else {
      ask(shared, true);
    }
  }
  loadExamples();
  document.documentElement.classList.add("chat-ready");
})();
