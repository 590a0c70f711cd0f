"""Recording opinions in the room (/quan-tri/doi-thoai/<pk>/ghi-y-kien/): one screen, keyboard only. The small
script ``dialogues/record.js`` posts each entry with fetch and gets back JSON with the new row's HTML and the
counts, so the page never reloads; entries that could not be sent are kept in the browser and sent again (the
one-time ``client_key`` makes a repeat harmless). Without the script the same form posts normally and the
screen comes back (post/redirect/get)."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from mattran.core.forms import add_validation_errors, form_service_run

from .. import selectors, services
from ..forms import OpinionForm, QuestionAnswerForm
from ._scope import meeting_for


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _counts_dict(counts) -> dict:
    return {"total": counts.total, "on_the_spot": counts.on_the_spot, "forwarded": counts.forwarded,
            "answered_later": counts.answered_later, "overdue": counts.overdue, "waiting": counts.waiting}


def _fresh_form():
    return OpinionForm(initial={"client_key": secrets.token_urlsafe(12)})


def record_view(request, pk: int):
    meeting = meeting_for(request, pk)
    form, status = None, 200
    if request.method == "POST":
        form = OpinionForm(request.POST)
        if not services.meeting_can(meeting, "record"):
            form.add_error(None, _("Hội nghị này không còn ghi ý kiến."))
        elif form.is_valid():
            try:
                opinion = services.opinion_record(meeting=meeting, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                if _wants_json(request):
                    row = render_to_string("dialogues/admin/_opinion_row.html", {"o": opinion}, request=request)
                    return JsonResponse({
                        "ok": True, "number": opinion.number, "duplicate": opinion.was_duplicate, "row": row,
                        "counts": _counts_dict(selectors.opinion_counts(meeting=meeting)),
                        "client_key": secrets.token_urlsafe(12),
                    }, status=200 if opinion.was_duplicate else 201)
                messages.success(request, _("Đã lưu ý kiến số %(n)s.") % {"n": opinion.number})
                return HttpResponseRedirect(reverse("dialogues_admin:record", args=[meeting.pk]))
        status = 400
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": {k: [str(m) for m in v] for k, v in form.errors.items()}},
                                status=400)
    return render(request, "dialogues/admin/record.html", {
        "meeting": meeting,
        "form": form or _fresh_form(),
        "opinions": meeting.opinions.select_related("petition").order_by("-number"),
        "counts": selectors.opinion_counts(meeting=meeting),
        "can_record": services.meeting_can(meeting, "record"),
    }, status=status)


def _questions_page(request, meeting, bound=None, status=200):
    can_answer = services.meeting_can(meeting, "record")
    rows = [(q, (bound or {}).get(q.pk) or QuestionAnswerForm(prefix=f"q{q.pk}"))
            for q in selectors.questions_in_advance(meeting=meeting)]
    return render(request, "dialogues/admin/questions.html", {
        "meeting": meeting, "rows": rows, "can_answer": can_answer,
        "counts": selectors.opinion_counts(meeting=meeting),
    }, status=status)


def questions_view(request, pk: int):
    """The questions sent in advance, as the hosts read them before and at the meeting (printable: the forms and
    the admin chrome drop out on paper). The questioners' contact details are not on it; their neighbourhood is."""
    return _questions_page(request, meeting_for(request, pk))


def question_answer_view(request, pk: int, opinion_pk: int):
    meeting = meeting_for(request, pk)
    if request.method != "POST":
        return HttpResponseRedirect(reverse("dialogues_admin:questions", args=[meeting.pk]))
    question = get_object_or_404(selectors.questions_in_advance(meeting=meeting), pk=opinion_pk)
    form = QuestionAnswerForm(request.POST, prefix=f"q{question.pk}")
    done, _result = form_service_run(form, lambda data: services.question_answer_on_the_spot(
        opinion=question, actor=request.user, **data))
    if done:
        messages.success(request, _("Đã ghi trả lời câu hỏi số %(n)s.") % {"n": question.number})
        return HttpResponseRedirect(reverse("dialogues_admin:questions", args=[meeting.pk]) + f"#q{question.pk}")
    return _questions_page(request, meeting, bound={question.pk: form}, status=400)
