"""Every write of the criticism app, one function per workflow step (split by sub-domain)."""

from ._common import DRAFT_TRANSITIONS, STEPS, draft_can  # noqa: F401
from .comments import (  # noqa: F401
    COMMENT_TRANSITIONS,
    comment_accept,
    comment_can,
    comment_contact_read,
    comment_reject,
    comment_submit,
    invitation_create,
    invitation_revoke,
)
from .drafts import (  # noqa: F401
    draft_close,
    draft_comment_period_close,
    draft_comment_period_open,
    draft_consolidate,
    draft_create,
    draft_public_comments_set,
    draft_reply_link_resend,
    draft_version_add,
    drafts_close_expired,
)
from .replies import draft_reply_record  # noqa: F401
