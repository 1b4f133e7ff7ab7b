/* Sharaka chat: shareable answers. The address follows the current question (/?q=…, with history entries
   so back and forward move between questions), and every answer has a "Copy link" button. */
(function () {
  "use strict";
  const {el} = window.SharakaChat;

  const PAGE_TITLE = "Ask · Sharaka";  // chat.html's title without a question

  /** The chat page's address for a question (the API's answer carries the same one as `permalink`). */
  function addressOf(question) {
    const url = new URL("/", window.location.href);
    if (question) url.searchParams.set("q", question);
    return url.href;
  }

  /** The question in the address bar, or "" (/?q=… is how a shared answer arrives). */
  function questionInAddress() {
    return (new URLSearchParams(window.location.search).get("q") || "").trim();
  }

  function titleFor(question) {
    document.title = question ? `${question} · ${PAGE_TITLE}` : PAGE_TITLE;
  }

  /** Make the address show `question`: a new history entry, or the current one replaced
      (when the question came from the address itself, or is already there). */
  function showInAddress(question, replace) {
    const same = questionInAddress() === question;
    const state = {question};
    if (replace || same) window.history.replaceState(state, "", addressOf(question));
    else window.history.pushState(state, "", addressOf(question));
    titleFor(question);
  }

  /** Call `onQuestion(question)` when back/forward lands on another question ("" for the bare page). */
  function followAddress(onQuestion) {
    window.addEventListener("popstate", () => {
      const question = questionInAddress();
      titleFor(question);
      onQuestion(question);
    });
  }

  async function copyText(text) {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard here");
    await navigator.clipboard.writeText(text);
  }

  /** The "Copy link" control of an answer: the Clipboard API, or else the link shown selected in a field
      for the reader to copy themselves (an insecure origin, a browser without the API, a refusal). */
  function copyLinkControl(link) {
    const status = el("span", {class: "copy-status", role: "status"});
    const button = el("button", {type: "button", class: "link-button copy-link", text: "Copy link"});
    const wrap = el("p", {class: "share"}, button, " ", status);
    button.addEventListener("click", async () => {
      try {
        await copyText(link);
        status.textContent = "Link copied.";
      } catch (err) {
        let field = wrap.querySelector("input.permalink-field");
        if (!field) {
          field = el("input", {type: "text", class: "permalink-field", readonly: true, value: link, dir: "ltr",
                               "aria-label": "Link to this answer"});
          wrap.append(field);
        }
        status.textContent = "Copy the link from the field (Ctrl+C or ⌘C).";
        field.focus();
        field.select();
      }
    });
    return wrap;
  }

  Object.assign(window.SharakaChat, {addressOf, questionInAddress, showInAddress, followAddress, copyLinkControl,
                                     titleFor});
})();
