"""Reads of the criticism app: the officer's drafts (organisation subtree), the public lists and pages, the
points and outcomes per paragraph, and the comparison of two versions."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from mattran.accounts.permissions import organisation_filter

from .models import Comment, CommentStatus, Draft, DraftParagraph, DraftStatus, DraftVersion, ReplyKind
from .paragraphs import DiffRow, paragraphs_diff

S = DraftStatus


def draft_list_for(*, user) -> QuerySet:
    """The drafts of the committees in the user's reach (a ward officer: that ward only)."""
    return organisation_filter(Draft.objects.select_related("organisation", "drafting_body"), user=user)


PUBLIC_FILTERS = {
    "dang-lay-y-kien": (S.OPEN,),
    "da-ket-thuc-lay-y-kien": (S.REVIEWING, S.CONSOLIDATED, S.CLOSED),
}


def draft_list_public(*, state: str = "") -> QuerySet:
    queryset = Draft.objects.public().select_related("organisation", "drafting_body").annotate(
        accepted_count=Count("comments", filter=Q(comments__status=CommentStatus.ACCEPTED))
    )
    if state in PUBLIC_FILTERS:
        queryset = queryset.filter(status__in=PUBLIC_FILTERS[state])
    return queryset.order_by("-comments_open_on", "-id")


def draft_get_public(*, slug: str) -> Draft | None:
    return Draft.objects.public().select_related("organisation", "drafting_body", "commented_version").filter(
        slug=slug
    ).first()


def shown_version(draft: Draft) -> DraftVersion | None:
    """The version the public page shows paragraph by paragraph: the one that was open for comment."""
    return draft.commented_version or draft.versions.order_by("-number").first()


@dataclass
class ParagraphRow:
    paragraph: DraftParagraph
    points: list[Comment]  # accepted comments, each with its reply (or none yet)

    @property
    def count(self) -> int:
        return len(self.points)


def paragraph_rows_public(*, draft: Draft) -> list[ParagraphRow]:
    """Each paragraph of the shown version with its accepted comments and their replies. Only accepted
    comments count here; pending and rejected ones are never public."""
    version = shown_version(draft)
    if version is None:
        return []
    accepted = Comment.objects.filter(status=CommentStatus.ACCEPTED).select_related("reply").order_by(
        "submitted_at", "id"
    )
    paragraphs = version.paragraphs.order_by("number").prefetch_related(
        Prefetch("comments", queryset=accepted, to_attr="points")
    )
    return [ParagraphRow(p, p.points) for p in paragraphs]


def outcome_counts(*, rows: list[ParagraphRow]) -> dict:
    """How the drafting body answered the accepted points: per reply kind, and those not answered yet."""
    counts = dict.fromkeys(ReplyKind.values, 0)
    counts["unanswered"] = 0
    for row in rows:
        for point in row.points:
            reply = getattr(point, "reply", None)  # a missing reverse one-to-one raises an AttributeError
            counts[reply.kind if reply else "unanswered"] += 1
    counts["total"] = sum(row.count for row in rows)
    return counts


def version_pair(*, draft: Draft, old_number, new_number) -> tuple[DraftVersion, DraftVersion] | None:
    versions = {v.number: v for v in draft.versions.all()}
    old, new = versions.get(old_number), versions.get(new_number)
    if old is None or new is None or old.pk == new.pk:
        return None
    return old, new


def versions_diff(*, old: DraftVersion, new: DraftVersion) -> list[DiffRow]:
    def numbered(version):
        return list(version.paragraphs.order_by("number").values_list("number", "text"))

    return paragraphs_diff(numbered(old), numbered(new))


def comment_list_for_moderation(*, draft: Draft) -> QuerySet:
    """Every comment of the draft for the officer, pending first, then by paragraph."""
    return (
        draft.comments.select_related("paragraph", "reply")
        .annotate(pending_first=Count("pk", filter=~Q(status=CommentStatus.PENDING)))
        .order_by("pending_first", "paragraph__number", "submitted_at", "id")
    )


def points_for_reply(*, draft: Draft) -> QuerySet:
    """The accepted points the drafting body answers, by paragraph."""
    return (
        draft.comments.filter(status=CommentStatus.ACCEPTED)
        .select_related("paragraph", "reply")
        .order_by("paragraph__number", "submitted_at", "id")
    )
