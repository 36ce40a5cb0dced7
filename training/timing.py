"""The agenda's clock: each item's start and the total, from the films' parsed durations and the
planned minutes of everything else.

A film given as a range ("5 korta filmer (2-3 minuter)") keeps both ends, so every later start is
shown as a range too (earliest–latest), never silently the upper or lower bound. A film without a
known duration counts as the minutes the planner estimated, or as 0 when there is no estimate;
either way it is flagged, and so is every start time after it.
Times are shown to the minute, rounded to the nearest minute (30 s rounds up).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from mandates.durations import format_span

from .models import ItemKind, SessionItem


@dataclass(frozen=True)
class ItemTime:
    item: SessionItem
    start_min: datetime.datetime
    start_max: datetime.datetime
    min_seconds: int
    max_seconds: int
    duration_unknown: bool  # a film whose length the package does not give
    estimated: bool  # ... for which the planner gave minutes
    after_unknown: bool  # an earlier film's length is unknown, so this start is uncertain

    @property
    def start_display(self) -> str:
        return span_of_times(self.start_min, self.start_max)

    @property
    def duration_display(self) -> str:
        if self.duration_unknown and not self.estimated:
            return ""
        return format_span(self.min_seconds, self.max_seconds)

    @property
    def is_range(self) -> bool:
        return self.min_seconds != self.max_seconds


@dataclass(frozen=True)
class Agenda:
    rows: list[ItemTime]
    start: datetime.datetime
    min_seconds: int
    max_seconds: int
    unknown: int

    @property
    def end_min(self) -> datetime.datetime:
        return self.start + datetime.timedelta(seconds=self.min_seconds)

    @property
    def end_max(self) -> datetime.datetime:
        return self.start + datetime.timedelta(seconds=self.max_seconds)

    @property
    def end_display(self) -> str:
        return span_of_times(self.end_min, self.end_max)

    @property
    def total_display(self) -> str:
        return format_span(self.min_seconds, self.max_seconds)

    @property
    def is_range(self) -> bool:
        return self.min_seconds != self.max_seconds


def rounded(moment: datetime.datetime) -> datetime.datetime:
    """To the nearest minute; 30 seconds round up."""
    moment = moment.replace(microsecond=0)
    if moment.second >= 30:
        moment += datetime.timedelta(minutes=1)
    return moment.replace(second=0)


def span_of_times(low: datetime.datetime, high: datetime.datetime) -> str:
    low_text, high_text = f"{rounded(low):%H:%M}", f"{rounded(high):%H:%M}"
    return low_text if low_text == high_text else f"{low_text}–{high_text}"


def item_seconds(item: SessionItem) -> tuple[int, int, bool, bool]:
    """(shortest, longest, duration unknown, estimated by the planner) for one agenda item."""
    planned = (item.minutes or 0) * 60
    if item.kind == ItemKind.FILM:
        film = item.film
        if film.duration_min_seconds is not None:
            return film.duration_min_seconds, film.duration_max_seconds, False, False
        return planned, planned, True, item.minutes is not None
    return planned, planned, False, False


def build_agenda(
    items: Iterable[SessionItem], date: datetime.date, start_time: datetime.time
) -> Agenda:
    """Works on items with their film prefetched (select_related), so it costs no query."""
    start = datetime.datetime.combine(date, start_time)
    low = high = unknown = 0
    rows = []
    for item in items:
        seconds_min, seconds_max, is_unknown, estimated = item_seconds(item)
        rows.append(
            ItemTime(
                item=item,
                start_min=start + datetime.timedelta(seconds=low),
                start_max=start + datetime.timedelta(seconds=high),
                min_seconds=seconds_min,
                max_seconds=seconds_max,
                duration_unknown=is_unknown,
                estimated=estimated,
                after_unknown=unknown > 0,
            )
        )
        low, high = low + seconds_min, high + seconds_max
        unknown += is_unknown
    return Agenda(rows=rows, start=start, min_seconds=low, max_seconds=high, unknown=unknown)


def session_agenda(session) -> Agenda:
    return build_agenda(session.items.all(), session.date, session.start_time)
