"""Cross-article dedup: stored events -> event clusters, one per happening, with GDELT-style counts.

Two events report the same happening when they have the same source, target and polarity (either
way round for acts done with each other: meeting, agreeing, cooperating), a compatible type, dates
within the window their precision allows and no later than either article appeared, and (where both
name one) the same place, perhaps named more fully in one. Clusters are built complete-link, so
every member fits every other: an attack in Kabul and one in Mazar on the same day never share a
cluster through an unlocated third report; a vague report that fits several is not guessed into one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from blocwatch.analysis.checks import actor_code, event_type
from blocwatch.plover import plover_types
from blocwatch.precision import format_date, period_end
from blocwatch.store import ClusterRank, EventCluster, Store, StoredEvent

# Reports of one use of force disagree on its name (a raid is "an attack" in one article and "a
# seizure" in the next), so these types cluster with each other; protests and sanctions stay apart.
_FORCE = frozenset({"MOBILIZE", "COERCE", "ASSAULT"})
# From the most to the least precise; an event dated only by publication is a little vaguer than a day.
_PRECISION_RANK = {"day": 0, "published": 1, "week": 2, "month": 3, "year": 4}
_DAY_WINDOW = 2
_PLACE_KINDS = frozenset({"the", "of", "and", "province", "city", "district", "region"})
_WEEK_WINDOW = 7


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """What a rebuild of the clusters produced."""

    events: int
    clusters: int


@dataclass(frozen=True, slots=True)
class EventListing:
    """Event clusters selected by `find_events`, each with its evidence and the articles reporting it."""

    clusters: list[EventCluster]
    # Undated happenings that match every filter but the date bounds, left out for want of a date
    undated_left_out: int = 0

    def to_json(self) -> list[dict[str, object]]:
        return [_cluster_json(c) for c in self.clusters]

    def rows(self) -> list[dict[str, object]]:
        return [{"id": c.id, "date": c.date, "source": c.source, "target": c.target, "type": c.type,
                 "negated": c.negated, "location": c.location, "mentions": c.num_mentions,
                 "articles": c.num_articles, "outlets": c.num_outlets, "evidence": c.evidence,
                 "sources": "; ".join(c.outlets or c.docs)} for c in self.clusters]


def cluster_events(events: Sequence[StoredEvent]) -> list[EventCluster]:
    """Group events that report the same happening.

    Args:
        events: stored events (any order; ids must be unique).

    Returns:
        Clusters numbered from 1 in date order (undated last), each listing its member event ids.
    """
    ranked = sorted(_ranked_groups(events), key=lambda item: (item[0][0] or date.max, *item[0][1:]))
    return [_summarise(number, group) for number, (_, group) in enumerate(ranked, 1)]


def build_clusters(store: Store) -> ClusterSummary:
    """Recompute every event cluster of `store` from its events and save them (one transaction).

    Events are read one (source, target, polarity) group at a time, and clusters never share a
    group, so memory holds the largest group rather than the store; the store numbers the clusters
    in the same order as `cluster_events`.

    Args:
        store: a store opened for writing.
    """
    events = 0

    def clusters() -> Iterator[tuple[ClusterRank, EventCluster]]:
        nonlocal events
        for group in store.events_by_dyad():
            events += len(group)
            for rank, members in _ranked_groups(group):
                yield rank, _summarise(0, members)

    written = store.replace_clusters(clusters())
    return ClusterSummary(events=events, clusters=written)


def find_events(
    store: Store, *, actor: str | None = None, pair: tuple[str, str] | None = None, type: str | None = None,
    since: date | None = None, until: date | None = None, undated: bool = False,
) -> EventListing:
    """Event clusters matching every filter given, with the evidence and articles behind each.

    Args:
        store: the database.
        actor: an actor code, as source or target.
        pair: two actor codes, in either direction.
        type: a PLOVER event type.
        since: first day (inclusive); undated clusters are left out when a date bound is given (and
            counted in `undated_left_out`), unless `undated`.
        until: last day (inclusive).
        undated: keep undated clusters within date bounds.

    Raises:
        ParameterError: an unknown actor code or event type.
    """
    code = actor_code(store, actor, parameter="--actor") if actor else None
    codes = (actor_code(store, pair[0], parameter="--pair"), actor_code(store, pair[1], parameter="--pair")) \
        if pair else None
    kind = event_type(type) if type else None
    bounded = since is not None or until is not None
    return EventListing(store.clusters(actor=code, pair=codes, type=kind, since=since, until=until, undated=undated),
                        store.count_undated(actor=code, pair=codes, type=kind) if bounded and not undated else 0)


def _ranked_groups(events: Iterable[StoredEvent]) -> Iterator[tuple[ClusterRank, list[StoredEvent]]]:
    """Complete-link groups of `events`, each with its rank: first day, block key, smallest event id."""
    blocks: dict[tuple[object, ...], list[StoredEvent]] = defaultdict(list)
    for stored in events:
        blocks[_block_key(stored)].append(stored)
    for key, block in blocks.items():
        # Precise events found the clusters; vaguer reports then join the one they fit.
        block.sort(key=lambda s: (_rank(s), s.day or date.min, s.id))
        found = _Found()
        for stored in block:
            home = _home(stored, found.fitting(stored))
            if home is None:
                found.add(_Group(stored))
            else:
                home.add(stored)
                found.refile(home)
        # The key as strings (False < True as "False" < "True") so that the store can sort by it too.
        names = [str(part) for part in key]
        for group in found.groups:
            members = group.members
            yield (min((s.day for s in members if s.day), default=None), names, min(s.id for s in members)), members


class _Group:
    """A cluster being built, with what decides whether a report fits every member, kept as it grows:
    the first and last day of its members at each precision, its places, the earliest end of its
    articles' publication periods. (Checked against each member in turn, a block of n reports of one
    happening cost n squared checks: 99 s of CPU to cluster 200k two-sentence documents.)"""

    def __init__(self, first: StoredEvent):
        self.number = 0  # its place among its block's clusters, in the order they were founded (`_Found`)
        self.members: list[StoredEvent] = []
        self.docs: set[str] = set()
        self.undated = self.dated = 0
        self.places: dict[str, None] = {}  # the members' locations as written, in order met
        self.spans: dict[int, tuple[date, date]] = {}  # precision rank -> (first, last) day of those members
        self.published_end: date | None = None  # the earliest end of a dated member's publication period
        self.add(first)

    def add(self, stored: StoredEvent) -> None:
        self.members.append(stored)
        self.docs.add(stored.event.doc)
        if stored.event.location:
            self.places.setdefault(stored.event.location)
        if stored.day is None:
            self.undated += 1
            return
        self.dated += 1
        first, last = self.spans.get(_rank(stored), (stored.day, stored.day))
        self.spans[_rank(stored)] = (min(first, stored.day), max(last, stored.day))
        if stored.published is not None:
            end = period_end(stored.published, stored.published_precision)
            self.published_end = end if self.published_end is None else min(self.published_end, end)

    def fits(self, stored: StoredEvent) -> bool:
        """Whether `stored` fits every member: both dated or both undated; the same place where both name
        one; neither dated to a day after the other's article appeared (a day's grace for time zones);
        and dates that agree at the vaguer precision of the two: the same year, the same month, or
        within a few days (two between days, a week otherwise)."""
        if self.undated if stored.day is not None else self.dated:
            return False
        where = stored.event.location
        if where and not all(_same_place(where, place) for place in self.places):
            return False
        if stored.day is None:
            return True
        return not self._after_publication(stored) and all(
            _within(stored, rank, first, last) for rank, (first, last) in self.spans.items())

    def _after_publication(self, stored: StoredEvent) -> bool:
        """Whether `stored` is dated to a day after some member's article appeared, or some member
        to a day after `stored`'s article appeared: no article reports a happening from after its
        own publication."""
        day = self.spans.get(_PRECISION_RANK["day"])
        if stored.published is not None and day is not None and \
                (day[1] - period_end(stored.published, stored.published_precision)).days > 1:
            return True
        return (stored.day is not None and _rank(stored) == _PRECISION_RANK["day"]
                and self.published_end is not None and (stored.day - self.published_end).days > 1)


class _Found:
    """The clusters of one block, in the order they were founded, filed by the days their members can lie
    on, so that a report is checked only against clusters whose dates may agree with its own. (Checked
    against every cluster of its block, n reports of a source and target cost n squared checks: 58,000
    events took 15 s, 16 times as many as 3,600 took 0.2 s.)

    Where `_within` lets dates agree: a cluster of days and weeks lies within a week either side of the
    day of the report that founded it, one with a member dated to a month lies in that month, and one
    with a member dated to a year in that year; a report agrees with the first only within a week of its
    own day (within its month, its year, if it is dated to a month, a year), with the second only in its
    own month (its year), with the third only in its own year."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self._filed: dict[tuple[str, object], dict[int, None]] = defaultdict(dict)  # slot -> group numbers
        self._slots: list[tuple[str, object]] = []  # each group's slot

    def fitting(self, stored: StoredEvent) -> list[_Group]:
        """The clusters `stored` fits, in the order they were founded (the first is the one it joins)."""
        numbers = sorted({n for slot in _slots_for(stored) for n in self._filed.get(slot, ())})
        return [group for n in numbers if (group := self.groups[n]).fits(stored)]

    def add(self, group: _Group) -> None:
        group.number = len(self.groups)
        self.groups.append(group)
        self._slots.append(_slot(group))
        self._filed[self._slots[-1]][group.number] = None

    def refile(self, group: _Group) -> None:
        """File `group` again after a member joined it (a month or a year now bounds it)."""
        slot, number = _slot(group), group.number
        if slot != self._slots[number]:
            del self._filed[self._slots[number]][number]
            self._slots[number] = slot
            self._filed[slot][number] = None


