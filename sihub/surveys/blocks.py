"""The questionnaire editor's blocks (Wagtail StreamField): sections of questions.

A questionnaire's ``body`` is a stream of ``section`` blocks; each holds a
stream of questions, one block type per kind of question. Every text is
written in Swedish and English. ``schema.parse`` turns the stored stream into
plain dataclasses, which everything else reads; ``schema.problems`` says what
is wrong with it (the block ``clean`` methods and the model's ``clean`` use it).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from sihub.surveys.schema import DIMENSIONS, IN, OPERATORS

CODE_HELP = _("Variable name in results and exports: letters, digits and _ (e.g. q_age). "
              "Unique in the questionnaire.")
SHOW_IF_HELP = _("Skip logic: show only when the answer to the question with this code meets "
                 "the test below. Leave empty to always show.")
OPERATOR_HELP = _("“is one of” tests a choice or scale question against answer codes; the "
                  "comparisons test a number or scale question against one number.")
VALUES_HELP = _("For “is one of”: answer codes, separated by commas (for a scale: the "
                "numbers). For a comparison: one number, e.g. 10.")
EXCLUSIVE_HELP = _("Cannot be combined with other answers (e.g. “None of these”, “Don't "
                   "know”): ticking it unticks the others.")


class ConditionBlock(blocks.StructBlock):
    """A stored condition without ``operator`` (made before comparisons) means "is one of"."""

    question = blocks.CharBlock(label=_("show if question"), required=False, max_length=40,
                                help_text=SHOW_IF_HELP)
    operator = blocks.ChoiceBlock(choices=OPERATORS, default=IN, label=_("test"),
                                  help_text=OPERATOR_HELP)
    values = blocks.CharBlock(label=_("answers or number"), required=False,
                              max_length=400, help_text=VALUES_HELP)

    class Meta:
        label = _("skip logic")
        collapsed = True


class OptionBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("code"), max_length=40)
    label_sv = blocks.CharBlock(label=_("label (Swedish)"), max_length=300)
    label_en = blocks.CharBlock(label=_("label (English)"), max_length=300)

    class Meta:
        label = _("answer option")


class MultipleChoiceOptionBlock(OptionBlock):
    """An answer option of a multiple-choice question, which may exclude all the others."""

    exclusive = blocks.BooleanBlock(label=_("excludes other answers"), required=False,
                                    default=False, help_text=EXCLUSIVE_HELP)

    class Meta:
        label = _("answer option")


class QuestionBlock(blocks.StructBlock):
    """What every kind of question has."""

    code = blocks.CharBlock(label=_("code"), max_length=40, help_text=CODE_HELP)
    text_sv = blocks.TextBlock(label=_("question (Swedish)"))
    text_en = blocks.TextBlock(label=_("question (English)"))
    help_sv = blocks.TextBlock(label=_("help text (Swedish)"), required=False)
    help_en = blocks.TextBlock(label=_("help text (English)"), required=False)
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)
    show_if = ConditionBlock()


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("answer options"))
    dimension = blocks.ChoiceBlock(
        choices=[("", _("none")), *DIMENSIONS], required=False, label=_("breakdown"),
        help_text=_("Results can be broken down by the questions marked as sector, region "
                    "or size (one question each)."))


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    options = blocks.ListBlock(MultipleChoiceOptionBlock(), label=_("answer options"))
    max_choices = blocks.IntegerBlock(label=_("at most this many answers"), required=False,
                                      min_value=1)


class ScaleQuestionBlock(QuestionBlock):
    minimum = blocks.IntegerBlock(label=_("lowest value"), default=1)
    maximum = blocks.IntegerBlock(label=_("highest value"), default=5)
    min_label_sv = blocks.CharBlock(label=_("lowest means (Swedish)"), required=False)
    min_label_en = blocks.CharBlock(label=_("lowest means (English)"), required=False)
    max_label_sv = blocks.CharBlock(label=_("highest means (Swedish)"), required=False)
    max_label_en = blocks.CharBlock(label=_("highest means (English)"), required=False)


class NumberQuestionBlock(QuestionBlock):
    minimum = blocks.DecimalBlock(label=_("lowest allowed"), required=False)
    maximum = blocks.DecimalBlock(label=_("highest allowed"), required=False)
    integer = blocks.BooleanBlock(label=_("whole numbers only"), required=False, default=True)
    unit_sv = blocks.CharBlock(label=_("unit (Swedish)"), required=False, max_length=40)
    unit_en = blocks.CharBlock(label=_("unit (English)"), required=False, max_length=40)
    bins = blocks.CharBlock(
        label=_("groups in results"), required=False, max_length=200,
        help_text=_("Upper limits separated by commas, e.g. 1,9,49,249 gives 0–1, 2–9, 10–49, "
                    "50–249 and 250 or more."))


class TextQuestionBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(label=_("at most this many characters"), required=False,
                                     min_value=1)
    classify = blocks.BooleanBlock(
        label=_("suggest global goals for the answers"), required=False, default=False)


class MatrixQuestionBlock(QuestionBlock):
    rows = blocks.ListBlock(OptionBlock(), label=_("rows (statements)"))
    options = blocks.ListBlock(OptionBlock(), label=_("columns (answer options)"))


class QuestionStream(blocks.StreamBlock):
    single_choice = ChoiceQuestionBlock(label=_("single choice"), icon="radio-full")
    multiple_choice = MultipleChoiceQuestionBlock(label=_("multiple choice"), icon="list-ul")
    scale = ScaleQuestionBlock(label=_("scale"), icon="order")
    number = NumberQuestionBlock(label=_("number"), icon="plus")
    short_text = TextQuestionBlock(label=_("short text"), icon="pilcrow")
    long_text = TextQuestionBlock(label=_("long text"), icon="doc-full")
    matrix = MatrixQuestionBlock(label=_("matrix"), icon="table")


class SectionBlock(blocks.StructBlock):
    key = blocks.CharBlock(label=_("code"), max_length=40,
                           help_text=_("Short name of the section, e.g. organisation."))
    title_sv = blocks.CharBlock(label=_("title (Swedish)"))
    title_en = blocks.CharBlock(label=_("title (English)"))
    intro_sv = blocks.TextBlock(label=_("introduction (Swedish)"), required=False)
    intro_en = blocks.TextBlock(label=_("introduction (English)"), required=False)
    show_if = ConditionBlock()
    questions = QuestionStream(label=_("questions"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("section")


class QuestionnaireBody(blocks.StreamBlock):
    section = SectionBlock()
