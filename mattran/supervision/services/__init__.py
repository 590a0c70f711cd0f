"""Every write of the supervision app, one function per workflow step (split by sub-domain)."""

from .activities import (  # noqa: F401
    activity_cancel,
    activity_create,
    activity_document_add,
    activity_finish,
    activity_notice_send,
    activity_publish,
    activity_self_report_receive,
    activity_session_add,
    activity_start,
    notice_period_warning,
    pdf_require,
    programme_agree,
    programme_create,
)
from .liaison import (  # noqa: F401
    LIAISON_ACTIONS,
    recommendation_liaison_can,
    recommendation_link_resend,
)
from .recommendations import (  # noqa: F401
    TRANSITIONS,
    escalation_target,
    recommendation_acknowledge,
    recommendation_can,
    recommendation_close,
    recommendation_draft,
    recommendation_escalate,
    recommendation_issue,
    recommendation_mark_implemented,
    recommendation_milestone_report,
    recommendation_record_not_accepted,
    recommendation_respond,
    recommendations_escalate_overdue,
)
