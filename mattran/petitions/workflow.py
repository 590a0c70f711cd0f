"""The petition state machine as data: which step may start from which status, and the steps' names.

Read by the services (``services._common._transition`` refuses any other arrow) and by the views, which offer
only the steps the table allows (``allowed_actions``). State diagram: ``services/__init__.py``.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

from .models import Petition, PetitionStatus

# Which statuses each transition may start from: the whole state machine in one table.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "accept": (PetitionStatus.SUBMITTED, PetitionStatus.RETURNED),
    "reject": (PetitionStatus.SUBMITTED,),
    "redirect": (PetitionStatus.SUBMITTED, PetitionStatus.ACCEPTED),
    "forward": (PetitionStatus.ACCEPTED, PetitionStatus.REOPENED),
    "acknowledge": (PetitionStatus.FORWARDED,),
    "return": (PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS),
    "answer": (PetitionStatus.IN_PROGRESS,),
    "answer_accept": (PetitionStatus.ANSWERED,),
    "answer_send_back": (PetitionStatus.ANSWERED,),
    "inform": (PetitionStatus.ANSWER_ACCEPTED,),
    "close": (PetitionStatus.INFORMED,),
    "reopen": (PetitionStatus.INFORMED, PetitionStatus.CLOSED),
    "merge": (PetitionStatus.SUBMITTED, PetitionStatus.ACCEPTED, PetitionStatus.RETURNED),
    "rate": (PetitionStatus.INFORMED, PetitionStatus.CLOSED),
}

ACTION_LABELS = {
    "accept": gettext_lazy("tiếp nhận"),
    "reject": gettext_lazy("không tiếp nhận"),
    "redirect": gettext_lazy("hướng dẫn theo thủ tục khác"),
    "forward": gettext_lazy("chuyển cơ quan"),
    "acknowledge": gettext_lazy("xác nhận đã nhận"),
    "return": gettext_lazy("trả lại"),
    "answer": gettext_lazy("trả lời"),
    "answer_accept": gettext_lazy("chấp nhận trả lời"),
    "answer_send_back": gettext_lazy("đề nghị cơ quan trả lời bổ sung"),
    "inform": gettext_lazy("thông tin lại"),
    "close": pgettext_lazy("thao tác", "kết thúc"),
    "reopen": gettext_lazy("mở lại"),
    "merge": gettext_lazy("gộp"),
    "rate": gettext_lazy("đánh giá"),
}


def transition_allowed(petition: Petition, action: str) -> bool:
    return petition.status in TRANSITIONS[action]


def allowed_actions(petition: Petition) -> list[str]:
    return [action for action, sources in TRANSITIONS.items() if petition.status in sources]
