import datetime

import numpy as np
import polars as pl
import pytest
from govuk_bank_holidays.bank_holidays import BankHolidays
from hypothesis import given, settings
from hypothesis import strategies as st

from redress.procedures.calendar import WorkingCalendar

D = datetime.date.fromisoformat
CAL = WorkingCalendar()
dates = st.dates(min_value=D("2012-01-01"), max_value=D("2028-12-31"))
timescales = st.integers(min_value=0, max_value=80)


class TestBankHolidays:
    def test_agrees_with_the_govuk_feed_for_2012_to_2028(self):
        feed = BankHolidays(use_cached_holidays=True)
        official = {
            h["date"]
            for h in feed.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
            if 2012 <= h["date"].year <= 2028
        }
        ours = {d for d in CAL.bank_holidays if 2012 <= d.year <= 2028 and d.weekday() < 5}
        assert official, "the packaged GOV.UK feed should not be empty"
        covered = {d for d in ours if min(official) <= d <= max(official)}
        assert covered == official

    @pytest.mark.parametrize(
        ("day", "reason"),
        [
            ("2022-06-02", "Spring Bank Holiday"),
            ("2022-06-03", "Platinum Jubilee"),
            ("2022-09-19", "State Funeral"),
            ("2023-05-08", "Coronation"),
            ("2021-12-27", "Christmas Day (observed)"),
            ("2021-04-02", "Good Friday"),
        ],
    )
    def test_special_bank_holidays_are_not_working_days(self, day, reason):
        assert not CAL.is_working_day(D(day))
        assert reason in CAL.why_not_working(D(day))


class TestDueDate:
    def test_easter_2021(self):
        assert CAL.due_date(D("2021-04-01"), 10) == D("2021-04-19")

    def test_jubilee_weekend_2022(self):
        # Thu 2 and Fri 3 June 2022 were bank holidays.
        assert CAL.due_date(D("2022-06-01"), 1) == D("2022-06-06")

    def test_queens_funeral(self):
        assert CAL.due_date(D("2022-09-16"), 1) == D("2022-09-20")

    def test_weekend_receipt_starts_next_working_day(self):
        assert CAL.effective_start(D("2021-04-03")) == D("2021-04-06")  # Sat before Easter Monday
        assert CAL.due_date(D("2021-04-03"), 10) == CAL.due_date(D("2021-04-06"), 10)

    def test_extension_moves_the_deadline(self):
        assert CAL.due_date(D("2021-06-01"), 10) == D("2021-06-15")
        assert CAL.due_date(D("2021-06-01"), 20) == D("2021-06-29")

    def test_closure_days_are_skipped(self):
        cal = WorkingCalendar({D("2021-12-29"): "Christmas shutdown"})
        assert cal.due_date(D("2021-12-24"), 1) == D("2021-12-30")
        assert "Christmas shutdown" in cal.why_not_working(D("2021-12-29"))

    def test_explains_what_it_skipped(self):
        explanation = CAL.explain_due(D("2021-04-01"), 10)
        skipped = {s.date: s.reason for s in explanation.skipped}
        assert skipped[D("2021-04-02")] == "Good Friday (bank holiday)"
        assert skipped[D("2021-04-05")] == "Easter Monday (bank holiday)"
        assert skipped[D("2021-04-03")] == "Saturday"
        assert len(skipped) == 8  # Good Friday, Easter Monday and three weekends
        assert explanation.due == D("2021-04-19")


class TestWorkingDaysTaken:
    def test_monday_to_next_monday_is_five(self):
        assert CAL.working_days_taken(D("2021-06-07"), D("2021-06-14")) == 5

    def test_same_day_is_zero(self):
        assert CAL.working_days_taken(D("2021-06-07"), D("2021-06-07")) == 0

    def test_weekend_receipt_answered_on_monday_is_zero(self):
        assert CAL.working_days_taken(D("2021-06-05"), D("2021-06-07")) == 0

    def test_over_the_jubilee(self):
        assert CAL.working_days_taken(D("2022-05-30"), D("2022-06-06")) == 3


class TestInvariants:
    @given(dates, timescales)
    def test_due_date_is_a_working_day(self, received, n):
        assert CAL.is_working_day(CAL.due_date(received, n))

    @given(dates, timescales)
    def test_taken_to_the_due_date_is_the_timescale(self, received, n):
        assert CAL.working_days_taken(received, CAL.due_date(received, n)) == n

    @given(dates, timescales, timescales)
    def test_due_date_is_monotonic_in_days(self, received, a, b):
        lo, hi = sorted((a, b))
        assert CAL.due_date(received, lo) <= CAL.due_date(received, hi)

    @given(dates, dates, timescales)
    def test_due_date_is_monotonic_in_receipt(self, a, b, n):
        lo, hi = sorted((a, b))
        assert CAL.due_date(lo, n) <= CAL.due_date(hi, n)

    @given(dates, dates)
    def test_taken_never_negative_and_monotonic(self, received, responded):
        taken = CAL.working_days_taken(received, responded)
        assert taken >= 0
        assert CAL.working_days_taken(received, responded + datetime.timedelta(days=1)) >= taken

    @given(dates)
    def test_effective_start_is_a_working_day_within_a_fortnight(self, received):
        start = CAL.effective_start(received)
        assert CAL.is_working_day(start)
        assert received <= start <= received + datetime.timedelta(days=14)

    @given(dates, timescales)
    def test_in_time_exactly_up_to_the_due_date(self, received, n):
        due = CAL.due_date(received, n)
        assert CAL.working_days_taken(received, due) <= n
        next_day = CAL.add_working_days(due, 1)
        assert CAL.working_days_taken(received, next_day) == n + 1

    @settings(max_examples=30)
    @given(st.lists(st.tuples(dates, dates, timescales), min_size=1, max_size=40))
    def test_vectorised_forms_agree_with_scalar(self, rows):
        received = np.array([r[0] for r in rows], dtype="datetime64[D]")
        responded = np.array([r[1] for r in rows], dtype="datetime64[D]")
        days = np.array([r[2] for r in rows])
        frame = pl.DataFrame(
            {"received": [r[0] for r in rows], "responded": [r[1] for r in rows], "days": days}
        ).select(
            CAL.effective_start_expr(pl.col("received")).alias("start"),
            CAL.due_date_expr(pl.col("received"), pl.col("days")).alias("due"),
            CAL.working_days_taken_expr(pl.col("received"), pl.col("responded")).alias("taken"),
        )
        for i, (rec, resp, n) in enumerate(rows):
            assert CAL.effective_start_many(received)[i].item() == CAL.effective_start(rec)
            assert CAL.due_date_many(received, days)[i].item() == CAL.due_date(rec, n)
            assert CAL.working_days_taken_many(received, responded)[i] == CAL.working_days_taken(
                rec, resp
            )
            assert frame["start"][i] == CAL.effective_start(rec)
            assert frame["due"][i] == CAL.due_date(rec, n)
            assert frame["taken"][i] == CAL.working_days_taken(rec, resp)
