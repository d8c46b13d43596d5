from redress.reporting.presenters import localities_not_listed


def test_one_locality_not_listed_is_named_in_the_singular():
    assert localities_not_listed(["East"]) == (
        "'East' is not listed: no service area is in that locality, so a report for it would "
        "count nothing. Complaints that record their locality are counted by area in the whole "
        "authority's report."
    )


def test_several_are_quoted_since_a_name_may_hold_a_comma():
    why = localities_not_listed(["East", "North, West & Central"])
    assert why.startswith(
        "'East' and 'North, West & Central' are not listed: no service area is in those "
        "localities, so a report for one would count nothing."
    )


def test_none_needs_no_words():
    assert localities_not_listed([]) == ""
