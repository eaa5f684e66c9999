"""The fast select renders the same choices as Django's, selected and escaped."""

from placements.lists.widgets import FastSelect


def test_fast_select_marks_the_choice_and_escapes_labels():
    widget = FastSelect(choices=[("", "---"), ("a", "<script>x</script>"), ("b", "Béta & co")])
    html = widget.render("kind", "b", attrs={"id": "id_kind"})
    assert html.startswith('<select id="id_kind" name="kind">')
    assert '<option value="b" selected>Béta &amp; co</option>' in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert '<option value="a">' in html
