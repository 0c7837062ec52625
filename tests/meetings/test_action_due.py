"""An action's due date from its timing, by the deadline engine: the last day it names."""

import datetime as dt

import pytest

from meetings import deadlines


@pytest.mark.parametrize(
    ("timing", "due"),
    [
        ("August 2022", dt.date(2022, 8, 31)),
        ("August/Sept 2022", dt.date(2022, 9, 30)),
        ("By Sept. 2024", dt.date(2024, 9, 30)),
        ("February 2024", dt.date(2024, 2, 29)),
        ("27 June 2022", dt.date(2022, 6, 27)),
        ("June 4th, 2019", dt.date(2019, 6, 4)),
        ("27/06/2022", dt.date(2022, 6, 27)),
        ("Between 1 May 2023 and 14 July 2023", dt.date(2023, 7, 14)),
        ("Completed", None),
        ("Spring 2023", None),
        ("Mayor to respond in 2023", None),
        ("", None),
    ],
)
def test_the_due_date_is_the_last_day_the_timing_names(timing, due):
    deadline = deadlines.action_due(timing)
    assert (deadline.due if deadline else None) == due


def test_the_due_date_explains_itself():
    deadline = deadlines.action_due(" August/Sept 2022 ")
    assert deadline.explain() == (
        "The last day of the timing “August/Sept 2022”: due 30 September 2022"
    )
    assert str(deadline) == "30 September 2022"
