from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchKind(models.TextChoices):
    ARTICLE = "article", _("Tin bài")
    DOCUMENT = "document", _("Văn bản")
    PETITION_ANSWER = "petition_answer", _("Trả lời kiến nghị")
    DRAFT = "draft", _("Dự thảo lấy ý kiến phản biện")
    MEETING = "meeting", _("Hội nghị đối thoại, tiếp xúc cử tri")


class SearchEntry(models.Model):
    """One searchable public item (an article, a văn bản, a published petition answer), copied from the app that
    owns it.

    The search needs folded copies of the text (diacritics stripped, đ→d) on SQLite, one ranking that works the
    same on SQLite and PostgreSQL, and one place to filter by type, category, organisation and date across
    content types that live in different apps. The rows are derived data: providers (``search_indexes.py`` in
    each app) write them through ``search_entry_upsert``/``search_entry_delete`` and ``search_rebuild``
    recreates them all. The full-text index itself is created by migration 0002 (FTS5 on SQLite, a GIN index
    with the ``vi_unaccent`` configuration on PostgreSQL).
    """

    kind = models.CharField(_("loại"), max_length=32, choices=SearchKind.choices, db_index=True)
    # "<app_label>.<model>:<pk>" of the indexed object (see ``text.search_key``): stable across databases,
    # unlike content-type ids.
    key = models.CharField(_("khóa đối tượng"), max_length=200, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=500)
    # Derived copies written by the services (never edited): folded words padded with spaces (" giam sat "),
    # and the distinct lower-case words with their diacritics, used to rank exact-diacritic matches first.
    # The long columns come last, so SQLite ranks on the short ones without reading past the bodies.
    title_folded = models.TextField(editable=False, default="")
    exact_words = models.TextField(editable=False, default="")
    # A văn bản's số ký hiệu ("994-QĐ/TU") folded and compacted to "994qdtu": a query that is exactly the
    # reference ranks that entry first (see selectors). Empty for kinds without a reference.
    reference_folded = models.CharField(max_length=120, editable=False, default="", db_index=True)
    url = models.CharField(_("đường dẫn"), max_length=500)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(_("chuyên mục"), max_length=150, blank=True, db_index=True)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True, db_index=True)
    language = models.CharField(_("ngôn ngữ"), max_length=10, default="vi")
    indexed_at = models.DateTimeField(_("lập chỉ mục lúc"), auto_now=True)
    body = models.TextField(_("nội dung"), blank=True)
    body_folded = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title
