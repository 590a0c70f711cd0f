"""Every write to petitions: intake and one service per workflow step (DESIGN.md §3.2), split by sub-domain.

Each service is keyword-only, takes ``actor`` (a staff ``User``, or a text label for citizens, liaison links and
API clients), validates, runs in one transaction, appends a timeline entry and writes an audit row. The submitter
is told of every change to their petition after the transaction commits (``notifications``). Every status change
goes through ``_common._transition``; the arrows are the table ``workflow.TRANSITIONS``.

State machine::

    submitted → accepted | rejected | redirected
    accepted  → forwarded            (also from returned via accept, and from reopened)
    forwarded → in_progress | returned
    in_progress → answered | returned
    answered → answer_accepted | in_progress (sent back)        (the Front's review: ``review.py``)
    answer_accepted → informed → closed | reopened → forwarded

Modules: ``intake`` (submit from any channel, XLSX import), ``transitions`` (the Front's and the body's steps),
``review`` (the answer, its review, informing back), ``on_the_spot`` (an answer given at a meeting),
``confidentiality`` (confidential petitions, audited reads of personal data), ``reminders`` (the daily deadline
pass), ``triage`` (notes, chasing, assignment). Import them from here: ``services.petition_forward(...)``.
"""

from .confidentiality import (
    petition_confidential_readers_refresh,
    petition_confidential_set,
    petition_personal_data_view,
)
from .intake import petition_import_xlsx, petition_submit
from .on_the_spot import petition_answer_on_the_spot
from .reminders import petition_liaison_link_resend, petition_remind, petitions_daily_run
from .review import answer_accept, answer_send_back, petition_answer, petition_inform
from .transitions import (
    petition_accept,
    petition_acknowledge,
    petition_close,
    petition_forward,
    petition_merge,
    petition_rate,
    petition_redirect,
    petition_reject,
    petition_reopen,
    petition_return,
)
from .triage import petition_assign, petition_chase, petition_note_add

__all__ = [
    "answer_accept",
    "answer_send_back",
    "petition_accept",
    "petition_acknowledge",
    "petition_answer",
    "petition_answer_on_the_spot",
    "petition_assign",
    "petition_chase",
    "petition_close",
    "petition_confidential_readers_refresh",
    "petition_confidential_set",
    "petition_forward",
    "petition_import_xlsx",
    "petition_inform",
    "petition_liaison_link_resend",
    "petition_merge",
    "petition_note_add",
    "petition_personal_data_view",
    "petition_rate",
    "petition_redirect",
    "petition_reject",
    "petition_remind",
    "petition_reopen",
    "petition_return",
    "petition_submit",
    "petitions_daily_run",
]
