"""Names out of quoted text for a published report."""

from redress.reporting.document.redact import redact


def test_a_full_name_and_each_part_of_it_are_removed():
    text = "Joel went above and beyond. Thank you, Joel Davison! Mr Davison was kind."
    assert redact(text, ["Joel Davison"]) == (
        "[name] went above and beyond. Thank you, [name]! Mr [name] was kind."
    )


def test_possessives_and_nicknames_in_brackets():
    text = "Teri's support for G has been amazing, and Ellen Connolly kept us safe."
    assert redact(text, ["Ellen (Teri) Connolly"]) == (
        "[name]'s support for G has been amazing, and [name] kept us safe."
    )


def test_only_whole_words_and_names_as_written():
    # "Will" the name is removed; the verb "will" and "Willow" are not.
    text = "Will said he will call from Willow House."
    assert redact(text, ["Will Hughes"]) == "[name] said he will call from Willow House."


def test_several_people_and_titles():
    text = "Mrs Jamie Smith asked Priya Patel to help; Dr Smith agreed."
    assert redact(text, ["Jamie Smith", "Priya Patel"]) == (
        "Mrs [name] asked [name] to help; Dr [name] agreed."
    )


def test_nothing_to_remove():
    assert redact("Thank you for everything.", []) == "Thank you for everything."
    assert redact("Thank you for everything.", ["", "  "]) == "Thank you for everything."


def test_initials_alone_are_not_names():
    # A single letter matches too much ("I", "A"): the rest of the name goes.
    assert redact("J Smith helped. A visit from Smith.", ["J Smith"]) == (
        "[name] helped. A visit from [name]."
    )
