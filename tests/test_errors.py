from kg.errors import one_line


def test_one_line_joins_lines_and_spaces():
    assert one_line("expected one of\n  ['%'],\n\t['.']") == "expected one of ['%'], ['.']"


def test_one_line_cuts_long_text_and_marks_the_cut():
    cut = one_line("word " * 100, 20)
    assert len(cut) == 20 and cut.endswith("…") and cut.startswith("word word")
    assert one_line("short", 20) == "short"
