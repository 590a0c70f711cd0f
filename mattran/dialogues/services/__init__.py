"""Every write of the dialogues app, one function per workflow step (split by sub-domain)."""

from ._common import STEPS, meeting_can  # noqa: F401
from .commitments import commitment_record  # noqa: F401
from .consolidation import (  # noqa: F401
    consolidation_run,
    council_session_create,
    group_answer_record,
    group_confirm,
    group_split,
    session_opinions,
)
from .meetings import (  # noqa: F401
    meeting_article_link,
    meeting_cancel,
    meeting_close,
    meeting_hold,
    meeting_minutes_record,
    meeting_photo_add,
    meeting_plan,
    meeting_update,
)
from .opinions import (  # noqa: F401
    opinion_forward,
    opinion_record,
    opinions_forward_open,
    question_answer_on_the_spot,
    question_submit,
)
