/* Sharaka chat: completion of nation, organization and agreement names in the question box
   (ARIA 1.2 combobox with a listbox popup: arrows move, Enter/Tab accept, Escape closes). */
(function () {
  "use strict";
  const {el, nameSpan, getJSON} = window.SharakaChat;

  const DEBOUNCE_MS = 180;
  const MAX_WORDS = 3;       // "united arab e" is a name being typed, not just "e"
  const MIN_CHARS = 2;
  // Question words that start no name worth offering on their own.
  const STOP_WORDS = new Set(["a", "an", "and", "are", "as", "at", "by", "did", "do", "does", "for", "from",
    "has", "have", "how", "in", "is", "it", "its", "many", "much", "of", "on", "or", "signed", "since",
    "the", "to", "was", "were", "what", "when", "which", "who", "whom", "with"]);
  const TYPE_WORDS = {nation: "nation", organization: "organization", agreement: "agreement"};

  /** The words just before the caret: [{start, text}] for the last MAX_WORDS of them. */
  function typedTail(value, caret) {
    const before = value.slice(0, caret);
    if (!before || /\s$/.test(before)) return [];
    const words = [];
    const pattern = /\S+/g;
    let match;
    while ((match = pattern.exec(before)) !== null) words.push({start: match.index, text: match[0]});
    return words.slice(-MAX_WORDS);
  }

  function attach(input, listbox, status) {
    let timer = null;
    let generation = 0;
    let options = [];   // [{item, start}] shown in the listbox
    let active = -1;
    let replaceFrom = 0;
    const cache = new Map();

    async function lookup(prefix) {
      if (cache.has(prefix)) return cache.get(prefix);
      const body = await getJSON("/api/v1/entities?limit=8&prefix=" + encodeURIComponent(prefix));
      cache.set(prefix, body.items || []);
      return body.items || [];
    }

    function isOpen() {
      return !listbox.hidden;
    }

    function close() {
      listbox.hidden = true;
      listbox.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      options = [];
      active = -1;
    }

    function setActive(index) {
      active = index;
      [...listbox.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      if (index >= 0) {
        const li = listbox.children[index];
        input.setAttribute("aria-activedescendant", li.id);
        li.scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(items, start) {
      replaceFrom = start;
      options = items;
      active = -1;
      listbox.replaceChildren(...items.map((item, i) => el("li", {
        id: "name-option-" + i, role: "option", "aria-selected": "false", class: "name-option",
        on: {
          mousedown: event => event.preventDefault(),  // keep the focus in the input
          click: () => accept(i),
        }},
        nameSpan(item.label),
        el("span", {class: "option-type", text: [TYPE_WORDS[item.type] || item.type, item.iso3].filter(Boolean).join(" · ")}))));
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = `${items.length} ${items.length === 1 ? "name" : "names"} found; arrow down to choose.`;
    }

    function accept(index) {
      const item = options[index];
      if (!item) return;
      const value = input.value;
      const caret = input.selectionStart ?? value.length;
      const after = value.slice(caret);
      const head = value.slice(0, replaceFrom) + item.label;
      const glue = after === "" ? " " : after.startsWith(" ") ? "" : " ";
      input.value = head + glue + after;
      const position = head.length + glue.length;
      input.setSelectionRange(position, position);
      close();
      status.textContent = item.label + " inserted.";
      input.focus();
    }

    async function suggest() {
      const mine = ++generation;
      const tail = typedTail(input.value, input.selectionStart ?? input.value.length);
      const last = tail[tail.length - 1];
      if (!last || last.text.length < MIN_CHARS) {
        close();
        return;
      }
      // The longest run of typed words that starts a name wins: "united arab e" before "e".
      for (let n = tail.length; n >= 1; n--) {
        const words = tail.slice(tail.length - n);
        if (n === 1 && STOP_WORDS.has(words[0].text.toLowerCase())) break;
        const prefix = input.value.slice(words[0].start, last.start + last.text.length);
        let items;
        try {
          items = await lookup(prefix);
        } catch (err) {
          close();  // completion is a help, never a blocker: the question can still be sent
          return;
        }
        if (mine !== generation) return;
        if (items.length) {
          open(items, words[0].start);
          return;
        }
      }
      if (mine === generation) close();
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", event => {
      if (event.isComposing) return;
      switch (event.key) {
        case "ArrowDown":
          if (isOpen()) {
            event.preventDefault();
            setActive(active + 1 >= options.length ? 0 : active + 1);
          }
          break;
        case "ArrowUp":
          if (isOpen()) {
            event.preventDefault();
            setActive(active <= 0 ? options.length - 1 : active - 1);
          }
          break;
        case "Enter":
        case "Tab":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            accept(active);
          } else if (isOpen()) {
            close();
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
            status.textContent = "";
          }
          break;
        default:
          break;
      }
    });

    /** Forget pending look-ups and close the list (on blur, and when the question is sent). */
    function cancel() {
      clearTimeout(timer);
      generation++;
      close();
    }

    input.addEventListener("blur", cancel);

    return {cancel, isOpen};
  }

  Object.assign(window.SharakaChat, {attachAutocomplete: attach, typedTail});
})();