def _slot(group: _Group) -> tuple[str, object]:
    """Where a cluster is filed (see `_Found`)."""
    if not group.dated:
        return ("undated", None)
    if _PRECISION_RANK["year"] in group.spans:
        return ("year", group.spans[_PRECISION_RANK["year"]][0].year)
    if _PRECISION_RANK["month"] in group.spans:
        first = group.spans[_PRECISION_RANK["month"]][0]
        return ("month", (first.year, first.month))
    return ("days", group.members[0].day)  # the day of the report that founded it


def _slots_for(stored: StoredEvent) -> Iterator[tuple[str, object]]:
    """The slots of every cluster whose dates may agree with `stored`'s (see `_Found`)."""
    day = stored.day
    if day is None:
        yield ("undated", None)
        return
    rank = _rank(stored)
    if rank == _PRECISION_RANK["year"]:
        first, last = date(day.year, 1, 1), date(day.year, 12, 31)
    elif rank == _PRECISION_RANK["month"]:
        first = day.replace(day=1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    else:
        first, last = day - timedelta(days=_WEEK_WINDOW), day + timedelta(days=_WEEK_WINDOW)
    yield from (("days", first + timedelta(days=n)) for n in range((last - first).days + 1))
    months = range(1, 13) if rank == _PRECISION_RANK["year"] else (day.month,)
    yield from (("month", (day.year, month)) for month in months)
    yield ("year", day.year)


def _within(stored: StoredEvent, rank: int, first: date, last: date) -> bool:
    """Whether `stored`'s date agrees with every day from `first` to `last` of the members of precision
    `rank` (see `_Group.fits`): the two ends decide for every day between them."""
    assert stored.day is not None
    looser = max(_rank(stored), rank)
    if looser == _PRECISION_RANK["year"]:
        return first.year == last.year == stored.day.year
    if looser == _PRECISION_RANK["month"]:
        return (first.year, first.month) == (last.year, last.month) == (stored.day.year, stored.day.month)
    window = _DAY_WINDOW if looser == _PRECISION_RANK["day"] else _WEEK_WINDOW
    return (stored.day - first).days <= window and (last - stored.day).days <= window


def _home(stored: StoredEvent, fits: list[_Group]) -> _Group | None:
    """The cluster a report joins among those it fits. A report vaguer than a week that fits several
    is not guessed into one: it joins the one its own article already reports ("it was the second
    attack this month"), or stays apart."""
    if len(fits) <= 1 or _rank(stored) < _PRECISION_RANK["week"]:
        return fits[0] if fits else None
    own = [group for group in fits if stored.event.doc in group.docs]
    return own[0] if len(own) == 1 else None


def _block_key(stored: StoredEvent) -> tuple[object, ...]:
    event = stored.event
    family = "force" if event.type in _FORCE else event.type
    pair = (event.source, event.target)
    mutual = plover_types().get(event.type)
    key = (*(sorted(pair) if mutual and mutual.mutual else pair), event.negated, family)
    if stored.day is None:
        # An undated report can only be matched by what it says and where.
        return (*key, _place(event.location), " ".join(event.evidence.split()).casefold())
    return key


def _rank(stored: StoredEvent) -> int:
    return _PRECISION_RANK.get(stored.event.date_precision or "day", 0)


def _norm(text: str | None) -> str:
    return (text or "").strip().casefold()


def _place(text: str | None) -> str:
    """A location as reports of one happening may differ on it: "Paktika province" is "Paktika"."""
    return " ".join(word for word in re.split(r"[\s-]+", _norm(text)) if word and word not in _PLACE_KINDS)


def _same_place(a: str, b: str) -> bool:
    """Whether two reports name one place, one of them perhaps more fully ("Sistan-Baluchistan" and
    "Baluchistan", "Kabul" and "Kabul airport")."""
    words_a, words_b = set(_place(a).split()), set(_place(b).split())
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _outlet_key(stored: StoredEvent) -> str:
    # An article without an outlet name counts by its web site, or else as a source of its own.
    return stored.outlet or urlsplit(stored.url or "").hostname or f"doc:{stored.event.doc}"


def _summarise(number: int, group: list[StoredEvent]) -> EventCluster:
    best = min(group, key=lambda s: (_rank(s) if s.day else 9, -s.event.confidence, s.id))
    # The span of the most precise reports: a vaguer one that agrees with them ("this month") only
    # confirms, and would stretch a day-precise span to its whole month
    days = [s.day for s in group if s.day and _rank(s) <= max(_rank(best), _PRECISION_RANK["published"])]
    contexts = Counter(context for s in group for context in s.event.contexts)
    location = best.event.location or next((s.event.location for s in group if s.event.location), None)
    return EventCluster(
        id=number, source=best.event.source, target=best.event.target, type=best.event.type, quad=best.quad,
        goldstein=best.goldstein, negated=best.event.negated, cameo=best.event.cameo, date=best.event.date,
        day=best.day, date_precision=best.event.date_precision, location=location,
        evidence=best.event.evidence, doc=best.event.doc,
        contexts=tuple(name for name, _ in contexts.most_common()),
        num_mentions=len(group), num_articles=len({s.event.doc for s in group}),
        num_outlets=len({_outlet_key(s) for s in group}),
        first_date=min(days, default=None), last_date=max(days, default=None),
        events=tuple(sorted(s.id for s in group)),
    )


def _cluster_json(cluster: EventCluster) -> dict[str, object]:
    return {"id": cluster.id, "source": cluster.source, "target": cluster.target, "type": cluster.type,
            "quad": cluster.quad, "goldstein": cluster.goldstein, "negated": cluster.negated,
            "cameo": cluster.cameo, "date": cluster.date, "date_precision": cluster.date_precision,
            "location": cluster.location, "evidence": cluster.evidence, "contexts": list(cluster.contexts),
            "num_mentions": cluster.num_mentions, "num_articles": cluster.num_articles,
            "num_outlets": cluster.num_outlets,
            "first_date": format_date(cluster.first_date, cluster.date_precision),
            "last_date": format_date(cluster.last_date, cluster.date_precision),
            "docs": list(cluster.docs), "outlets": list(cluster.outlets), "urls": list(cluster.urls)}
