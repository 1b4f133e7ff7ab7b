/* Sharaka chat: DOM and API helpers shared by the chat modules.
   Every piece of data goes in through textContent or attributes, never parsed as markup. */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";

  function fill(node, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** An HTML element: el("a", {href: "/x", text: "label"}, ...children). */
  function el(tag, attrs, ...children) {
    return fill(document.createElement(tag), attrs, children);
  }

  /** An SVG element, same calling convention as el(). */
  function svg(tag, attrs, ...children) {
    return fill(document.createElementNS(SVG_NS, tag), attrs, children);
  }

  const chatRoot = () => document.getElementById("chat");

  /** The local resource page of a graph URI (https://w3id.org/sharaka/id/… → /id/…), or null. */
  function localPath(uri) {
    const root = chatRoot();
    const base = root ? root.dataset.idBase : "";
    if (!base || typeof uri !== "string" || !uri.startsWith(base)) return null;
    return "/id/" + uri.slice(base.length);
  }

  /** The last path segment of a URI (nation/PAK → PAK). */
  function lastSegment(uri) {
    return String(uri).replace(/[#/]+$/, "").split(/[/#]/).pop();
  }

  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

  /** A span for a name: Arabic script gets lang="ar" dir="rtl", anything else dir="auto". */
  function nameSpan(text) {
    const value = String(text);
    return ARABIC.test(value) && !/[A-Za-z]/.test(value)
      ? el("span", {lang: "ar", dir: "rtl", text: value})
      : el("span", {dir: "auto", text: value});
  }

  /** An error that carries an API problem (RFC 9457) or a network failure, readable for people. */
  class ApiError extends Error {
    constructor(message, problem) {
      super(message);
      this.name = "ApiError";
      this.problem = problem || null;
    }
  }

  /** GET a JSON resource from our own API; problem+json and network failures become ApiError. */
  async function getJSON(path, options) {
    let response;
    try {
      response = await fetch(path, Object.assign({headers: {Accept: "application/json"}}, options || {}));
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiError("Could not reach the Sharaka server. Check your connection and try again.");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok) {
      const detail = body && (body.detail || body.title);
      const message = detail ? String(detail) : "The server answered " + response.status + " " + response.statusText + ".";
      throw new ApiError(message, body || {status: response.status});
    }
    if (body === null) throw new ApiError("The server sent an answer that is not JSON.");
    return body;
  }

  window.SharakaChat = window.SharakaChat || {};
  Object.assign(window.SharakaChat, {el, svg, localPath, lastSegment, nameSpan, getJSON, ApiError});
})();
