"""Page-making helpers for the apps' demo modules (``<app>/demo.py``).

Demo code only. They live here, in a bottom app, so that the demo modules of
the apps above (knowledge, cases, …) share them without importing each other:

- ``EcosystemTags`` resolves the codes in written demo data (SDG 8, target
  "8.5", theme slug, county "24") to rows;
- ``ensure_pair`` makes a Swedish page and its English translation, once;
- ``bulk_add_children`` inserts thousands of live pages quickly, with their tag
  rows, for benchmarks; ``missing_numbers`` and ``RandomTags`` feed it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from sihub.core.demo import Log, _publish, _translate
from sihub.core.models import County, Municipality, Sector, Theme
from sihub.sdg.models import Goal, Target

LANGS = ("sv", "en")


# --- Tags by code --------------------------------------------------------------


class EcosystemTags:
    """Resolves the codes in demo data (SDG 8, target "8.5", theme slug, county "24") to rows.

    Loads the reference tables once (~520 rows), and fails loudly on an unknown code
    so a typo in the demo texts is found at once rather than shipping an untagged page.
    """

    def __init__(self) -> None:
        self.by_field: dict[str, dict[Any, Any]] = {
            "sdgs": {g.number: g for g in Goal.objects.all()},
            "sdg_targets": {t.code: t for t in Target.objects.select_related("goal")},
            "themes": {t.slug: t for t in Theme.objects.all()},
            "sectors": {s.slug: s for s in Sector.objects.all()},
            "counties": {c.code: c for c in County.objects.all()},
            "municipalities": {m.code: m for m in Municipality.objects.all()},
        }

    def resolve(self, spec: dict[str, list[Any]]) -> dict[str, list[Any]]:
        keys = {"sdgs": "sdgs", "targets": "sdg_targets", "themes": "themes",
                "sectors": "sectors", "counties": "counties", "municipalities": "municipalities"}
        unknown = set(spec) - set(keys)
        if unknown:
            raise KeyError(f"unknown tag kinds in demo data: {sorted(unknown)}")
        resolved = {}
        for key, field in keys.items():
            rows = self.by_field[field]
            missing = [code for code in spec.get(key, []) if code not in rows]
            if missing:
                raise KeyError(f"demo data names unknown {key}: {missing}")
            resolved[field] = [rows[code] for code in spec.get(key, [])]
        # A page tagged with a target is about its goal too.
        goals = {g.number for g in resolved["sdgs"]}
        for target in resolved["sdg_targets"]:
            if target.goal.number not in goals:
                resolved["sdgs"].append(target.goal)
                goals.add(target.goal.number)
        return resolved

    def apply(self, page: Page, spec: dict[str, list[Any]]) -> None:
        for field, rows in self.resolve(spec).items():
            setattr(page, field, rows)


# --- Making pages --------------------------------------------------------------


def ensure_child(parent: Page, model: type[Page], slug: str, build: Any) -> Page:
    """The child of ``parent`` with this slug, or a new published one from ``build()``."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = build()
    page.slug = slug
    parent.add_child(instance=page)  # Page.save() runs full_clean()
    _publish(page)
    return page


def ensure_pair(parent_sv: Page, en: Locale, model: type[Page], record: dict[str, Any],
                fields: dict[str, dict[str, Any]], tags: EcosystemTags | None = None,
                ) -> tuple[Page, Page]:
    """A Swedish page and its English translation; ``fields`` holds each language's values."""

    def build() -> Page:
        page = model(title=record["title"]["sv"], **fields["sv"])
        if tags is not None and "tags" in record:
            tags.apply(page, record["tags"])
        return page

    page_sv = ensure_child(parent_sv, model, record["slug"]["sv"], build)
    page_en = _translate(page_sv, en, record["title"]["en"], record["slug"]["en"], **fields["en"])
    return page_sv, page_en


# --- Bulk pages for benchmarks -------------------------------------------------

PageWithTags = tuple[Page, dict[str, list[int]]]


