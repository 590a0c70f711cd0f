import datetime

from mattran.petitions.deadlines import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_tet_2026_days_are_not_working_days():
    # Lunar New Year 2026: 16–20 February (Monday to Friday).
    for day in range(16, 21):
        assert not is_working_day(D(2026, 2, day))
    assert is_working_day(D(2026, 2, 23))


def test_ten_working_days_across_tet_2026():
    # Received Friday 13 Feb 2026: Tết week and weekends skipped → 10th working day is Friday 6 March.
    assert add_working_days(D(2026, 2, 13), 10) == D(2026, 3, 6)


def test_tet_2027_and_fifteen_working_days():
    assert not is_working_day(D(2027, 2, 8))
    # From Wednesday 3 Feb 2027: holidays 4–10 Feb (4, 5, 8, 9, 10 are weekdays) → 15 working days end 3 March.
    assert add_working_days(D(2027, 2, 3), 15) == D(2027, 3, 3)


def test_weekend_and_national_day_skipped():
    assert add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)  # 31/8, 1–2/9 are days off in 2026


def test_working_days_between_counts_both_directions():
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 6)) == 4
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 2)) == -4
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0


def test_make_up_saturday_2026_08_22_is_a_working_day():
    # Decided by the government as the working day swapped for Monday 31 August 2026.
    assert is_working_day(D(2026, 8, 22))
    assert is_working_day(D(2025, 4, 26))
    assert is_working_day(D(2024, 5, 4))


def test_five_working_days_from_2026_08_20_counts_the_make_up_saturday():
    # 21 (Fri), 22 (make-up Sat), 24, 25, 26 → due on Wednesday 26 August, not the 27th.
    assert add_working_days(D(2026, 8, 20), 5) == D(2026, 8, 26)
    assert working_days_between(D(2026, 8, 20), D(2026, 8, 26)) == 5


def test_zero_working_days_is_the_start_day():
    assert add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)
