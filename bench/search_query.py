"""Search speed on a generated index: median and 95th-percentile time of `search_query` + count + first page of
hits + facet counts (what /tim-kiem/ does), wall clock and this process's CPU time (on PostgreSQL the server's CPU
is not in it).

    .venv/bin/python bench/search_query.py [ENTRIES]                       # SQLite (in memory)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mattran_bench .venv/bin/python bench/search_query.py

Creates a throw-away test database (test_<name>), indexes ENTRIES (default 10000) generated articles of about
300 Vietnamese words through `search_entry_upsert`, then times a fixed set of queries (20 runs each).
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

WORDS = (
    "mặt trận tổ quốc việt nam ủy ban phường xã quận thành phố nhân dân giám sát phản biện xã hội đầu tư cộng đồng "
    "hội nghị đại biểu đoàn kết dân chủ pháp luật an sinh chính sách người nghèo nhà đại đoàn kết khu dân cư "
    "công trình đường hẻm chiếu sáng môi trường đất đai kiến nghị trả lời tiếp xúc cử tri thanh niên phụ nữ "
    "cựu chiến binh nông dân công đoàn tôn giáo dân tộc văn hóa giáo dục y tế bảo hiểm việc làm tô tổ tố tộ"
).split()
FIRST_DAY = datetime.datetime(2020, 1, 1, 1, tzinfo=datetime.UTC)
QUERIES = [
    "giam sat",
    "giám sát đầu tư",
    "dau tu cong dong",
    "tổ",
    "to quoc",
    "nha dai doan ket",
    "khong co tu nay",
]


def main(n: int) -> None:
    from mattran.search.selectors import search_query
    from mattran.search.services import search_entry_upsert

    rng = random.Random(42)
    start = time.perf_counter()
    for i in range(n):
        search_entry_upsert(
            kind="article",
            key=f"bench.item:{i}",
            title=" ".join(rng.choices(WORDS, k=12)).capitalize(),
            body=" ".join(rng.choices(WORDS, k=300)),
            url=f"/tin-tuc/{i}/",
            # dated, as every real entry is (an article's first publication, a văn bản's issue date): the newest
            # matches are then found by walking the date index
            published_at=FIRST_DAY + datetime.timedelta(minutes=20 * i),
        )
    print(f"{connection.vendor}: indexed {n} entries in {time.perf_counter() - start:.1f}s")
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    for query in QUERIES:
        times, cpu = [], []
        for _ in range(20):
            t, c = time.perf_counter(), time.process_time()
            found = search_query(text=query)  # what the results page does: count, first page, facet counts
            total = found.count()
            list(found[:10])
            found.kind_counts()
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)  # SQLite runs in this process: its CPU is counted
        times.sort()
        cpu.sort()
        more = "+" if found.truncated else " "
        print(
            f"  {query!r:24} {total:6}{more}hits  median {statistics.median(times):7.1f} ms  p95 {times[18]:7.1f} ms"
            f"  CPU median {statistics.median(cpu):6.1f} ms  p95 {cpu[18]:6.1f} ms"
        )


if __name__ == "__main__":
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        main(entries)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
