from mattran.criticism.paragraphs import paragraphs_diff, paragraphs_split


def test_blank_lines_separate_paragraphs_and_inner_whitespace_is_normalised():
    assert paragraphs_split("Một  hai\nba.\r\n\r\n  Bốn.\n\n\n") == ["Một hai ba.", "Bốn."]


def test_text_without_blank_lines_has_one_paragraph_per_line():
    assert paragraphs_split("Điều 1.\nĐiều 2.") == ["Điều 1.", "Điều 2."]


def test_empty_or_whitespace_text_has_no_paragraph():
    assert paragraphs_split("  \n\x00 \n") == []


def test_diff_marks_changed_words_and_added_and_removed_paragraphs():
    old = [(1, "Giờ thu gom từ 17 giờ."), (2, "Phí 30.000 đồng."), (3, "Bỏ đi.")]
    new = [(1, "Giờ thu gom từ 18 giờ."), (2, "Phí 30.000 đồng."), (3, "Điều mới.")]
    rows = paragraphs_diff(old, new)
    changes = [r.change for r in rows]
    assert changes[0] == "changed" and "same" in changes
    assert "<del>17</del><ins>18</ins>" in rows[0].html
    assert any(r.change in ("changed", "added") and "mới." in r.html for r in rows)


def test_diff_escapes_the_draft_text():
    rows = paragraphs_diff([(1, "<b>a</b>")], [(1, "<script>x</script>")])
    assert "<script>" not in "".join(r.html for r in rows)
    assert "&lt;script&gt;" in "".join(r.html for r in rows)


def test_diff_of_only_added_paragraphs():
    rows = paragraphs_diff([(1, "A.")], [(1, "A."), (2, "B.")])
    assert [r.change for r in rows] == ["same", "added"] and rows[1].new_number == 2
