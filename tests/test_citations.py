import pytest

from assistant.citations import compact, markers, resolve


@pytest.mark.parametrize("text, expected", [
    ("Se canceló [1].", [1]),
    ("A [2] y B [1, 3].", [2, 1, 3]),
    ("A [2][2] B [3;1]", [2, 3, 1]),
    ("Sin citas.", []),
    ("Año [2009] no es cita?", [2009]),
])
def test_markers(text, expected):
    assert markers(text) == expected


@pytest.mark.parametrize("text, available, cleaned, valid", [
    ("Se canceló [1].", 2, "Se canceló [1].", [1]),
    ("Se canceló [3].", 2, "Se canceló.", []),
    ("A [1, 5] y B [2].", 2, "A [1] y B [2].", [1, 2]),
    ("A [0] B", 2, "A B", []),
    ("Texto [7][1]", 1, "Texto [1]", [1]),
])
def test_resolve_drops_markers_that_point_to_nothing(text, available, cleaned, valid):
    assert resolve(text, available) == (cleaned, valid)


def test_compact_renumbers_in_order():
    text, mapping = compact("B [3] y A [1] y B otra vez [3]", [3, 1])
    assert text == "B [1] y A [2] y B otra vez [1]"
    assert mapping == {3: 1, 1: 2}
