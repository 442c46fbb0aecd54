"""Cross-sector balance: a coalition's sector mix at a glance, and when to warn.

The rule for "missing" and "dominant" is ``suggest.sector_mix`` (the Django-free
ranking module), so the warning on the workspace and the sector bonus in the
member suggestions always agree: a sector the warning calls missing is the
sector the suggestions prefer. Only *active* members count: an invitation
nobody has accepted yet does not balance anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from sihub.coalitions.models import Coalition, CoalitionMember, MemberStatus
from sihub.coalitions.suggest import BALANCE_SECTORS, sector_mix
from sihub.core.models import Sector


@dataclass(frozen=True)
class SectorShare:
    """One sector's part of the coalition (also the sectors with no member)."""

    slug: str
    name: str  # in the language active when the balance was made
    count: int
    share: float  # 0–1 of the active members
    is_balance_sector: bool  # one of the four a coalition should have
    # The segment of the stacked bar, in percent of its width, as plain strings:
    # a template would localise a float ("33,3" in Swedish) and break the SVG.
    bar_x: str = "0"
    bar_width: str = "0"

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class Balance:
    total: int
    sectors: tuple[SectorShare, ...]  # every sector, in the sectors' own order
    missing: tuple[SectorShare, ...]  # balance sectors with no active member
    dominant: SectorShare | None  # the sector with more than half the members
    warnings: tuple[str, ...]  # translated sentences, one per problem

    @property
    def is_balanced(self) -> bool:
        return not self.warnings

    @property
    def present(self) -> tuple[SectorShare, ...]:
        """The sectors with at least one member (the bar's segments)."""
        return tuple(s for s in self.sectors if s.count)


def _lower_first(name: str) -> str:
    """A sector's name inside a sentence: "Akademi" → "akademi", "Private sector" → "private…"."""
    return name[:1].lower() + name[1:]


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def balance_from_counts(counts: Mapping[str, int], sectors: Iterable[Sector]) -> Balance:
    """The balance of members counted per sector slug; ``sectors`` in display order.

    Separate from the database query so known mixes can be tested directly.
    """
    counts = {slug: n for slug, n in counts.items() if n > 0}
    mix = sector_mix(counts)
    total = mix.total
    rows: list[SectorShare] = []
    x = 0.0
    for sector in sectors:
        n = counts.get(sector.slug, 0)
        share = n / total if total else 0.0
        width = share * 100
        rows.append(SectorShare(slug=sector.slug, name=sector.name, count=n, share=share,
                                is_balance_sector=sector.slug in BALANCE_SECTORS,
                                bar_x=_fmt(x), bar_width=_fmt(width)))
        x += width
    by_slug = {r.slug: r for r in rows}
    missing = tuple(by_slug[s] for s in mix.missing if s in by_slug)
    dominant = by_slug.get(mix.dominant) if mix.dominant else None

    warnings: list[str] = []
    if total == 0:
        warnings.append(_("The coalition has no active members yet."))
    else:
        for sector in missing:
            warnings.append(_("No member from %(sector)s yet")
                            % {"sector": _lower_first(sector.name)})
        if dominant is not None:
            warnings.append(_("%(sector)s makes up %(percent)s %% of the members")
                            % {"sector": dominant.name, "percent": dominant.percent})
    return Balance(total=total, sectors=tuple(rows), missing=missing, dominant=dominant,
                   warnings=tuple(warnings))


def member_sector_counts(coalition: Coalition) -> dict[str, int]:
    """Active members per sector slug (one query)."""
    rows = (CoalitionMember.objects.filter(coalition=coalition, status=MemberStatus.ACTIVE)
            .values("actor__sector__slug").annotate(n=Count("pk")).order_by())
    return {r["actor__sector__slug"]: r["n"] for r in rows}


def coalition_balance(coalition: Coalition) -> Balance:
    """The balance partial's context (``coalitions/_balance.html``): two queries."""
    return balance_from_counts(member_sector_counts(coalition),
                               Sector.objects.order_by("sort_order", "pk"))
