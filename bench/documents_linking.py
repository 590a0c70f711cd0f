"""How long recognising and linking document mentions takes on the seed article (plus a mention-free fragment).

Run: DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python bench/documents_linking.py
(needs `manage.py load_demo` for the register entries; prints milliseconds per call).
"""

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from mattran.core.testing import SEED_ARTICLE  # noqa: E402  (../shared/seed next to the checkout)
from mattran.documents.linking import link_references_in_html  # noqa: E402
from mattran.documents.references import find_references  # noqa: E402

SEED = Path(os.environ.get("SEED", str(SEED_ARTICLE)))


def main(number: int = 200) -> None:
    text = SEED.read_text(encoding="utf-8")
    html = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    plain = "<p>" + "Không có văn bản nào được nhắc. " * 200 + "</p>"
    links = link_references_in_html(html).count('class="document-ref"')
    for label, call in [
        ("find_references(seed text)", lambda: find_references(text)),
        (f"link_references_in_html(seed html, {links} links)", lambda: link_references_in_html(html)),
        ("link_references_in_html(6 KB, no mention)", lambda: link_references_in_html(plain)),
    ]:
        print(f"{label}: {timeit.timeit(call, number=number) / number * 1000:.2f} ms")


if __name__ == "__main__":
    main()
