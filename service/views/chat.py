"""The chat page for people: `/` asks the answer API from the browser (static/js/chat*.js).

`/?q=…` is an answer's permalink: the page puts the question in the box and its script asks it."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from sharaka.kg.vocab import ID
from sharaka.service.state import state

chat = Blueprint("chat", __name__)


@chat.get("/")
def page() -> str:
    # Without JavaScript the form still sends the question to the API; the API says when it is too long.
    question = request.args.get("q", "").strip()
    # The page maps graph URIs to local resource pages; the base comes from the vocabulary, not the JS.
    return render_template("chat.html", id_base=str(ID), question=question,
                           max_question_length=state().settings.max_question_length)
