import datetime

import pytest

from redress.procedures import rules


def all_rules():
    found, todo = [], [rules.RuleViolation]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.__name__)
def test_every_rule_reads_as_a_sentence(rule):
    error = rule(**dict.fromkeys(rule.placeholders(), "X"))
    assert error.message == str(error)
    assert "{" not in error.message
    assert "\n" not in error.message
    assert error.message[0].isupper() or error.message[0] in "'X"
    assert error.message.endswith(".")


def test_codes_are_the_class_names_in_snake_case():
    assert rules.ExtensionBeyondMaximum.code == "extension_beyond_maximum"
    assert rules.IndependentPersonOnPanel.code == "independent_person_on_panel"
    assert len({r.code for r in all_rules()}) == len(all_rules())


def test_the_message_is_the_docstring_filled_in():
    error = rules.ExtensionBeyondMaximum(stage=1, max_days=20)
    assert error.message == "Stage 1 cannot be extended beyond 20 working days."
    assert error.context == {"stage": 1, "max_days": 20}
    assert error.field == "extended_to_days"


def test_dates_read_the_govuk_way():
    error = rules.DateInFuture(what="response", date=datetime.date(2022, 1, 11))
    assert error.message == "The response date, 11 January 2022, is in the future."


def test_a_rule_without_its_context_is_a_programming_error():
    with pytest.raises(TypeError, match="ExtensionBeyondMaximum needs max_days"):
        rules.ExtensionBeyondMaximum(stage=1)


def test_a_rule_without_a_message_cannot_be_defined():
    with pytest.raises(TypeError, match="needs a docstring"):

        class Silent(rules.RuleViolation):
            pass


def test_specific_closures_are_still_closures():
    assert issubclass(rules.AlreadyResponded, rules.StageClosed)
    assert issubclass(rules.ExtensionAfterResponse, rules.StageClosed)
