"""The consents a registrant gives, word for word, and the version of those words.

Each registration stores, per kind, whether it was granted, the exact
sentence shown (in the registrant's language) and ``CONSENT_TEXT_VERSION``
(``RegistrationConsent``). Change a sentence → bump the version, so a record
always says which wording someone agreed to. Only the registration consent is
required: photos and sharing contact details are free choices.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sihub.events.models import ConsentKind

CONSENT_TEXT_VERSION = "2026-1"

# Shown in this order on the form.
CONSENT_KINDS: tuple[str, ...] = (ConsentKind.REGISTRATION, ConsentKind.PHOTOS,
                                  ConsentKind.SHARE_CONTACT)
REQUIRED_CONSENTS: frozenset[str] = frozenset({ConsentKind.REGISTRATION})

_TEXTS = {
    ConsentKind.REGISTRATION: _(
        "I agree that the centre processes my registration: my name, e-mail address, "
        "organisation, sector and any dietary or accessibility needs are used to run this "
        "event, are seen by its organisers, and are deleted or anonymised %(days)s days after "
        "the event. I can cancel, or ask for my data to be erased, at any time."),
    ConsentKind.PHOTOS: _(
        "I agree that photos and film in which I can be seen may be taken at the event and "
        "used in the centre's reporting and communication about it."),
    ConsentKind.SHARE_CONTACT: _(
        "I agree that my name and organisation are shared with the other participants of the "
        "event, for example in a participant list, so that we can get in touch."),
}


def consent_text(kind: str, language: str | None = None) -> str:
    """The sentence for ``kind`` exactly as shown in ``language`` (default: the active one)."""
    text = _TEXTS[ConsentKind(kind)]
    with translation.override(language or translation.get_language()):
        # A mapping with no placeholder in the sentence formats to the sentence itself.
        return str(text) % {"days": settings.SIHUB_EVENTS_RETENTION_DAYS}
