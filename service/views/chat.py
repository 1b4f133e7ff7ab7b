"""The chat page for people: `/` asks the answer API from the browser (static/js/chat*.js)."""

from __future__ import annotations

from flask import Blueprint, render_template

from kg.vocab import ID
from service.state import state

chat = Blueprint("chat", __name__)


@chat.get("/")
def page() -> str:
    # The page maps graph URIs to local resource pages; the base comes from the vocabulary, not the JS.
    return render_template("chat.html", id_base=str(ID),
                           max_question_length=state().settings.max_question_length)
