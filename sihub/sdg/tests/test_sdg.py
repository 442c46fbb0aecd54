import pytest

from sihub.sdg.colors import contrast_ratio, text_color_on
from sihub.sdg.models import Goal


@pytest.mark.parametrize("number", range(1, 18))
def test_every_goal_colour_gets_text_with_aa_contrast(number, db):
    goal = Goal.objects.get(number=number)
    assert contrast_ratio(goal.color, text_color_on(goal.color)) >= 4.5


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    with pytest.raises(ValueError):
        contrast_ratio("red", "#fff")


def test_it_lists_the_17_goals(client, db):
    html = client.get("/en/agenda2030/").content.decode()
    assert html.count('class="sdg-tile sdg-') == 17
    assert "Decent Work and Economic Growth" in html


def test_it_shows_a_goal_with_its_targets_in_each_language(client, db):
    en = client.get("/en/agenda2030/8/").content.decode()
    sv = client.get("/sv/agenda2030/8/").content.decode()
    assert 'id="target-8.5"' in en and 'id="target-8.10"' in en
    assert "full and productive employment" in en
    assert "Anständiga arbetsvillkor och ekonomisk tillväxt" in sv
    assert "full and productive employment" not in sv


def test_it_answers_404_for_goals_that_do_not_exist(client, db):
    assert client.get("/en/agenda2030/18/").status_code == 404


def test_the_goal_page_needs_few_queries(client, db, django_assert_max_num_queries):
    client.get("/en/agenda2030/8/")
    with django_assert_max_num_queries(8):
        client.get("/en/agenda2030/8/")