def bulk_add_children(parent: Page, pages: Iterable[PageWithTags], *, total: int, log: Log,
                      label: str, batch_size: int = 1000) -> int:
    """Insert live pages under ``parent`` in bulk; returns how many.

    ``add_child`` plus publishing costs ~25 ms a page (treebeard's path lookup,
    ``full_clean`` with its slug query, a revision, log entries, a search-index
    task), so 10,000 pages would take minutes. This writes the same rows
    directly: ``wagtailcore_page`` rows with treebeard paths after the parent's
    last child, the specific model's rows, the tag link rows (``{field: [pk]}``),
    and at the end the parent's ``numchild``. Each page is ``clean_fields()``-ed
    first. Differences from the normal path, acceptable for benchmark data: no
    revisions (the editor starts from the live row, which Wagtail supports), no
    log entries, and no search index rows until ``manage.py update_index``.
    """
    parent = Page.objects.get(pk=parent.pk)  # fresh path, url_path and depth
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen:]) + 1 if last is not None else 1
    depth = parent.depth + 1
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    skip_clean = {f.name for f in Page._meta.concrete_fields if f.is_relation} | {"page_ptr"}
    created = 0
    for batch in _batches(pages, batch_size):
        model = type(batch[0][0])
        if model._meta.get_parent_list() != [Page]:
            raise TypeError(f"{model.__name__} must inherit directly from Page")
        content_type = ContentType.objects.get_for_model(model)
        for page, _tags in batch:
            if step >= len(Page.alphabet) ** Page.steplen:
                raise OverflowError(f"{parent} has no room for more children")
            page.path = Page._get_path(parent.path, depth, step)
            step += 1
            page.depth, page.numchild = depth, 0
            page.locale_id = parent.locale_id
            page.content_type = content_type
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.draft_title = page.title
            page.live, page.has_unpublished_changes = True, False
            page.first_published_at = page.first_published_at or timezone.now()
            page.last_published_at = page.first_published_at
            page.latest_revision_created_at = page.first_published_at
            page.clean_fields(exclude=skip_clean)
        with transaction.atomic():
            bases = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(page, f.attname) for f in page_fields})
                 for page, _tags in batch])
            links: dict[str, list[Any]] = {}
            for (page, tags), base in zip(batch, bases, strict=True):
                page.pk = page.id = base.pk
                # raw=True saves only the specific table (as loaddata does for
                # multi-table rows) and tells signal handlers to stay out.
                page.save_base(raw=True, force_insert=True)
                for field_name, target_ids in tags.items():
                    links.setdefault(field_name, []).extend((page.pk, t) for t in target_ids)
            for field_name, pairs in links.items():
                field = model._meta.get_field(field_name)
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                through.objects.bulk_create(
                    [through(**{f"{source}_id": s, f"{target}_id": t}) for s, t in pairs])
        created += len(batch)
        log(f"  {label}: {created}/{total}")
    Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    return created


def _batches(items: Iterable[PageWithTags], size: int) -> Iterator[list[PageWithTags]]:
    batch: list[PageWithTags] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def missing_numbers(parent: Page, prefix: str, wanted: int) -> list[int]:
    """Which of the synthetic children ``prefix-1`` … ``prefix-wanted`` do not exist yet."""
    have = set(parent.get_children().filter(slug__startswith=prefix)
               .values_list("slug", flat=True))
    return [i for i in range(1, wanted + 1) if f"{prefix}{i}" not in have]


class RandomTags:
    """Deterministic, plausible tag sets for synthetic pages (same number, same tags)."""

    # Goals that social-innovation content in Sweden is most often about come up more.
    GOAL_WEIGHTS = {1: 2, 2: 1, 3: 5, 4: 5, 5: 3, 6: 1, 7: 1, 8: 8, 9: 2, 10: 7, 11: 5,
                    12: 3, 13: 2, 14: 1, 15: 1, 16: 3, 17: 4}

    def __init__(self) -> None:
        self.goals = dict(Goal.objects.values_list("number", "pk"))
        self.targets: dict[int, list[int]] = {}
        for goal_number, pk in Target.objects.values_list("goal__number", "pk"):
            self.targets.setdefault(goal_number, []).append(pk)
        self.themes = list(Theme.objects.order_by("slug").values_list("pk", flat=True))
        self.sectors = list(Sector.objects.order_by("slug").values_list("pk", flat=True))
        self.counties = list(County.objects.order_by("code").values_list("pk", "code"))
        self.municipalities: dict[int, list[tuple[int, str]]] = {}
        for pk, name, county in Municipality.objects.order_by("code").values_list(
                "pk", "name", "county_id"):
            self.municipalities.setdefault(county, []).append((pk, name))

    def draw(self, rng: random.Random) -> tuple[dict[str, list[int]], str]:
        """Tag ids by field, and the municipality's name for a title."""
        numbers = list(self.GOAL_WEIGHTS)
        goals = sorted(set(rng.choices(numbers, weights=list(self.GOAL_WEIGHTS.values()),
                                       k=rng.randint(1, 3))))
        targets = [rng.choice(self.targets[n]) for n in goals if rng.random() < 0.6]
        county_pk, _code = rng.choice(self.counties)
        municipality_pk, place = rng.choice(self.municipalities[county_pk])
        tags = {
            "sdgs": [self.goals[n] for n in goals],
            "sdg_targets": targets,
            "themes": rng.sample(self.themes, rng.randint(1, 2)),
            "sectors": rng.sample(self.sectors, rng.randint(1, 3)),
            "counties": [county_pk],
            "municipalities": [municipality_pk] if rng.random() < 0.8 else [],
        }
        return tags, place
