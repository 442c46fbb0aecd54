"""Demo content for core: locales, home pages, the four areas, demo accounts.

Every ``seed`` is idempotent: it looks things up by slug or e-mail and only
creates what is missing, so ``seed_demo`` can run on every ``make run``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from sihub.core.models import ContentPage, HomePage, User
from sihub.core.roles import ADMIN, ANALYST, EDITOR, FACILITATOR, MEMBER
from sihub.core.services import user_set_roles

Log = Callable[[str], None]

DEMO_PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "demo-password.txt"
DEMO_DOMAIN = "demo.sihub.se"

HOME = {
    "sv": ("sihub – social innovation för Agenda 2030",
           "<p>Här samlar kompetenscentret kunskap, aktörer, exempel, analyser och möten "
           "för social innovation i Sverige – kopplat till de globala målen.</p>"),
    "en": ("sihub – social innovation for Agenda 2030",
           "<p>The competence centre gathers knowledge, actors, examples, analyses and meetings "
           "for social innovation in Sweden – tied to the global goals.</p>"),
}

AREAS = [
    {"slug": "kunskap",
     "sv": ("Kunskap", "Vad social innovation är, varför den behövs och hur man arbetar med den: "
                       "metoder och verktyg, berättelser, nyheter, publikationer och goda exempel."),
     "en": ("Knowledge", "What social innovation is, why it is needed and how to work with it: "
                         "methods and tools, stories, news, publications and good examples.")},
    {"slug": "ekosystemet",
     "sv": ("Ekosystemet", "Vilka aktörerna i ekosystemet för social innovation är, vad de erbjuder "
                           "och hur de hänger ihop, på karta och i nätverk."),
     "en": ("Ecosystem", "Who the actors in the social-innovation ecosystem are, what they offer "
                         "and how they connect, on a map and in a network.")},
    {"slug": "analys-och-larande",
     "sv": ("Analys och lärande", "Kartläggning, analys och utvärdering av initiativ: förändringsteori, "
                                  "indikatorer och social avkastning på investering (SROI)."),
     "en": ("Analysis & learning", "Mapping, analysing and evaluating initiatives: theory of change, "
                                   "indicators and social return on investment (SROI).")},
    {"slug": "moten",
     "sv": ("Möten och samskapande", "Konferenser, webbinarier, nätverksträffar och workshops där "
                                     "företag, offentlig sektor, akademi och civilsamhälle möts."),
     "en": ("Meetings & co-creation", "Conferences, webinars, network meetings and workshops where "
                                      "companies, the public sector, academia and civil society meet.")},
]

ACCOUNTS = [
    ("admin@" + DEMO_DOMAIN, "Ada", "Admin", [ADMIN], True),
    ("editor@" + DEMO_DOMAIN, "Elsa", "Redaktör", [EDITOR], False),
    ("analyst@" + DEMO_DOMAIN, "Anders", "Analytiker", [ANALYST], False),
    ("facilitator@" + DEMO_DOMAIN, "Fatima", "Facilitator", [FACILITATOR], False),
    ("member@" + DEMO_DOMAIN, "Maja", "Medlem", [MEMBER], False),
]


def demo_password() -> str:
    """One random password for all demo accounts, kept in var/ so it can be shown again."""
    if DEMO_PASSWORD_FILE.exists():
        return DEMO_PASSWORD_FILE.read_text().strip()
    DEMO_PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    DEMO_PASSWORD_FILE.write_text(password + "\n")
    DEMO_PASSWORD_FILE.chmod(0o600)
    return password


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _translate(page: Page, locale: Locale, title: str, slug: str, **fields: object) -> Page:
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = page.copy_for_translation(locale)
    copy.title = title
    copy.slug = slug
    for name, value in fields.items():
        setattr(copy, name, value)
    _publish(copy)
    # The copy was first saved under the original's slug; renaming it made
    # Wagtail create a redirect from a URL that was never public.
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.filter(redirect_page=copy).delete()
    copy.refresh_from_db()  # url_path as saved, so children get the right URLs
    return copy


def ensure_home_pages() -> dict[str, HomePage]:
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=sv).first()
    if home is None:
        title, intro = HOME["sv"]
        home = HomePage(title=title, slug="hem", intro=intro, locale=sv)
        root.add_child(instance=home)
        _publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home,
                                is_default_site=True, site_name="sihub")
        else:
            site.root_page = home
            site.site_name = "sihub"
            site.save()
        # Wagtail's own "Welcome to your new Wagtail site!" page.
        if old_root is not None and old_root.pk != home.pk and old_root.depth == 2:
            old_root.delete()
    title, intro = HOME["en"]
    home_en = _translate(home, en, title, "home", intro=intro)
    return {"sv": home, "en": home_en}


def ensure_area_pages(homes: dict[str, HomePage]) -> None:
    en = homes["en"].locale
    for area in AREAS:
        page = ContentPage.objects.filter(slug=area["slug"], locale=homes["sv"].locale).first()
        if page is None:
            title, intro = area["sv"]
            page = ContentPage(title=title, slug=area["slug"], intro=intro, show_in_menus=True)
            homes["sv"].add_child(instance=page)
            _publish(page)
        title, intro = area["en"]
        _translate(page, en, title, slugify_en(title), intro=intro, show_in_menus=True)


def slugify_en(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title.replace("&", "and"))


def ensure_accounts(log: Log) -> None:
    password = demo_password()
    admin = User.objects.filter(email=ACCOUNTS[0][0]).first()
    for email, first, last, roles, superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, password, first_name=first, last_name=last,
                is_superuser=superuser, is_staff=superuser,
            )
            user_set_roles(actor=admin, user=user, roles=roles)
            admin = admin or user
    log(f"Demo accounts (password {password}): " + ", ".join(a[0] for a in ACCOUNTS))


def synthetic_pages(homes: dict[str, HomePage], scale: int, log: Log) -> None:
    """``scale`` × 100 extra knowledge pages per language, for benchmarks."""
    from sihub.core.demo_text import synthetic_paragraph

    parent = ContentPage.objects.get(slug="kunskap", locale=homes["sv"].locale)
    wanted = scale * 100
    have = parent.get_children().filter(slug__startswith="syntetisk-").count()
    for i in range(have, wanted):
        page = ContentPage(
            title=f"Syntetisk sida {i + 1}", slug=f"syntetisk-{i + 1}",
            intro=synthetic_paragraph(i, "sv"),
        )
        parent.add_child(instance=page)
        _publish(page)
        if (i + 1) % 100 == 0:
            log(f"  synthetic pages: {i + 1}/{wanted}")


def seed(*, scale: int, log: Log) -> None:
    with transaction.atomic():
        homes = ensure_home_pages()
        ensure_area_pages(homes)
    ensure_accounts(log)
    if scale > 0:
        synthetic_pages(homes, scale, log)
    log("core: home pages, areas of work and demo accounts are in place")
